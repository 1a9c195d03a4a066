/**
 * JSON text -> value, or a positioned diagnostic. JSON.parse does the parsing; when it
 * fails, a small RFC 8259 scanner finds the offset of the first error (V8's message does not
 * always carry a position), so the diagnostic points at file:line:col:
 *
 *   - the input ends inside a value (a truncated capture)  -> `inventory.truncated`, at the end
 *   - anything else (a trailing comma, a missing quote)    -> `inventory.invalid_json`, at the
 *     first character that cannot continue the document
 *
 * Lines and columns are 1-based; a column counts UTF-16 code units from the line start.
 */
import type { Diagnostic } from '../../diagnostics/types.js';

/** 1-based line and column of a 0-based offset in `text`. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: end - start + 1 };
}

interface ScanError {
  offset: number;
  message: string;
  hint?: string;
  /** The input ended before the document did. */
  truncated: boolean;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** Finds the first syntax error of a JSON text (undefined when there is none). */
export function findJsonError(text: string): ScanError | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const fail = (message: string, hint?: string): ScanError =>
    i >= text.length
      ? { offset: text.length, message: 'the input ends inside a JSON value', truncated: true }
      : { offset: i, message, ...(hint ? { hint } : {}), truncated: false };
  const show = (): string => (i < text.length ? JSON.stringify(text[i]) : 'the end');

  const value = (): ScanError | undefined => {
    ws();
    const c = text[i];
    if (c === '{') return container('}');
    if (c === '[') return container(']');
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
      if (text.length - i < word.length && word.startsWith(text.slice(i))) {
        i = text.length; // "tru" at the very end: cut off
        return fail('');
      }
    }
    return fail(`unexpected ${show()}: expected a JSON value`);
  };

  const string = (): ScanError | undefined => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) {
          i = text.length;
          return fail('');
        }
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            if (i + 6 > text.length) {
              i = text.length;
              return fail('');
            }
            return fail('a \\u escape needs four hex digits');
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) {
          i++;
          return fail(`invalid escape \\${e} in a string`);
        }
        i += 2;
        continue;
      }
      if (c < ' ') return fail('a control character (a line break?) inside a string', 'JSON strings cannot span lines: is a closing quote missing?');
      i++;
    }
    return fail('');
  };

  const number = (): ScanError | undefined => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') {
      if (i + 1 >= text.length) {
        i = text.length;
        return fail('');
      }
      return fail(`unexpected ${show()}: expected a number`);
    }
    i += m[0].length;
    return undefined;
  };

  const container = (close: '}' | ']'): ScanError | undefined => {
    const isObject = close === '}';
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return undefined;
    }
    let comma = -1;
    const trailing = (what: string): ScanError => {
      const at = lineCol(text, comma);
      return fail(`unexpected ${show()} after ",": JSON allows no trailing comma`, `remove the comma after the last ${what} (line ${at.line}, column ${at.col})`);
    };
    for (;;) {
      ws();
      if (isObject) {
        if (text[i] !== '"') {
          if (text[i] === close && comma >= 0) return trailing('member');
          return fail(`unexpected ${show()}: expected a member name in double quotes`);
        }
        const e = string();
        if (e) return e;
        ws();
        if (text[i] !== ':') return fail(`unexpected ${show()}: expected ":" after the member name`);
        i++;
      } else {
        ws();
        if (text[i] === ']' && comma >= 0) return trailing('element');
      }
      const e = value();
      if (e) return e;
      ws();
      if (text[i] === ',') {
        comma = i;
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return undefined;
      }
      return fail(`unexpected ${show()}: expected "," or "${close}"`, isObject ? 'is a comma missing between two members?' : 'is a comma missing between two elements?');
    }
  };

  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  i = start;
  ws();
  if (i >= text.length) return { offset: text.length, message: 'the file is empty', truncated: false };
  const e = value();
  if (e) return e;
  ws();
  if (i < text.length) return fail(`unexpected ${show()} after the end of the JSON document`, 'two documents in one file, or text after the JSON?');
  return undefined;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic };

/**
 * Parses a JSON inventory. Never throws: a syntax error becomes `inventory.invalid_json`
 * (or `inventory.truncated` when the text stops inside a value), positioned at file:line:col.
 * A leading UTF-8 byte order mark is ignored.
 */
export function parseJsonText(text: string, fileName: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const found = findJsonError(text) ?? { offset: 0, message: (error as Error).message, truncated: false };
    const { line, col } = lineCol(text, found.offset);
    const diagnostic: Diagnostic = {
      code: found.truncated ? 'inventory.truncated' : 'inventory.invalid_json',
      severity: 'error',
      message: found.truncated ? `${found.message}: the file looks truncated` : `invalid JSON: ${found.message}`,
      path: [],
      location: { file: fileName, line, col },
    };
    const hint = found.truncated ? 'capture the whole output again (a copy or a transfer was cut short)' : found.hint;
    if (hint) diagnostic.hint = hint;
    return { ok: false, diagnostic };
  }
}
