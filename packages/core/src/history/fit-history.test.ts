/**
 * History in: Prometheus query_range exports (the shipped regional fixture, built with the
 * exporters' metric names; scenarios/history/make-regional-history.mjs) and dated ceph df
 * snapshots (the real siphon-tentacle `ceph df -f json`, its stored figures changed per date);
 * every bad input a coded diagnostic naming the file and the series, the series not fitted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../../test/helpers/real-fixtures.js';
import { SECONDS_PER_MONTH } from './fit.js';
import { fitHistory, growthByFromFits, type HistoryInput } from './fit-history.js';

const REGIONAL = join(import.meta.dirname, '../../../../scenarios/history/regional/prometheus.json');
const regional: HistoryInput = { kind: 'file', fileName: 'history/prometheus.json', text: readFileSync(REGIONAL, 'utf8') };

const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAY = 86_400;
/** A query_range response with one series per [metric, values]. */
const prom = (...series: [Record<string, string>, [number, string][]][]): string =>
  JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series.map(([metric, values]) => ({ metric, values })) } });
const weekly = (values: string[]): [number, string][] => values.map((v, i) => [T0 + i * 7 * DAY, v]);
const file = (text: string, fileName = 'h.json'): HistoryInput => ({ kind: 'file', fileName, text });
const VOLUMES = { name: 'volumes', pool_id: '1' };
const diag = (r: ReturnType<typeof fitHistory>) => r.diagnostics.map((d) => [d.code, d.severity, d.location.file, d.location.line]);

describe('the regional history fixture', () => {
  const r = fitHistory([regional], { horizonMonths: 24 });

  it('fits every series, each mapped by its metric name and labels', () => {
    expect(r.fits.map((f) => f.key)).toEqual(['pool.volumes', 'pool.vms', 'pool.images', 'pool.backups', 'compute.VCPU', 'compute.MEMORY_MB', 'floatingIps']);
    expect(r.ignored).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.fits.every((f) => f.points.length === 53)).toBe(true);
  });

  it("recovers the generator's rates within its noise (±1 % per sample)", () => {
    const rate = (key: string) => r.fits.find((f) => f.key === key)!.fit;
    // volumes was generated compound 3 %/month, backups 4 %, memory 4.5 %: compound rates within 0.3 points
    expect(rate('pool.volumes').compound!.perMonth).toBeCloseTo(0.03, 2);
    expect(rate('pool.backups').compound!.perMonth).toBeCloseTo(0.04, 2);
    expect(rate('compute.MEMORY_MB').compound!.perMonth).toBeCloseTo(0.045, 2);
    // floating IPs: linear +3 % of the end value (300) a month = 9 a month, with ±2 % noise
    expect(rate('floatingIps').linear.slopePerMonth).toBeGreaterThan(8);
    expect(rate('floatingIps').linear.slopePerMonth).toBeLessThan(10);
    // every band is ordered P10 <= P50 <= P90
    for (const f of r.fits) expect(f.fit.rates.p10 <= f.fit.rates.p50 && f.fit.rates.p50 <= f.fit.rates.p90).toBe(true);
  });

  it('writes growthBy: pools, floating IPs, and compute from the fastest-growing Placement class (P90)', () => {
    const g = growthByFromFits(r.fits);
    expect(Object.keys(g.pools!)).toEqual(['volumes', 'vms', 'images', 'backups']);
    const fastest = r.fits.filter((f) => f.resource.kind === 'compute').sort((a, b) => b.fit.rates.p90 - a.fit.rates.p90)[0]!;
    expect(g.compute!.fit!.series).toBe(fastest.source);
    expect(g.pools!.volumes!.fit).toMatchObject({ points: 53, from: '2025-12-31', to: '2026-12-30' });
  });
});

