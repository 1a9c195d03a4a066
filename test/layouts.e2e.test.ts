/**
 * `headroom ceph layouts` end to end on the built binary: the text table with every layout and
 * the reasons of the unhealthy ones, JSON with hand-worked figures, the HTML page, exit codes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, headroom } from './helpers/run-cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'headroom-layouts-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('headroom ceph layouts', () => {
  it('text, pilot: 18 layouts; 3 hosts cannot hold EC 4+2, listed with the reason, not dropped', () => {
    const r = headroom('ceph', 'layouts', 'scenarios/reference-pilot.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Reference pilot: Ceph layouts on every OSD (24 OSDs, 184.3 TB raw, 3 hosts in 3 racks)');
    for (const label of ['replicated 2, host', 'replicated 3, rack', 'EC 8+3, rack']) expect(r.stdout).toContain(label);
    expect(r.stdout).toContain('EC 4+2, host: 3 hosts for 6 copies or shards: PGs never go active+clean');
    expect(r.stdout).toContain('replicated 3, host: after the tolerated loss 2 hosts are left for 3 copies or shards');
  });

  it('JSON, regional cloud: hdd OSDs, 8 hosts x 24 x 20 TB; replica 3 usable 3,840 / 3 = 1,280 TB at 304,000 / 1,280 = 237.5 EUR per TB', () => {
    const r = headroom('ceph', 'layouts', 'scenarios/regional-cloud.yaml', '--format', 'json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as {
      deviceClass: string;
      osdCount: number;
      rawBytes: number;
      capex: { amount: number; currency: string };
      rows: { label: string; usableBytes: number; capexPerUsableTb: number; writeAmplification: number; fewestHosts: number; healthyAfterLoss: boolean; nines: number | null }[];
    };
    expect([c.deviceClass, c.osdCount, c.rawBytes]).toEqual(['hdd', 192, 3840e12]);
    expect(c.capex).toEqual({ amount: 304_000, currency: 'EUR' });
    expect(c.rows).toHaveLength(18);
    const rep3 = c.rows.find((x) => x.label === 'replicated 3, host')!;
    expect(rep3.usableBytes).toBe(1280e12);
    expect(rep3.capexPerUsableTb).toBeCloseTo(237.5, 9);
    expect([rep3.writeAmplification, rep3.fewestHosts, rep3.healthyAfterLoss]).toEqual([3, 4, true]);
    // EC 4+2: 3,840 / 1.5 = 2,560 TB, 304,000 / 2,560 = 118.75 EUR per TB; 6 + 1 = 7 hosts at least.
    const ec = c.rows.find((x) => x.label === 'EC 4+2, host')!;
    expect([ec.usableBytes, ec.capexPerUsableTb, ec.fewestHosts, ec.healthyAfterLoss]).toEqual([2560e12, 118.75, 7, true]);
    // 8 hosts cannot go clean with 10 shards: no durability figure.
    expect(c.rows.find((x) => x.label === 'EC 8+2, host')!.nines).toBeNull();
  });

  it('--hardware: an unknown or OSD-less model is refused (exit 2) with the storage models listed', () => {
    const r = headroom('ceph', 'layouts', 'scenarios/reference-pilot.yaml', '--hardware', 'ctl-r660');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--hardware ctl-r660 is not a model of hardware: with OSD disks; the storage models are:');
  });

  it('-o writes the comparison as an HTML page', () => {
    const out = join(dir, 'layouts.html');
    const r = headroom('ceph', 'layouts', 'scenarios/reference-pilot.yaml', '-o', out);
    expect(r.code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<h2 id="layouts">Ceph layouts on the same hardware</h2>');
    expect(page).toContain('Content-Security-Policy');
    expect(page).toContain('EC 4+2, host: 3 hosts for 6 copies or shards');
  });

  it('a device class without OSDs: exit 2, nothing compared', () => {
    const r = headroom('ceph', 'layouts', 'scenarios/regional-cloud.yaml', '--device-class', 'tape');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no OSD of device class tape');
  });
});
