/**
 * Text from an outside source (a Ceph or OpenStack response, a file name) written into a YAML
 * comment of a generated scenario: control characters, line breaks and the Unicode line and
 * paragraph separators would end the comment and let the text inject YAML, so each is shown
 * as a `\uXXXX` escape instead.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` safe inside a YAML `# ...` comment (see the module comment). */
export function commentText(text: string): string {
  return text.replace(BREAKS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
