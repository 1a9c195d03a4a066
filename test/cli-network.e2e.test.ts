/**
 * End-to-end tests of the network commands on the built binary: `headroom netplan` and
 * `headroom import-network-data` (exit codes, output that parses back, atomic files).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bundle/headroom.js');
const networkData = 'test/fixtures/real/network/ironic-network_data.json';
// yaml is core's dependency, not the workspace root's: resolve it the way core does.
const { parse, parseAllDocuments } = createRequire(join(root, 'packages/core/package.json'))('yaml') as {
  parse(text: string): unknown;
  parseAllDocuments(text: string): { errors: unknown[]; toJS(): unknown }[];
};

function headroom(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['HEADROOM_DEBUG'];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(bin)) throw new Error('build first: npx -y pnpm@10.34.8 run build');
  dir = mkdtempSync(join(tmpdir(), 'headroom-net-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('headroom netplan', () => {
  it('--role storage prints the 3 storage hosts as YAML documents, exit 0', () => {
    const r = headroom('netplan', 'scenarios/reference-pilot.yaml', '--role', 'storage');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const docs = parseAllDocuments(r.stdout);
    expect(docs).toHaveLength(3);
    for (const d of docs) expect(d.errors).toEqual([]);
    expect(r.stdout).toContain('# netplan for storage-01 (role storage, sto-r7615, rack r1)');
    // storage-01 is the 7th host on mgmt (3 control + 3 compute before it): .11 + 6 = .17
    expect((docs[0]!.toJS() as { network: { vlans: { mgmt: { addresses: string[] } } } }).network.vlans.mgmt.addresses).toEqual(['10.10.0.17/24']);
  });

  it('-o writes one file per host, each a netplan document, exit 0', () => {
    const out = join(dir, 'netplan');
    const r = headroom('netplan', 'scenarios/reference-pilot.yaml', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`headroom: wrote 10 netplan files to ${out}\n`);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'compute-01.yaml',
      'compute-02.yaml',
      'compute-03.yaml',
      'control-01.yaml',
      'control-02.yaml',
      'control-03.yaml',
      'deploy-01.yaml',
      'storage-01.yaml',
      'storage-02.yaml',
      'storage-03.yaml',
    ]);
    for (const f of files) expect((parse(readFileSync(join(out, f), 'utf8')) as { network: { version: number } }).network.version).toBe(2);
  });

  it('a scenario without a network: section exits 2 and says why', () => {
    const text = readFileSync(join(root, 'scenarios/reference-pilot.yaml'), 'utf8');
    const file = join(dir, 'no-network.yaml');
    writeFileSync(file, text.slice(0, text.indexOf('\nnetwork:\n') + 1));
    const r = headroom('netplan', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no network: section');
  });

  it('an unknown role is a usage error, exit 2', () => {
    expect(headroom('netplan', 'scenarios/reference-pilot.yaml', '--role', 'network').code).toBe(2);
  });
});

describe('headroom import-network-data', () => {
  it('prints the snippet of the real Ironic sample, exit 0', () => {
    const r = headroom('import-network-data', networkData, '--role', 'storage', '--ports', 'interface0=nic0p0,interface1=nic1p0');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const snippet = parse(r.stdout) as { network: { roles: { storage: { bonds: unknown[] } } } };
    expect(snippet.network.roles.storage.bonds).toEqual([{ name: 'bond0', members: ['nic0p0', 'nic1p0'], mode: '802.3ad', hashPolicy: 'layer3+4', miimonMs: 100, mtu: 9000 }]);
    expect(r.stdout).toMatch(/^# Imported from test\/fixtures\/real\/network\/ironic-network_data\.json by headroom, for role storage\./);
  });

  it('bad JSON: file:line:col netdata.invalid_json, exit 2', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "links": [1,],\n  "networks": []\n}\n');
    const r = headroom('import-network-data', file);
    expect(r.code).toBe(2);
    // line 2 is `  "links": [1,],`: 2 spaces, "links" (7), ":", " ", "[", "1", "," = 14 columns; the "]" is column 15
    expect(r.stderr).toContain(`${file}:2:15: error netdata.invalid_json: not JSON: Unexpected token ']'\n`);
  });

  it('a --ports pair that is not link=nic<card>p<port> exits 2', () => {
    const r = headroom('import-network-data', networkData, '--ports', 'interface0=eth0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ports takes link=nic<card>p<port> pairs');
  });
});
