/**
 * Drift: the regional scenario's own Kolla, NetBox and cephadm exports, edited as a running
 * cloud drifts (test/helpers/interop-findings.ts driftCase), and unedited (no drift).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftCase } from '../../../../test/helpers/interop-findings.js';
import { evaluate } from '../evaluate/evaluate.js';
import { parseScenario } from '../scenario/parse.js';
import { cephadmExport } from './cephadm/export.js';
import { readCephadmSpecs } from './cephadm/import.js';
import { driftFindings } from './drift.js';
import { kollaExport } from './kolla/export.js';
import { importKolla } from './kolla/import.js';
import { netboxExport } from './netbox/export.js';
import { readNetbox } from './netbox/import.js';

const text = readFileSync(join(import.meta.dirname, '../../../../scenarios/regional-cloud.yaml'), 'utf8');
const scenario = parseScenario(text, { fileName: 'regional-cloud.yaml' }).scenario!;
const plan = evaluate(scenario);

describe('driftFindings', () => {
  it('the exports themselves show no drift', () => {
    const k = kollaExport(scenario);
    const nb = netboxExport(scenario, plan);
    const f = driftFindings(scenario, plan, {
      kolla: { read: importKolla({ inventory: { text: k.inventory, file: 'multinode' }, globals: { text: k.globals, file: 'globals.yml' }, base: scenario }), file: 'multinode' },
      netbox: { read: readNetbox(nb.files.map((x) => ({ text: x.text, file: x.name }))), file: 'netbox' },
      cephadm: { read: readCephadmSpecs(cephadmExport(scenario).text, 'specs.yaml'), file: 'specs.yaml' },
    });
    expect(f).toEqual([]);
  });

  it('every kind of drift, each once where it was made', () => {
    const f = driftCase();
    const by = (code: string) => f.filter((x) => x.code === code).map((x) => x.subject);
    expect(by('drift.host.missing')).toEqual(['host compute-40']);
    expect(by('drift.host.extra')).toEqual(['host compute-99']);
    expect(by('drift.host.role')).toEqual(['host compute-02']);
    expect(by('drift.host.rack')).toEqual(['host compute-03']);
    expect(by('drift.host.position')).toEqual(['host control-01']);
    expect(by('drift.rack.extra')).toEqual(['rack r9']);
    expect(by('drift.rack.missing')).toEqual(['rack r6']);
    expect(by('drift.rack.height')).toEqual(['rack r1']);
    expect(by('drift.interface')).toHaveLength(1);
    // '20T:' selects none of the 24 x 20 TB drives (18.19e12 bytes to the filter): 0 of 24 on each of 8 hosts
    const osd = f.filter((x) => x.code === 'drift.osd.count');
    expect(osd).toHaveLength(8);
    expect(osd[0]).toMatchObject({ subject: 'host storage-01', value: 0, limit: 24, unit: 'OSDs' });
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
});
