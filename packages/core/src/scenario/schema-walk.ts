/**
 * Walks the zod schema along a data path to list the keys a mapping may have there, for
 * "did you mean" hints on unknown keys. Reads zod's public `_zod.def` structure.
 */
import type { z } from 'zod';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

function unwrap(s: unknown, value: unknown): unknown {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(d.type)) s = d.innerType;
    else if (d.type === 'pipe') s = d.in;
    else if (d.type === 'union') {
      const options = d.options as unknown[];
      const disc = d.discriminator as string | undefined;
      const objects = options.filter((o) => defOf(o).type === 'object');
      let pick: unknown;
      if (disc && value && typeof value === 'object') {
        const v = (value as Record<string, unknown>)[disc];
        pick = objects.find((o) => {
          const lit = defOf((defOf(o).shape as Record<string, unknown>)[disc]);
          return lit.type === 'literal' && (lit.values as unknown[]).includes(v);
        });
      }
      // a plain union of mappings (hardware: written out or `inventory:`): the member the value
      // fits best (keys it knows, minus required keys the value lacks; the first on a tie)
      if (!pick && value && typeof value === 'object' && objects.length > 1) {
        const keys = Object.keys(value);
        const fit = (o: unknown): number => {
          const shape = defOf(o).shape as Record<string, unknown>;
          const missing = Object.entries(shape).filter(([k, f]) => !keys.includes(k) && !['optional', 'default', 'prefault'].includes(defOf(f).type));
          return keys.filter((k) => k in shape).length - missing.length;
        };
        pick = objects.reduce((best, o) => (fit(o) > fit(best) ? o : best));
      }
      s = pick ?? objects[0] ?? options[0];
    } else return s;
  }
  return s;
}

/** The keys allowed at `path` (a path into the data, with array indices), or [] if none. */
export function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[], raw: unknown): string[] {
  let s: unknown = schema;
  let value: unknown = raw;
  s = unwrap(s, value);
  for (const seg of path) {
    const d = defOf(s);
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg] : undefined;
    if (d.type === 'object') s = (d.shape as Record<string, unknown>)[String(seg)];
    else if (d.type === 'array') s = d.element;
    else if (d.type === 'record') s = d.valueType;
    else return [];
    if (s === undefined) return [];
    s = unwrap(s, value);
  }
  const d = defOf(s);
  return d.type === 'object' ? Object.keys(d.shape as Record<string, unknown>) : [];
}
