/**
 * `demand.historyFrom` and `headroom fit` end to end on the built binary: the shipped
 * regional history (scenarios/history/regional/prometheus.json) read relative to the scenario
 * file and confined to its folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, headroom, root } from './helpers/run-cli.js';

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'headroom-history-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('demand from history, end to end', () => {
  it('plan scenarios/regional-history.yaml: fitted growths, the demand paths and the 90 % order-by date', () => {
    const r = headroom('plan', 'scenarios/regional-history.yaml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // the scenario's header: memory crosses at t=13 (2028-02) on every path; 2028-02-01 − 84 days = 2027-11-09
    expect(r.stdout).toContain('Demand paths: P10 / P50 / P90 of 6 growths with a band (6 fitted from history, 80 % prediction interval)');
    expect(r.stdout).toContain('  runs out       2028-02 / 2028-02 / 2028-02');
    expect(r.stdout).toContain('order by 9 Nov 2027 to be 90 % sure');
  });

  it('fit: both models per resource, exit 0', () => {
    const r = headroom('fit', 'scenarios/history/regional/prometheus.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pool volumes (stored bytes)');
    expect(r.stdout).toContain('  chosen     compound: its R² on the values');
  });

  it("a history outside the scenario's folder is refused at the value", () => {
    const file = join(tmp, 'outside.yaml');
    const text = readFileSync(join(root, 'scenarios/regional-history.yaml'), 'utf8').replace(
      'historyFrom: history/regional/prometheus.json',
      `historyFrom: ${join(root, 'scenarios/history/regional/prometheus.json')}`,
    );
    writeFileSync(file, text);
    const r = headroom('validate', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/error file\.outside_folder: history ".*prometheus\.json" is an absolute path outside the scenario's folder/);
  });
});
