/**
 * Mutators for the fuzz suite (test/fuzz.test.ts): structured mutations of JSON-like values
 * (delete a key, swap a type, a huge number, a string with control characters) and line
 * mutations of text formats. Deterministic for a given fast-check seed.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';

export const root = join(import.meta.dirname, '../..');

/** The `yaml` package, resolved from core (the root has no direct dependency on it). */
export async function loadYaml(): Promise<{ parse(text: string): unknown; stringify(value: unknown): string }> {
  const require = createRequire(join(root, 'packages/core/package.json'));
  return (await import(pathToFileURL(require.resolve('yaml')).href)) as { parse(text: string): unknown; stringify(value: unknown): string };
}

type Path = (string | number)[];

/** Every path to a value inside `value` (the root excluded), in document order. */
export function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      paths(v, [...prefix, i], out);
    });
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      paths(v, [...prefix, k], out);
    }
  return out;
}

/** Values that break careless code: extremes, wrong types, control characters, unit text with absurd numbers. */
export const HOSTILE_VALUES: readonly unknown[] = [
  0,
  -1,
  1e308,
  -1e308,
  2 ** 32,
  2 ** 53 + 1,
  1e-320,
  0.5,
  100_000_000,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308 GiB',
  '1e308 TB',
  '0 GiB',
  '-5 TB',
  '1e308 Gbit/s',
  '1e308 W',
  '',
  ' ',
  '\u001b[2J\u001b]0;pwned\u0007',
  'x\u0000y',
  '=HYPERLINK("x")',
  '\u202e',
  'a'.repeat(5000),
  null,
  true,
  [],
  {},
  [1, 2, 3],
  { a: 1 },
  '9999-99',
  '2027-13',
  '../../../etc/passwd',
  '/proc/self/environ',
];

export type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'set'; pick: number; value: unknown }
  | { kind: 'number'; pick: number; value: number }
  | { kind: 'duplicate'; pick: number; times: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: fc.constantFrom(...HOSTILE_VALUES) }),
  fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), value: fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -1e6, max: 1e9 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(), times: fc.integer({ min: 2, max: 40 }) }),
);

/** A mutated deep copy of `value`. */
export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(value);
  for (const m of mutations) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = all[m.pick % all.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown> | unknown[];
    const key = path[path.length - 1]!;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else if (m.kind === 'set' || m.kind === 'number') {
      (parent as Record<string | number, unknown>)[key] = structuredClone(m.value);
    } else if (Array.isArray(parent)) {
      const item = parent[Number(key)];
      parent.splice(Number(key), 0, ...Array.from({ length: m.times }, () => structuredClone(item)));
    }
  }
  return copy;
}

export type LineMutation = { kind: 'drop' | 'dup' | 'digits' | 'control' | 'cut'; pick: number };

export const lineMutationArb: fc.Arbitrary<LineMutation> = fc.record({
  kind: fc.constantFrom('drop' as const, 'dup' as const, 'digits' as const, 'control' as const, 'cut' as const),
  pick: fc.nat(),
});

/** A text format (dmidecode, lscpu, cpuinfo) with lines dropped, duplicated, numbers blown up, control characters added, or cut. */
export function mutateLines(text: string, mutations: readonly LineMutation[]): string {
  const lines = text.split('\n');
  for (const m of mutations) {
    const i = m.pick % Math.max(1, lines.length);
    const line = lines[i] ?? '';
    if (m.kind === 'drop') lines.splice(i, 1);
    else if (m.kind === 'dup') lines.splice(i, 0, line);
    else if (m.kind === 'digits') lines[i] = line.replace(/\d+/g, (d) => (m.pick % 3 === 0 ? '0' : m.pick % 3 === 1 ? '1e308' : `${d}999999999999`));
    else if (m.kind === 'control') lines[i] = `${line}\u001b[31m\u0000`;
    else return lines.slice(0, i).join('\n') + line.slice(0, line.length >> 1);
  }
  return lines.join('\n');
}