describe('bad history input', () => {
  it('series that map to no resource are listed with the reason, as warnings', () => {
    const r = fitHistory([
      file(prom([{ resourcetype: 'PCPU' }, weekly(['0', '0', '0'])], [{ pool_id: '7' }, weekly(['1', '2', '3'])], [{ __name__: 'node_load1' }, weekly(['1', '2', '3'])])),
    ]);
    expect(r.fits).toEqual([]);
    expect(r.ignored.map((i) => i.reason)).toEqual([
      'Placement resource class PCPU is not planned (VCPU, MEMORY_MB and DISK_GB are)',
      'pool_id 7 has no pool name: export ceph_pool_stored * on(pool_id) group_left(name) ceph_pool_metadata',
      'metric node_load1 is not one headroom fits (ceph_pool_stored, openstack_placement_resource_usage, openstack_neutron_floating_ips)',
    ]);
    expect(diag(r).map((d) => d[0])).toEqual(['history.unmapped', 'history.unmapped', 'history.unmapped']);
  });

  it('NaN, negative and out-of-order samples refuse the series, naming file and series', () => {
    const r = fitHistory([
      file(prom([VOLUMES, weekly(['1', 'NaN', '3', '4'])]), 'a.json'),
      file(prom([{ resourcetype: 'VCPU' }, weekly(['1', '-2', '3', '4'])]), 'b.json'),
      file(
        prom([
          { __name__: 'openstack_neutron_floating_ips' },
          [
            [T0, '1'],
            [T0 + DAY, '2'],
            [T0 + DAY, '3'],
            [T0 + 3 * DAY, '4'],
          ],
        ]),
        'c.json',
      ),
    ]);
    expect(r.fits).toEqual([]);
    // each series' "metric" key is on line 1 of its one-line file
    expect(diag(r)).toEqual([
      ['history.bad_value', 'error', 'a.json', 1],
      ['history.bad_value', 'error', 'b.json', 1],
      ['history.out_of_order', 'error', 'c.json', 1],
    ]);
    expect(r.diagnostics[0]!.message).toMatch(/^\{name="volumes",pool_id="1"\} in a\.json: sample 2 .* is NaN/);
    expect(r.diagnostics[1]!.message).toMatch(/negative \(-2\)/);
  });

  it('fewer than 3 points, an instant query, invalid JSON', () => {
    const r = fitHistory([
      file(prom([VOLUMES, weekly(['1', '2'])]), 'short.json'),
      file(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }), 'instant.json'),
      file('{"status": "success", "data": {', 'cut.json'),
    ]);
    // files are read first (their problems in input order), then each resource is checked
    expect(diag(r).map((d) => d.slice(0, 3))).toEqual([
      ['history.invalid', 'error', 'instant.json'],
      ['history.invalid', 'error', 'cut.json'],
      ['history.too_few_points', 'error', 'short.json'],
    ]);
  });

  it('a reset: the fit starts after the last drop; a gap is a warning', () => {
    // 10, 11, 12, 2 (drop under half), 3, 4, 5: fitted from the 2 on (4 points)
    const reset = fitHistory([file(prom([VOLUMES, weekly(['10', '11', '12', '2', '3', '4', '5'])]))]);
    expect(diag(reset)).toEqual([['history.reset', 'warning', 'h.json', 1]]);
    expect(reset.fits[0]!.points.map((p) => p.value)).toEqual([2, 3, 4, 5]);
    // steps 1, 1, 10, 1 days: the median step is 1 day, 10 > 3 × 1
    const gap = fitHistory([
      file(
        prom([
          VOLUMES,
          [
            [T0, '1'],
            [T0 + DAY, '2'],
            [T0 + 2 * DAY, '3'],
            [T0 + 12 * DAY, '4'],
            [T0 + 13 * DAY, '5'],
          ],
        ]),
      ),
    ]);
    expect(diag(gap)).toEqual([['history.gap', 'warning', 'h.json', 1]]);
    expect(gap.fits).toHaveLength(1);
  });

  it('one pool from two measures is mixed: refused', () => {
    const dated = (stored: number, day: string) => {
      const df = JSON.parse(realText('cluster-state/ceph/siphon-tentacle', 'df.json'));
      for (const p of df.pools) if (p.name === 'mytestpool') p.stats.stored = stored;
      return { fileName: `snap/df-${day}.json`, text: JSON.stringify(df) };
    };
    const dir: HistoryInput = { kind: 'directory', path: 'snap', files: [dated(400, '2026-01-01'), dated(415, '2026-02-01'), dated(430, '2026-03-01')] };
    const other = file(prom([{ name: 'mytestpool', pool_id: '2' }, weekly(['1', '2', '3'])]));
    const r = fitHistory([dir, other]);
    expect(r.diagnostics.find((d) => d.code === 'history.mixed_units')?.message).toMatch(/pool\.mytestpool comes from ceph df stored \(bytes\) and ceph_pool_stored \(bytes\)/);
    expect(r.fits.map((f) => f.key)).toEqual(['pool..mgr', 'pool.mynewpoolname']);
  });
});

describe('dated ceph df snapshots', () => {
  const df = (stored: number) => {
    const d = JSON.parse(realText('cluster-state/ceph/siphon-tentacle', 'df.json'));
    for (const p of d.pools) if (p.name === 'mytestpool') p.stats.stored = stored;
    return JSON.stringify(d);
  };

  it('dates from file names or a manifest, in time order; an undated snapshot is skipped', () => {
    // mytestpool 400, 415, 430 bytes on 2026-01-01, 2026-02-01 (manifest), 2026-03-01: +15 bytes per 31 and 28 days
    const r = fitHistory([
      {
        kind: 'directory',
        path: 'snap',
        files: [
          { fileName: 'snap/df-2026-03-01.json', text: df(430) },
          { fileName: 'snap/february.json', text: df(415) },
          { fileName: 'snap/df-2026-01-01.json', text: df(400) },
          { fileName: 'snap/undated.json', text: df(999) },
          { fileName: 'snap/manifest.json', text: '{ "february.json": "2026-02-01" }' },
        ],
      },
    ]);
    expect(diag(r)).toEqual([['history.no_date', 'warning', 'snap/undated.json', 1]]);
    const pool = r.fits.find((f) => f.key === 'pool.mytestpool')!;
    expect(pool.points.map((p) => [new Date(p.tSeconds * 1000).toISOString().slice(0, 10), p.value])).toEqual([
      ['2026-01-01', 400],
      ['2026-02-01', 415],
      ['2026-03-01', 430],
    ]);
    // x = −59, −28, 0 days from the last; x̄ = −29 days, ȳ = 415; Sxx = 30² + 1² + 29² = 1742 days²;
    // Sxy = (−30)(−15) + (1)(0) + (29)(15) = 885 bytes·days -> b = 885 / 1742 = 0.508037 bytes/day
    // per month: 0.508037 × 30.4375 = 15.4634 bytes
    expect(pool.fit.linear.slopePerMonth).toBeCloseTo((885 / 1742) * (SECONDS_PER_MONTH / DAY), 9);
  });
});
