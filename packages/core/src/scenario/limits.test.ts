/**
 * Issue 15: bounded work. Every count and size has a documented maximum (model/schema.ts
 * LIMITS); a value past it is schema.too_big with a hint, and cross-checks never build
 * anything from a value the schema refused (`nics[].ports: 100000000` ran out of memory).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../model/schema.js';
import { parseScenario } from './parse.js';

const pilot = readFileSync(join(import.meta.dirname, '../../../../scenarios/reference-pilot.yaml'), 'utf8');
const errors = (text: string) =>
  parseScenario(text, { fileName: 'p.yaml' })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.code, d.location.line, d.location.col, d.hint !== undefined]);

describe('issue 15: limits', () => {
  it('nics[].ports: 100000000 is schema.too_big at the value, and no port list is built (no out of memory)', () => {
    const text = pilot.replace('- { ports: 2, speed: 25 Gbit/s }   # Broadcom', '- { ports: 100000000, speed: 25 Gbit/s }   # Broadcom');
    // line 94 "      - { ports: 100000000, ...": the value at col 18
    expect(errors(text)).toEqual([['schema.too_big', 94, 18, true]]);
  });

  it('a disk count of a million is schema.too_big (at most 64 per entry)', () => {
    expect(LIMITS.disksPerEntry).toBe(64);
    const text = pilot.replace('- { count: 2, size: 480 GB, kind: nvme, use: os }\n', '- { count: 1000000, size: 480 GB, kind: nvme, use: os }\n');
    expect(errors(text)).toEqual([['schema.too_big', 89, 18, true]]);
  });

  it(`more than ${LIMITS.flavors} flavors is schema.too_big with a hint`, () => {
    const flavors = Array.from({ length: LIMITS.flavors + 1 }, (_, i) => `    f${i}: { vcpus: 1, ram: 1 GiB, disk: 10 GB }`).join('\n');
    const text = pilot.replace(/^ {2}flavors:\n/m, `  flavors:\n${flavors}\n`);
    const got = errors(text);
    expect(got).toHaveLength(1);
    expect(got[0]!.slice(0, 1)).toEqual(['schema.too_big']);
    expect(got[0]![3]).toBe(true);
  });

  it('a node group of more than 10,000 hosts is schema.too_big', () => {
    const text = pilot.replace(/(role: compute[^\n]*?count: )\d+/, '$1100000');
    expect(errors(text).map((e) => e[0])).toEqual(['schema.too_big']);
  });
});
