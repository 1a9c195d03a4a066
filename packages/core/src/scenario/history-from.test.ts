/**
 * demand.historyFrom: the history a scenario names, fitted at parse time into demand.growthBy;
 * every problem a diagnostic at the path in the scenario (columns counted by hand) or in the
 * history file.
 */
import { describe, expect, it } from 'vitest';
import { SECONDS_PER_MONTH } from '../history/fit.js';
import { parseScenario } from './parse.js';
import { bandPaths, monthlyLast, scenarioHistoryPaths } from './history-from.js';

/** Pools volumes and images; `from` is the historyFrom line (line 12), `extra` more demand lines. */
const scenario = (from: string, extra = '') => `schemaVersion: 1
name: history test
start: 2027-01
horizonMonths: 12
hardware:
  node: { model: M, heightRu: 1, cpu: { model: C, sockets: 1, coresPerSocket: 8, threadsPerCore: 2 }, memory: { size: 64 GiB }, disks: [{ count: 4, size: 4 TB, kind: ssd, use: osd }] }
nodes:
  - { role: storage, hardware: node, count: 3 }
ceph:
  pools: [{ name: volumes, type: replicated, size: 3 }, { name: images, type: replicated, size: 3 }]
demand:
  historyFrom: ${from}
${extra}`;

const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z
/** A query_range export: volumes 100, 110, 121, 133.1 (exactly +10 %/month), and a pool the scenario lacks. */
const EXPORT = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      { metric: { name: 'volumes', pool_id: '1' }, values: [100, 110, 121, 133.1].map((v, m) => [T0 + m * SECONDS_PER_MONTH, String(v)]) },
      { metric: { name: 'archive', pool_id: '9' }, values: [1, 2, 3].map((v, m) => [T0 + m * SECONDS_PER_MONTH, String(v)]) },
    ],
  },
});
const codes = (r: ReturnType<typeof parseScenario>) => r.diagnostics.map((d) => [d.code, d.location.file, d.location.line, d.location.col]);

describe('demand.historyFrom', () => {
  it('lists its paths (a string or a list)', () => {
    expect(scenarioHistoryPaths(scenario('h.json'))).toEqual(['h.json']);
    expect(scenarioHistoryPaths(scenario('[a.json, snaps]'))).toEqual(['a.json', 'snaps']);
    expect(scenarioHistoryPaths('demand: {}')).toEqual([]);
  });

  it('fits into demand.growthBy; an entry written in the scenario wins; a pool not in the scenario is a warning', () => {
    const r = parseScenario(scenario('h.json', '  growthBy: { pools: { images: { kind: linear, perMonth: 0.01 } } }\n'), {
      fileName: 's.yaml',
      histories: { 'h.json': { file: { fileName: 'h.json', text: EXPORT } } },
    });
    // line 12 "  historyFrom: h.json": the value at col 16
    expect(codes(r)).toEqual([['history.unmapped', 's.yaml', 12, 16]]);
    const g = r.scenario!.demand.growthBy!;
    // ln y = ln 100 + m ln 1.1 exactly: compound 10 %/month, R² 1, an exact fit (s = 0): P10 = P50 = P90
    expect(g.pools!.volumes!.kind).toBe('compound');
    expect(g.pools!.volumes!.perMonth).toBeCloseTo(0.1, 12);
    expect(g.pools!.volumes!.p90).toBeCloseTo(0.1, 12);
    expect(g.pools!.images).toEqual({ kind: 'linear', perMonth: 0.01 });
    const h = r.scenario!.demand.history!;
    expect(h.map((x) => [x.key, x.growthByPath])).toEqual([['pool.volumes', 'demand.growthBy.pools.volumes']]);
  });

  it('not provided, or refused by the caller: an error at the path', () => {
    expect(codes(parseScenario(scenario('h.json'), { fileName: 's.yaml' }))).toEqual([['history.not_provided', 's.yaml', 12, 16]]);
    const refused = parseScenario(scenario('[ok.json, /etc/x.json]'), {
      fileName: 's.yaml',
      histories: {
        'ok.json': { file: { fileName: 'ok.json', text: EXPORT } },
        '/etc/x.json': { error: '"/etc/x.json" is an absolute path outside the scenario\'s folder', code: 'file.outside_folder' },
      },
    });
    // line 12 "  historyFrom: [ok.json, /etc/x.json]": the second item at col 26
    expect(codes(refused)).toEqual([
      ['history.unmapped', 's.yaml', 12, 17],
      ['file.outside_folder', 's.yaml', 12, 26],
    ]);
    const unreadable = parseScenario(scenario('h.json'), { fileName: 's.yaml', histories: { 'h.json': { error: 'h.json: no such file or directory (ENOENT)' } } });
    expect(codes(unreadable)).toEqual([['history.unreadable', 's.yaml', 12, 16]]);
  });
});

describe('chart series of a fit', () => {
  it('the last sample of each month, and the band paths from the fitted level', () => {
    const day = 86_400;
    expect(
      monthlyLast([
        { tSeconds: T0, value: 1 },
        { tSeconds: T0 + 10 * day, value: 2 },
        { tSeconds: T0 + 40 * day, value: 3 },
      ]),
    ).toEqual([
      { month: '2026-01', value: 2 },
      { month: '2026-02', value: 3 },
    ]);
    const fit = {
      chosen: 'compound',
      compound: { level: 100 },
      linear: { level: 90 },
      rates: { p10: 0.04, p50: 0.05, p90: 0.06 },
    } as unknown as Parameters<typeof bandPaths>[0];
    // last sample in 2026-12: month 1 = 2027-01, 100 × 1.05 = 105; month 2 = 2027-02: 100 × 1.04² = 108.16, 1.05² = 110.25, 1.06² = 112.36
    const band = bandPaths(fit, Date.UTC(2026, 11, 30) / 1000, 2);
    expect(band.map((b) => b.month)).toEqual(['2027-01', '2027-02']);
    expect(band[0]!.p50).toBeCloseTo(105, 12);
    expect([band[1]!.p10, band[1]!.p50, band[1]!.p90].map((x) => Number(x.toFixed(10)))).toEqual([108.16, 110.25, 112.36]);
    // linear: level 90 × (1 + 0.05 × 2) = 99
    expect(bandPaths({ ...fit, chosen: 'linear' }, Date.UTC(2026, 11, 30) / 1000, 2)[1]!.p50).toBeCloseTo(99, 12);
  });
});
