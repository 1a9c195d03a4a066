/**
 * `headroom diff` and `report --previous` end to end on the built binary: two versions of the
 * regional scenario (one more rack of demand; one cheaper server), as scenarios and as plan
 * JSONs; text, JSON and Markdown; the CI exit codes; a plan of another schema version.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, headroom, root } from './helpers/run-cli.js';

let dir: string;
const regional = join(root, 'scenarios/regional-cloud.yaml');
let moreDemand: string;
let cheaper: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'headroom-diff-'));
  const text = readFileSync(regional, 'utf8');
  // one more rack of demand: r1's 4 × 480 + 3 × 992 = 4,896 GiB of memory = 612 more m1.large (8 GiB)
  moreDemand = join(dir, 'more-demand.yaml');
  writeFileSync(moreDemand, text.replace('- { flavor: m1.large, count: 450 }', '- { flavor: m1.large, count: 1062 }'));
  cheaper = join(dir, 'cheaper.yaml');
  writeFileSync(cheaper, text.replace(/(cmp-dl380g11:[\s\S]*?price: \{ amount: )45000/, '$139000'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('headroom diff', () => {
  it('one cheaper server, as text: the same orders repriced, CAPEX −74,160 EUR', () => {
    const r = headroom('diff', regional, cheaper);
    expect(r.code).toBe(0);
    // 12 servers × 6,000 = 72,000 + 3 % spares = 74,160
    expect(r.stdout).toContain('CAPEX: 561,096 EUR -> 486,936 EUR (−74,160 EUR)');
    expect(r.stdout).toContain('repriced: 2 × cmp-dl380g11 in Apr 2028 (order by 2028-01-08) -> 2 × cmp-dl380g11 in Apr 2028 (order by 2028-01-08), −12,000 EUR');
  });

  it('one more rack of demand, as JSON and Markdown, and the CI bounds', () => {
    const j = headroom('diff', regional, moreDemand, '--format', 'json');
    expect(j.code).toBe(0);
    const d = JSON.parse(j.stdout) as { orders: { change: string; oldDeliveryMonth: string | null; newDeliveryMonth: string | null }[]; shortestRunway: { new: number | null } };
    // memory: (11,128 + 4,896) GiB × 1.045^t passes 21,120 GiB at t = 7 (2027-08): the first order moves from 2028-04
    expect(d.orders[0]).toMatchObject({ change: 'earlier', oldDeliveryMonth: '2028-04', newDeliveryMonth: '2027-08' });
    const md = headroom('diff', regional, moreDemand, '--format', 'markdown');
    expect(md.stdout).toMatch(/^### headroom: Regional cloud → Regional cloud\n/);
    expect(md.stdout).toContain('| Resource | Runway was | Runway now | Change (months) |');
    expect(md.stdout).toContain('**Without any purchase:** compute.memory in Apr 2028 → compute.memory in Aug 2027 (−8 months)');
    expect(md.stdout).not.toContain('&gt;');
    // the purchases still cover every resource, but without them memory runs out 8 months earlier: the bound fails
    const shrinks = headroom('diff', regional, moreDemand, '--fail-if-runway-shrinks');
    expect(shrinks.code).toBe(1);
    expect(shrinks.stderr).toContain('without any purchase, compute.memory runs out 8 months earlier (--fail-if-runway-shrinks)');
    expect(headroom('diff', regional, cheaper, '--fail-if-runway-shrinks').code).toBe(0);
    const grows = headroom('diff', regional, moreDemand, '--fail-if-capex-grows');
    expect(grows.code).toBe(1);
    expect(grows.stderr).toMatch(/CAPEX grows by/);
    expect(headroom('diff', regional, moreDemand, '--fail-if-runway-below', 'x').code).toBe(2);
  });

  it('plan JSONs work as inputs; a plan of another schema version is plan.schema_version', () => {
    const old = join(dir, 'old.json');
    writeFileSync(old, headroom('plan', regional, '--format', 'json', '--fail-on', 'none').stdout);
    const same = headroom('diff', old, regional);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No change in runway, bottleneck, orders, money, findings or rack failures.');
    // a version-1 plan (before storage.pools became storage.ceph.pools) still compares: diff reads neither
    const v1 = join(dir, 'v1.json');
    writeFileSync(v1, readFileSync(old, 'utf8').replace('"schemaVersion": 2,', '"schemaVersion": 1,'));
    expect(headroom('diff', v1, regional).code).toBe(0);
    const v9 = join(dir, 'v9.json');
    writeFileSync(v9, readFileSync(old, 'utf8').replace('"schemaVersion": 2,', '"schemaVersion": 9,'));
    const bad = headroom('diff', v9, regional);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/v9\.json:2:3: error plan\.schema_version: the plan is of plan schema version 9/);
  });

  it('report --previous adds a "What changed" section and a line in the decision summary', () => {
    const out = join(dir, 'r.html');
    const r = headroom('report', cheaper, '-o', out, '--previous', regional, '--fail-on', 'none');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h2 id="changes">What changed');
    expect(html).toContain('CAPEX −74,160 EUR');
    // the report says which scenario it came from, by content hash
    expect(html).toMatch(/From <code>[^<]*cheaper\.yaml<\/code>, sha256 <code>[0-9a-f]{12}<\/code>/);
  });
});
