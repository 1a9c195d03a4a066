/**
 * Round trip end to end on the built binary (issue "Done when"): scenarios/regional-cloud.yaml
 * exported to Kolla-Ansible, NetBox and cephadm files, imported back into a scenario, and
 * planned to the same result; a Redfish mockup through `redfish import` and `hw check`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, headroom } from './helpers/run-cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'headroom-interop-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const SCENARIO = 'scenarios/regional-cloud.yaml';
/** The plan JSON without the scenario echo (its YAML comments and nodes text differ). */
let original: unknown;
function planOf(file: string): unknown {
  if (file === SCENARIO && original !== undefined) return original;
  const r = headroom('plan', file, '--format', 'json', '--fail-on', 'none');
  expect(r.code, r.stderr).toBe(0);
  const p = JSON.parse(r.stdout) as Record<string, unknown>;
  // the scenario's text and its provenance (path and SHA-256 of the file) differ by construction
  delete p.scenario;
  delete p.provenance;
  if (file === SCENARIO) original = p;
  return p;
}

describe('Kolla-Ansible round trip', () => {
  it('export -> import -> the same plan', () => {
    const inv = join(dir, 'multinode');
    const glob = join(dir, 'globals.yml');
    const out = headroom('kolla', 'export', SCENARIO, '--inventory', inv, '--globals', glob);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('52 hosts: 3 control, 40 compute, 8 storage, 1 deploy');
    expect(readFileSync(glob, 'utf8')).toContain('kolla_internal_vip_address: "10.20.1.250"');
    const back = join(dir, 'from-kolla.yaml');
    const imp = headroom('kolla', 'import', '--inventory', inv, '--globals', glob, '--scenario', SCENARIO, '-o', back);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stderr).toBe('');
    expect(planOf(back)).toEqual(planOf(SCENARIO));
  });

  it('refuses a plan Kolla-Ansible would refuse, and writes nothing', () => {
    const bad = join(dir, 'vip-in-pool.yaml');
    writeFileSync(bad, readFileSync(SCENARIO, 'utf8').replace('internal: 10.20.1.250', 'internal: 10.200.0.50'));
    const inv = join(dir, 'refused-multinode');
    const r = headroom('kolla', 'export', bad, '--inventory', inv, '--globals', join(dir, 'refused-globals.yml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('network.vip.outside_network');
    expect(readdirSync(dir)).not.toContain('refused-multinode');
  });

  it('a malformed inventory is a positioned diagnostic, exit 2', () => {
    const bad = join(dir, 'bad-multinode');
    writeFileSync(bad, '[control]\nctl[3:1]\n');
    const r = headroom('kolla', 'import', '--inventory', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(':2:1: error kolla.inventory.syntax');
  });
});

describe('NetBox round trip', () => {
  it('export (planned purchases) -> import -> the same plan', () => {
    const nb = join(dir, 'netbox');
    const out = headroom('netbox', 'export', SCENARIO, '-o', nb, '--site', 'dc1');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('64 devices (12 planned purchases)');
    const files = readdirSync(nb)
      .filter((f) => /^\d-/.test(f))
      .sort()
      .map((f) => join(nb, f));
    const back = join(dir, 'from-netbox.yaml');
    const imp = headroom('netbox', 'import', ...files, '--scenario', SCENARIO, '-o', back);
    expect(imp.code, imp.stderr).toBe(0);
    expect(planOf(back)).toEqual(planOf(SCENARIO));
    const drift = headroom('drift', SCENARIO, '--netbox', ...files);
    expect(drift.code, drift.stdout).toBe(0);
  });
});

describe('cephadm', () => {
  it('export -> import: 24 OSDs per storage host; a 20T: filter is drift', () => {
    const specs = join(dir, 'specs.yaml');
    expect(headroom('cephadm', 'export', SCENARIO, '-o', specs).code).toBe(0);
    const imp = headroom('cephadm', 'import', specs, '--scenario', SCENARIO);
    expect(imp.stdout).toMatch(/storage-01\s+sto-r760xd2\s+24\s+24/);
    writeFileSync(specs, readFileSync(specs, 'utf8').replace('size: 18T:19T', "size: '20T:'"));
    const drift = headroom('drift', SCENARIO, '--ceph', specs);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('drift.osd.count');
  });
});

describe('Redfish', () => {
  it('the DMTF mockup folder -> an expanded system; hw check --role compute fails on its 1 Gbit/s NICs', () => {
    const out = join(dir, 'rf.json');
    const r = headroom('redfish', 'import', 'test/fixtures/real/redfish/dmtf-public-rackmount1', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync('test/fixtures/interop/redfish/dmtf-437XR1138R2-expanded.json', 'utf8')));
    const check = headroom('hw', 'check', out, '--role', 'compute');
    expect(check.code).toBe(1);
  });

  it('the derived copy with virtualization enabled and 25 Gbit/s NICs passes hw check --role compute', () => {
    const check = headroom('hw', 'check', 'test/fixtures/interop/redfish/dmtf-437XR1138R2-expanded-vt-25g.json', '--role', 'compute');
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('PASS');
  });
});
