/**
 * YAML syntax errors where the mistake is. The yaml parser reports an indentation mistake
 * where its grammar breaks, which is often the line before the mis-indented key ("Nested
 * mappings are not allowed in compact mappings" at the previous value) or column 1 of it, and
 * an unclosed flow mapping `{` / sequence `[` on the first line after it. This module looks at
 * the text itself, at and just after such an error, and finds:
 *
 * - **the mis-indented key or list item**: a `key:` line indented deeper than the line before
 *   although that line opened no block (`key: value`, not `key:`), or indented to a column no
 *   enclosing block uses. Reported at the key, "this key is indented 6 spaces; its siblings 4";
 * - **the unclosed `{` or `[`**: the innermost bracket still open where the parser gave up.
 *
 * The scan is line based and deliberately small: it follows block mappings and sequences,
 * skips comments, blank lines, block scalars (`|`, `>`), quoted strings and multi-line flow
 * collections, and gives up (returns nothing) on anything else, so that the parser's own
 * position stands. Pure; columns are 1-based like every diagnostic's.
 */

/** What the scan found for one parser error. */
export type SyntaxExplanation =
  | { kind: 'indentation'; line: number; col: number; indent: number; siblings: number; item: boolean }
  | { kind: 'unclosed'; line: number; col: number; bracket: '{' | '[' };

/** yaml's error codes that an indentation mistake produces. */
const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'MISSING_CHAR']);

/** Removes quoted strings and a trailing comment from a line (a comment starts at " #" or a leading "#"). */
function stripQuotesAndComment(line: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (quote === "'" && ch === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      if (quote === '"' && ch === '\\') {
        i++;
        continue;
      }
      if (ch === quote) quote = undefined;
      out += ' ';
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s[{,:]/.test(line[i - 1]!))) {
      quote = ch;
      out += ' ';
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    out += ch;
  }
  return out;
}

