/**
 * End-to-end tests of `headroom hw check|facts` on the built binary, with the real fixtures
 * of test/fixtures/real (cwd = repository root): exit codes, a broken file among good ones,
 * JSON output; and a scenario whose hypervisors come from an Ironic inventory.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, headroom, root } from './helpers/run-cli.js';

const real = 'test/fixtures/real';
const r7615 = `${real}/ironic/understack-dell-r7615-inventory.json`;
const invalid = `${real}/ironic/inspector-api-v1-continue-request.INVALID-trailing-comma.json`;
const vm = `${real}/local-vm/lshw.json`;

beforeAll(ensureBuilt);

describe('headroom hw check', () => {
  it('is listed in --help', () => {
    expect(headroom('--help').stdout).toMatch(/^\s+hw\b/m);
    expect(headroom('hw', '--help').stdout).toContain('check');
  });

  it('exit 0: the R7615 for compute (its ECC is unknown: reported, not a failure)', () => {
    const r = headroom('hw', 'check', r7615, '--role', 'compute');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`${r7615} (ironic), role compute: UNKNOWN (6 pass, 0 fail, 1 unknown)`);
  });

  it('exit 1: --strict turns the unknown ECC into a failure', () => {
    expect(headroom('hw', 'check', r7615, '--role', 'compute', '--strict').code).toBe(1);
  });

  it('exit 1: the VM capture fails compute on virtualization, ECC unknown', () => {
    const r = headroom('hw', 'check', vm, '--role', 'compute');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fail +Hardware virtualization .* none \(a virtual machine/);
    expect(r.stdout).toMatch(/unknown +ECC memory +ECC memory +unknown/);
  });

  it('exit 2: a broken file among good ones; the good ones are still checked and reported', () => {
    const r = headroom('hw', 'check', r7615, invalid, vm, '--role', 'compute');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${r7615} (ironic), role compute: UNKNOWN`);
    expect(r.stdout).toContain(`${vm} (lshw), role compute: FAIL`);
    expect(r.stdout).toContain(`${invalid}: ERROR, not checked`);
    // positioned, with the source line and a caret; no stack trace
    expect(r.stderr).toContain(`${invalid}:66:9: error inventory.invalid_json: invalid JSON: unexpected "]" after ","`);
    expect(r.stderr).toContain('hint: remove the comma after the last element (line 65, column 15)');
    expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
  });

  it('every real inventory fixture at once, as JSON: only the invalid one is an error', () => {
    const all = ['ironic', 'dmidecode', 'lscpu', 'local-vm'].flatMap((d) =>
      readdirSync(join(root, real, d))
        .sort()
        .map((f) => `${real}/${d}/${f}`),
    );
    expect(all).toHaveLength(4 + 13 + 4 + 4);
    const r = headroom('hw', 'check', ...all, '--role', 'storage', '--format', 'json');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as { nodes: { file: string; status: string; format?: string }[]; summary: Record<string, number> };
    expect(json.nodes.filter((n) => n.status === 'error').map((n) => n.file)).toEqual([invalid]);
    expect(json.nodes.map((n) => n.format ?? null).filter((f) => f === null)).toEqual([null]); // the invalid JSON has no format
    expect(json.summary.error).toBe(1);
    // the lscpu sample whose CPU(s) contradicts its topology is a warning on stderr, not an error
    expect(r.stderr).toContain(`${real}/lscpu/redhat-cip-hardware-lscpu.txt:4:1: warning inventory.inconsistent`);
  });

  it('an unknown role is bad usage (exit 2)', () => {
    expect(headroom('hw', 'check', r7615, '--role', 'gpu').code).toBe(2);
  });
});

describe('headroom hw facts', () => {
  it('prints the imported facts with their evidence; JSON on request', () => {
    const r = headroom('hw', 'facts', `${real}/dmidecode/Dell_DSS7500`);
    expect(r.code).toBe(0);
    // l. 429: Multi-bit ECC (DMI type 16)
    expect(r.stdout).toMatch(/memory\.eccType +Multi-bit ECC +line 429: DMI type 16/);
    const json = JSON.parse(headroom('hw', 'facts', `${real}/local-vm/cpuinfo-flags.txt`, '--format', 'json').stdout) as {
      nodes: { facts: { cpu: { virtualization: { value: string } } } }[];
    };
    expect(json.nodes[0]!.facts.cpu.virtualization.value).toBe('none');
  });
});

describe('a scenario with hypervisors from an Ironic inventory', () => {
  it('plans from the inventory: 32 VCPU per host from the catalogue, ECC unknown as a warning', () => {
    const r = headroom('plan', 'scenarios/ironic-inventory.yaml', '--format', 'json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      compute: { hosts: { hardware: string; inventories: { resourceClass: string; total: number }[] }[] };
      roleChecks: { hardware: string; requirement: string; status: string }[];
    };
    const host = plan.compute.hosts.find((h) => h.hardware === 'r7615-ironic')!;
    expect(host.inventories.find((i) => i.resourceClass === 'VCPU')!.total).toBe(32); // 1 × 16 × 2
    expect(plan.roleChecks.find((c) => c.hardware === 'r7615-ironic' && c.requirement === 'requireEcc')!.status).toBe('unknown');
  });
});
