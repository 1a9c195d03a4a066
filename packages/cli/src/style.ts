/**
 * Terminal styling: ANSI colours, used only when the stream is a TTY and NO_COLOR is not
 * set (https://no-color.org: a non-empty NO_COLOR disables colour).
 */

/** Something output can be written to, like process.stdout. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when the stream is a terminal; colour is used only then. */
  isTTY?: boolean;
}

/** Text decorators; identity functions when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

/**
 * Whether to colour output written to `stream`: only for a TTY, and only when NO_COLOR is
 * unset or empty (the no-color.org convention).
 */
export function shouldUseColor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env['NO_COLOR'];
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string): string => text;

/** Returns the decorators: ANSI SGR sequences when `enabled`, identities otherwise. */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return { bold: identity, dim: identity, red: identity, yellow: identity, cyan: identity, green: identity };
  }
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    green: sgr(32, 39),
  };
}
