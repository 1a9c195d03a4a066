/**
 * Text from input files, made safe to print on a terminal. A scenario or an inventory may hold
 * escape sequences (ESC [ ... that move the cursor, retitle the window, rewrite earlier lines),
 * NUL, other C0 and C1 control characters, or bidirectional overrides (which reorder what a
 * reviewer sees): each is shown as a visible escape (`\x1b`, `\x00`, `\x9b`, `\u202e`) instead.
 * Line feed and tab are kept. Carriage return is escaped too: alone it rewrites the line.
 */

/** C0 controls but tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates, line/paragraph separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character escaped (see the module comment). */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** escapeControl per CRLF-separated line: CSV's record separator (RFC 4180) is kept, every other control character escaped. */
export function escapeControlLines(text: string): string {
  return text.split('\r\n').map(escapeControl).join('\r\n');
}

/** Whether `text` holds a character escapeControl would escape. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * A copy of `value` with escapeControl applied to every string (keys included); the value
 * itself when nothing needs escaping, so a clean plan is not copied.
 */
export function escapeStrings<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return hasControl(value) ? escapeControl(value) : value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const w = walk(v);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = hasControl(k) ? escapeControl(k) : k;
      const w = walk(v);
      if (w !== v || key !== k) changed = true;
      out[key] = w;
    }
    return changed ? out : value;
  }
  return value;
}

/** JSON text with the C1 controls and bidi characters JSON.stringify leaves raw written as \u escapes (still the same JSON value). */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