/** Net count of unclosed `{`/`[` in a stripped line (negative when it closes more). */
function bracketDepth(stripped: string): number {
  let depth = 0;
  for (const ch of stripped) {
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return depth;
}

interface Level {
  col: number;
}

/**
 * The first mis-indented key or list item at or before line `untilLine` (1-based), or
 * undefined when the block structure up to there is consistent.
 */
export function findIndentationMistake(text: string, untilLine: number): Extract<SyntaxExplanation, { kind: 'indentation' }> | undefined {
  const lines = text.split('\n');
  const stack: Level[] = [{ col: 0 }];
  /** the previous key or item line opened a block (`key:` with no value, `-` alone) */
  let opened = false;
  let blockScalarAbove: number | undefined;
  let flowDepth = 0;
  for (let i = 0; i < Math.min(lines.length, untilLine); i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (blockScalarAbove !== undefined) {
      if (indent > blockScalarAbove) continue;
      blockScalarAbove = undefined;
    }
    const stripped = stripQuotesAndComment(raw);
    if (flowDepth > 0) {
      flowDepth = Math.max(0, flowDepth + bracketDepth(stripped));
      continue;
    }
    if (/^(---|\.\.\.)(\s|$)/.test(body) || body.startsWith('%')) {
      stack.length = 1;
      opened = false;
      continue;
    }
    if (raw.slice(0, indent).includes('\t')) return undefined;
    // a list item "- x": the dash is the line's column; its content (when a key) is a level at dash + 2
    const item = /^-(\s|$)/.test(body);
    const content = item ? body.slice(1).trimStart() : body;
    const contentCol = item ? indent + (body.length - content.length) : indent;
    const keyMatch = /^([^\s{[#&*!|>'"%@`][^:]*?|"[^"]*"|'[^']*'):(\s|$)/.exec(content);
    if (!item && !keyMatch) {
      // a plain scalar continuing the value above, or something this scan does not follow
      if (indent > stack[stack.length - 1]!.col) continue;
      return undefined;
    }
    const col = indent;
    const top = stack[stack.length - 1]!.col;
    if (col > top) {
      if (!opened) return { kind: 'indentation', line: i + 1, col: col + 1, indent: col, siblings: top, item };
      stack.push({ col });
    } else if (col < top) {
      const popped: number[] = [];
      while (stack.length > 1 && stack[stack.length - 1]!.col > col) popped.push(stack.pop()!.col);
      const now = stack[stack.length - 1]!.col;
      if (now !== col) {
        // no enclosing block starts at this column: the siblings are the nearest one
        const candidates = [...popped, now];
        const siblings = candidates.reduce((best, c) => (Math.abs(c - col) < Math.abs(best - col) || (Math.abs(c - col) === Math.abs(best - col) && c > best) ? c : best));
        return { kind: 'indentation', line: i + 1, col: col + 1, indent: col, siblings, item };
      }
    }
    // what this line opens for the next one
    const value = keyMatch ? stripQuotesAndComment(content.slice(keyMatch[0].length)).trim() : '';
    if (item) {
      // the item's own mapping continues at the content column
      if (keyMatch && contentCol > col) stack.push({ col: contentCol });
      opened = content.trim() === '' || (keyMatch !== null && /^([&!][^\s]*\s*)*$/.test(value));
    } else {
      opened = /^([&!][^\s]*\s*)*$/.test(value);
    }
    if (/^[|>][-+0-9]*$/.test(value)) {
      blockScalarAbove = item && keyMatch ? contentCol : col;
      opened = false;
    }
    const depth = bracketDepth(keyMatch ? stripQuotesAndComment(content.slice(keyMatch[0].length)) : stripQuotesAndComment(content));
    if (depth > 0) flowDepth = depth;
  }
  return undefined;
}

/**
 * The innermost `{` or `[` still open at `offset` (0-based index into `text`), skipping quoted
 * strings and comments; undefined when every bracket before it is closed.
 */
export function findUnclosedBracket(text: string, offset: number): Extract<SyntaxExplanation, { kind: 'unclosed' }> | undefined {
  const open: { line: number; col: number; bracket: '{' | '[' }[] = [];
  const lines = text.slice(0, offset).split('\n');
  lines.forEach((line, index) => {
    const stripped = stripQuotesAndComment(line);
    for (let c = 0; c < stripped.length; c++) {
      const ch = stripped[c];
      if (ch === '{' || ch === '[') open.push({ line: index + 1, col: c + 1, bracket: ch });
      else if ((ch === '}' || ch === ']') && open.length > 0) open.pop();
    }
  });
  const last = open[open.length - 1];
  return last ? { kind: 'unclosed', ...last } : undefined;
}

/** A yaml parser error as parse.ts sees it. */
export interface YamlErrorLike {
  code: string;
  message: string;
  line: number;
  col: number;
  /** 0-based offset of the error in the text. */
  offset: number;
}

/**
 * Where a yaml syntax error really is: an unclosed flow collection's opening bracket, or the
 * mis-indented key at or just after the parser's line; undefined to keep the parser's position.
 */
export function explainYamlError(text: string, error: YamlErrorLike): SyntaxExplanation | undefined {
  if (!INDENT_CODES.has(error.code)) return undefined;
  if (/Flow (map|sequence)|end with a [}\]]|Expected .*[}\]]/.test(error.message)) {
    const unclosed = findUnclosedBracket(text, error.offset);
    if (unclosed) return unclosed;
  }
  // the mistake is on the parser's line or the next one (the parser stops at the value above it)
  const mistake = findIndentationMistake(text, error.line + 1);
  if (mistake && mistake.line >= error.line - 1) return mistake;
  return undefined;
}

/** The message and hint of an explained syntax error. */
export function explanationText(e: SyntaxExplanation): { message: string; hint: string } {
  if (e.kind === 'unclosed') {
    const close = e.bracket === '{' ? '}' : ']';
    const what = e.bracket === '{' ? 'flow mapping' : 'flow sequence';
    return {
      message: `this ${e.bracket} opens a ${what} that is never closed`,
      hint: `close it with "${close}" (a ${what} written over several lines needs its lines indented more than the key or "-" it belongs to)`,
    };
  }
  const what = e.item ? 'list item' : 'key';
  const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
  return {
    message: `this ${what} is indented ${spaces(e.indent)}; its siblings ${e.siblings}`,
    hint:
      e.indent > e.siblings
        ? `indent it ${spaces(e.siblings)} like its siblings; to nest it under the line above, that line's key takes no value on its own line ("key:")`
        : `indent it ${spaces(e.siblings)} like its siblings (YAML nests by indentation: every key of one mapping starts in the same column)`,
  };
}
