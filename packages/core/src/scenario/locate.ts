/**
 * Source positions for YAML paths: turns `['nodes', 2, 'hardware']` into file:line:col
 * using the `yaml` package's node ranges and a LineCounter. Lines and columns are 1-based.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../diagnostics/types.js';

export interface LocateOptions {
  /** Point at the key of the last path segment instead of its value (unknown keys). */
  key?: boolean;
}

function keyOf(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  if (k === null || k === undefined) return undefined;
  return String(k);
}

/**
 * The source location of the deepest node that exists along `path`. A missing key points at
 * the key of its parent mapping (`memory:` when `memory.size` is missing), so the user sees
 * where to add it.
 */
export function locate(doc: Document, lineCounter: LineCounter, fileName: string, path: readonly (string | number)[], options: LocateOptions = {}): SourceLocation {
  let node: unknown = doc.contents;
  let range: [number, number] | undefined = rangeOf(node);
  let parentKeyRange: [number, number] | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(seg));
      if (!pair) {
        range = parentKeyRange ?? range;
        break;
      }
      const keyRange = rangeOf(pair.key);
      if (last && options.key) {
        range = keyRange ?? range;
        break;
      }
      parentKeyRange = keyRange;
      node = pair.value;
      range = rangeOf(node) ?? keyRange ?? range;
      if (!node) break;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      parentKeyRange = undefined;
      range = rangeOf(node) ?? range;
    } else {
      break;
    }
  }
  const [start, end] = range ?? [0, 0];
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(end);
  const loc: SourceLocation = { file: fileName, line: a.line, col: a.col };
  if (end > start) {
    loc.endLine = b.line;
    loc.endCol = b.col;
  }
  return loc;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}
