/** OpenStack API responses: JSON text -> value or a positioned `openstack.json.invalid`. Never throws. */
import type { Diagnostic } from '../diagnostics/types.js';
import { findJsonError, lineCol } from '../hardware/import/json-text.js';
import { isObj } from '../ceph-state/json.js';

export interface Parsed<T> {
  data?: T;
  diagnostics: Diagnostic[];
}

export function parseOpenstackJson(text: string, fileName: string, what: string): { value?: unknown; diagnostics: Diagnostic[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) as unknown, diagnostics: [] };
  } catch (error) {
    const found = findJsonError(body) ?? { offset: 0, message: (error as Error).message, truncated: false };
    return {
      diagnostics: [
        {
          code: 'openstack.json.invalid',
          severity: 'error',
          path: [],
          message: found.truncated
            ? `the file ends inside a JSON value: it looks truncated (expected the whole ${what} response)`
            : `not valid JSON: ${found.message} (expected the ${what} response)`,
          location: { file: fileName, ...lineCol(body, found.offset) },
        },
      ],
    };
  }
}

/** `openstack.json.wrong_response`: valid JSON of another response. */
export function wrongResponse(fileName: string, expected: string, value: unknown): Diagnostic {
  const keys = isObj(value)
    ? Object.keys(value)
        .slice(0, 4)
        .map((k) => `"${k}"`)
        .join(', ')
    : Array.isArray(value)
      ? 'an array'
      : typeof value;
  return {
    code: 'openstack.json.wrong_response',
    severity: 'error',
    path: [],
    message: `expected ${expected}, found ${isObj(value) ? `keys ${keys}` : keys}`,
    location: { file: fileName, line: 1, col: 1 },
  };
}
