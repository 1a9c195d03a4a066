/**
 * `headroom fit` on the shipped regional history (scenarios/history/regional/prometheus.json)
 * with the real core from source; files from an in-memory file system.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../../test/helpers/memory-io.js';
import { fitCommand } from './fit-command.js';

const ROOT = join(import.meta.dirname, '../../..');
const core = () => import('../../core/src/index.js');
const history = () => readFile(join(ROOT, 'scenarios/history/regional/prometheus.json'), 'utf8');

describe('headroom fit', () => {
  it('prints both models, the choice, the band per resource, and what was ignored; exit 0', async () => {
    const io = memoryIo({ 'h/prometheus.json': await history() });
    expect(await fitCommand(io, await core(), ['h/prometheus.json'], { format: 'text' }, [])).toBe(0);
    const out = io.out();
    expect(out).toContain('pool volumes (stored bytes): {instance="ceph-mgr:9283",job="ceph",name="volumes",pool_id="1"} in h/prometheus.json');
    expect(out).toMatch(/ {2}linear {5}\+[\d.]+ TB\/month = [\d.]+ %\/month of the fitted [\d.]+ TB {3}R² 0\.\d{4}/);
    expect(out).toMatch(/ {2}compound {3}[\d.]+ %\/month \(e\^b − 1\) {3}R² 0\.\d{4} on ln y, 0\.\d{4} on the values/);
    expect(out).toContain('writes     demand.growthBy.pools.volumes');
    expect(out).not.toContain('ignored:');
    expect(io.err()).toBe('');
  });

  it('--format json: the fits and the growthBy they give', async () => {
    const io = memoryIo({ 'h.json': await history() });
    await fitCommand(io, await core(), ['h.json'], { format: 'json' }, []);
    const out = JSON.parse(io.out()) as { fits: { key: string }[]; growthBy: { pools: Record<string, { kind: string; p10: number; perMonth: number; p90: number }> } };
    expect(out.fits).toHaveLength(7);
    const v = out.growthBy.pools.volumes!;
    expect(v.p10 <= v.perMonth && v.perMonth <= v.p90).toBe(true);
  });

  it('--write: the fits land in demand.growthBy, comments kept, and the scenario still loads', async () => {
    const scenario = await readFile(join(ROOT, 'scenarios/regional-cloud.yaml'), 'utf8');
    const io = memoryIo({ 'h.json': await history(), 's.yaml': scenario });
    const c = await core();
    expect(await fitCommand(io, c, ['h.json'], { format: 'text', write: 's.yaml' }, [])).toBe(0);
    const written = io.written.get('/project/s.yaml')!;
    expect(written).toContain('# Regional cloud: 3 controllers'); // the header comment is kept
    const parsed = c.parseScenario(written, { fileName: 's.yaml' });
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const g = parsed.scenario!.demand.growthBy!;
    expect(Object.keys(g.pools!)).toEqual(['volumes', 'vms', 'images', 'backups']);
    expect(g.compute!.fit!.series).toMatch(/resourcetype="(VCPU|MEMORY_MB)"/);
    expect(g.floatingIps!.kind).toBe('linear');
    expect(io.err()).toContain('wrote the fits into s.yaml (demand.growthBy)');
  });

  it('an unmapped series is listed as ignored, with a warning at its "metric" key', async () => {
    const text = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { resourcetype: 'PCPU' },
            values: [
              [1, '0'],
              [2, '0'],
              [3, '0'],
            ],
          },
        ],
      },
    });
    const io = memoryIo({ 'p.json': text });
    expect(await fitCommand(io, await core(), ['p.json'], { format: 'text' }, [])).toBe(2); // nothing fitted
    expect(io.out()).toContain('ignored:\n  {resourcetype="PCPU"} in p.json: Placement resource class PCPU is not planned');
    expect(io.err()).toMatch(/^p\.json:1:62: warning history\.unmapped/);
  });

  it('a refused series: exit 2 with a coded diagnostic at file:line:col; /proc is never read', async () => {
    const bad = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { name: 'volumes', pool_id: '1' },
            values: [
              [1, '1'],
              [2, 'NaN'],
              [3, '3'],
            ],
          },
        ],
      },
    });
    const io = memoryIo({ 'bad.json': bad });
    expect(await fitCommand(io, await core(), ['bad.json', '/proc/self/environ'], { format: 'text' }, [])).toBe(2);
    expect(io.err()).toContain('headroom: cannot read /proc/self/environ');
    // refused before any read: on a real disk as a system path; here (no /proc in memory) as outside the allowed folders
    expect(io.err()).toMatch(/cannot read \/proc\/self\/environ: .*\((file\.system_path|file\.outside_folder)\)/);
    // the one-line file: {"status":"success","data":{"resultType":"matrix","result":[{ is 61 characters: "metric" at col 62
    expect(io.err()).toMatch(/bad\.json:1:62: error history\.bad_value: \{name="volumes",pool_id="1"\} in bad\.json: sample 2 .* is NaN or not a number: not fitted/);
    expect(io.out()).toContain('nothing fitted');
  });
});
