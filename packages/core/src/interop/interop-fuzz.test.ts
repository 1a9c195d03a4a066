/**
 * The round-trip importers never throw: every real or exported file, cut at any point or with
 * lines dropped, swapped or repeated, gives values or positioned diagnostics (seeded, bounded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/types.js';
import { importInventory } from '../hardware/import/detect.js';
import { parseScenario } from '../scenario/parse.js';
import { cephadmExport } from './cephadm/export.js';
import { readCephadmSpecs } from './cephadm/import.js';
import { kollaExport } from './kolla/export.js';
import { importKolla } from './kolla/import.js';
import { readDeviceType } from './netbox/devicetype.js';
import { readNetbox } from './netbox/import.js';

const root = join(import.meta.dirname, '../../../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const scenario = parseScenario(read('scenarios/regional-cloud.yaml'), { fileName: 'r.yaml' }).scenario!;
const kolla = kollaExport(scenario);
const samples: [string, string, (text: string) => Diagnostic[]][] = [
  ['multinode', read('test/fixtures/real/kolla/multinode'), (t) => importKolla({ inventory: { text: t, file: 'm' }, base: scenario }).diagnostics],
  ['exported multinode', kolla.inventory, (t) => importKolla({ inventory: { text: t, file: 'm' }, globals: { text: kolla.globals, file: 'g' }, base: scenario }).diagnostics],
  [
    'globals.yml',
    read('test/fixtures/real/kolla/globals.yml'),
    (t) => importKolla({ inventory: { text: '[control]\nc1\n', file: 'm' }, globals: { text: t, file: 'g' }, base: scenario }).diagnostics,
  ],
  ['cephadm specs', cephadmExport(scenario).text, (t) => readCephadmSpecs(t, 's').diagnostics],
  ['netbox devices', read('test/fixtures/interop/netbox-api/devices.json'), (t) => readNetbox([{ text: t, file: 'd' }]).diagnostics],
  ['device type', read('test/fixtures/real/netbox/devicetype-library-Dell-PowerEdge-R630.yaml'), (t) => readDeviceType(t, 'dt').diagnostics],
  ['redfish', read('test/fixtures/interop/redfish/dmtf-437XR1138R2-expanded-vt-25g.json'), (t) => importInventory(t, { fileName: 'rf' }).diagnostics],
];

const mutate = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom('[', '{', ']]', '- - -', ': :', '\u0000', 'x[9:1]', 'size: 1.5T:', '"@odata.type": 5,', '---'),
  }),
);

function apply(text: string, m: { kind: string; at: number; text?: string }): string {
  const lines = text.split('\n');
  const i = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
  if (m.kind === 'cut') return text.slice(0, Math.floor(m.at * text.length));
  if (m.kind === 'drop') return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
  if (m.kind === 'repeat') return [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)].join('\n');
  return [...lines.slice(0, i), m.text!, ...lines.slice(i)].join('\n');
}

describe('round-trip importers under mutation', () => {
  for (const [name, text, run] of samples) {
    it(`${name}: never throws; every diagnostic is positioned`, () => {
      fc.assert(
        fc.property(fc.array(mutate, { minLength: 1, maxLength: 3 }), (ms) => {
          const t = ms.reduce(apply, text);
          const diagnostics = run(t);
          for (const d of diagnostics) {
            expect(d.location.line).toBeGreaterThanOrEqual(1);
            expect(d.location.col).toBeGreaterThanOrEqual(1);
            expect(d.code).toMatch(/^[a-z]+(\.[a-z_]+)+$/);
          }
        }),
        { seed: 21, numRuns: 60 },
      );
    });
  }
});
