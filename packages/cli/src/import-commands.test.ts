/**
 * `headroom ceph df` on the real captures (test/fixtures/real/cluster-state/ceph) with the
 * real core from source; malformed inputs from an in-memory file system.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../../test/helpers/memory-io.js';
import { cephDfCommand, defaultCephCliDeps, importCommand, type CephCliDeps } from './import-commands.js';
import { run } from './main.js';

const CEPH = join(import.meta.dirname, '../../../test/fixtures/real/cluster-state/ceph');
const deps: CephCliDeps = { ...defaultCephCliDeps, loadCephCore: () => import('../../core/src/index.js') };
const realIo = () => ({ ...memoryIo({}, { cwd: CEPH }), readFile: (p: string) => readFile(p, 'utf8') });

describe('headroom ceph df', () => {
  it('ceph-lab-pacific-clean (df + df detail, osd df + osd df tree of one cluster): read as one, exit 0', async () => {
    const io = realIo();
    expect(await cephDfCommand(io, deps, ['ceph-lab-pacific-clean'], { format: 'text' })).toBe(0);
    // ceph_df_detail.json volumes "max_avail": 24913567744; ours 24913566718 (-1026 B, float32)
    expect(io.out()).toMatch(/volumes +1 +hdd +11 +3 +24913566718 B \(23\.20 GiB\) +24913567744 B/);
    expect(io.err()).toBe('');
  });

  it('without the rule dump, df or autoscale-status: the MAX AVAIL is printed as unknown', async () => {
    const dir = join(CEPH, 'ceph-lab-pacific-clean');
    const io = realIo();
    const files = ['ceph_osd_df_tree.json', 'ceph_osd_dump.json'].map((f) => join(dir, f));
    expect(await cephDfCommand(io, deps, files, { format: 'text' })).toBe(0);
    expect(io.out()).toMatch(/volumes +1 +\? +\? +3 +unknown \(rule's OSDs unknown\)/);
    expect(io.out()).toContain('2 device classes (hdd, ssd); no output tells which it takes: MAX AVAIL unknown');
  });

  it('a directory: every pool beside ceph df, exit 0 (monasca-luminous, one host down)', async () => {
    const io = realIo();
    expect(await cephDfCommand(io, deps, ['monasca-luminous'], { format: 'text' })).toBe(0);
    // cephfs_data: test_ceph-df.json "max_avail": 52729787449344 printed beside ours
    expect(io.out()).toMatch(/cephfs_data +1 +hdd +30 +3 +\d+ B \(47\.96 TiB\) +52729787449344 B \(47\.96 TiB\)/);
    expect(io.out()).toContain('rule 1 is not in a rule dump: read as root default, class hdd');
    expect(io.err()).toBe('');
  });

  it('--format json: one row per pool with both numbers', async () => {
    const io = realIo();
    await cephDfCommand(io, deps, ['siphon-tentacle'], { format: 'json' });
    const out = JSON.parse(io.out()) as { pools: { pool: string; cephMaxAvailBytes: number; relativeDifference: number }[] };
    // df.json: three pools, each "max_avail":33760380928
    expect(out.pools.map((p) => [p.pool, p.cephMaxAvailBytes])).toEqual([
      ['.mgr', 33760380928],
      ['mytestpool', 33760380928],
      ['mynewpoolname', 33760380928],
    ]);
    expect(out.pools.every((p) => p.relativeDifference < 1e-4)).toBe(true);
  });

  it('a truncated file: exit 2, file:line:col on stderr, the table still printed from the other files', async () => {
    const df = await readFile(join(CEPH, 'siphon-squid/df.json'), 'utf8');
    const io = memoryIo({
      'osd_df_tree.json': await readFile(join(CEPH, 'siphon-squid/osd_df_tree.json'), 'utf8'),
      'osd_dump.json': await readFile(join(CEPH, 'siphon-squid/osd_dump.json'), 'utf8'),
      'df.json': df.slice(0, 100),
    });
    const code = await cephDfCommand(io, { ...deps, listDir: async () => undefined }, ['osd_df_tree.json', 'osd_dump.json', 'df.json'], { format: 'text' });
    expect(code).toBe(2);
    expect(io.err()).toContain('df.json:2:100'); // the capture starts with a line break: 99 characters on line 2, the end is col 100
    expect(io.err()).toContain('ceph.json.invalid');
    expect(io.out()).toContain('(no ceph df)');
  });

  it('the wrong command in a named file: exit 2 naming what was expected', async () => {
    const io = memoryIo({ 'a.json': await readFile(join(CEPH, 'siphon-squid/osd_dump.json'), 'utf8'), 'b.json': '{"hello": 1}' });
    expect(await cephDfCommand(io, { ...deps, listDir: async () => undefined }, ['a.json', 'b.json'], { format: 'text' })).toBe(2);
    expect(io.err()).toContain('b.json:1:1');
    expect(io.err()).toContain('not the output of a Ceph command headroom reads');
    expect(io.err()).toContain('no `ceph osd df tree -f json` output');
  });

  it('a pool name with an escape sequence and a C1 control is printed escaped, in text and JSON', async () => {
    // siphon-tentacle's pool "mytestpool" renamed "my\u001b[2Jpool\u009b": ESC [2J clears the
    // screen, U+009B is the C1 CSI; the terminal must see \x1b and \x9b (JSON: \u001b, \u009b)
    const dir = join(CEPH, 'siphon-tentacle');
    const { readdir } = await import('node:fs/promises');
    const names = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    const files: Record<string, string> = {};
    for (const f of names) files[`/c/${f}`] = (await readFile(join(dir, f), 'utf8')).replaceAll('"mytestpool"', '"my\\u001b[2Jpool\\u009b"');
    const text = memoryIo(files, { cwd: '/c' });
    await cephDfCommand(
      text,
      deps,
      names.map((f) => `/c/${f}`),
      { format: 'text' },
    );
    expect(text.out()).toContain('my\\x1b[2Jpool\\x9b');
    expect(text.out().includes('\u001b') || text.out().includes('\u009b')).toBe(false);
    const json = memoryIo(files, { cwd: '/c' });
    await cephDfCommand(
      json,
      deps,
      names.map((f) => `/c/${f}`),
      { format: 'json' },
    );
    expect(json.out()).toContain('my\\u001b[2Jpool\\u009b');
    expect(json.out().includes('\u001b') || json.out().includes('\u009b')).toBe(false);
  });

  it('is registered: headroom ceph df --help', async () => {
    const io = memoryIo();
    expect(await run(['ceph', 'df', '--help'], io, { loadVersion: async () => '0' })).toBe(0);
    expect(io.out()).toContain('MAX AVAIL');
  });
});

describe('headroom import --ceph', () => {
  it('writes the baseline atomically and it validates; a cluster without a tree writes nothing (exit 2)', async () => {
    const io = realIo();
    expect(await importCommand(io, deps, { ceph: ['siphon-tentacle'], output: 'out.yaml', start: '2026-12' })).toBe(0);
    const written = io.written.get(join(CEPH, 'out.yaml'))!;
    expect(written).toContain('start: "2026-12"');
    const io2 = realIo();
    expect(await importCommand(io2, deps, { ceph: ['monasca-luminous'], output: 'm.yaml' })).toBe(2);
    expect(io2.written.size).toBe(0);
    expect(io2.err()).toContain('nothing written to m.yaml');
  });
});

describe('headroom import --openstack', () => {
  it('adds the devstack compute host and flavors; the written file loads (exit 0)', async () => {
    const io = realIo();
    const code = await importCommand(io, deps, { ceph: ['siphon-tentacle'], openstack: ['../openstack/datadog-devstack'], output: 'full.yaml', start: '2026-12' });
    expect(code).toBe(0);
    const yaml = io.written.get(join(CEPH, 'full.yaml'))!;
    expect(yaml).toContain('- { role: compute, hardware: compute-host-1, count: 1 }');
    expect(yaml).toContain('"m1.tiny": { vcpus: 1, ram: 512 MiB, disk: 1 GiB }'); // flavors-detail: ram 512, disk 1
  });

  it('Placement provider trees (test/fixtures/state/openstack-tree): hosts with devices and aggregates, instances from the allocations (exit 0)', async () => {
    const io = realIo();
    const code = await importCommand(io, deps, { ceph: ['siphon-tentacle'], openstack: ['../../../state/openstack-tree'], output: 'tree.yaml', start: '2026-12' });
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const yaml = io.written.get(join(CEPH, 'tree.yaml'))!;
    expect(yaml).toContain('- { role: compute, hardware: compute-host-2, count: 1, aggregates: ["nfv"] }');
    // 10 consumers of VCPU 4, MEMORY_MB 8,192, DISK_GB 16 on cmp-1: the Nova flavor m1.large
    expect(yaml).toContain('  instances:\n    - { flavor: "m1.large", count: 10 }');
  });
});

describe('issue 15: OpenStack responses a baseline cannot hold exit 2 with coded diagnostics, never 3', () => {
  const hv = (fields: Record<string, unknown>) => JSON.stringify({ hypervisors: [{ id: 1, hypervisor_hostname: 'cmp1', vcpus: 8, memory_mb: 65536, local_gb: 100, ...fields }] });
  const inv = (vcpu: Record<string, unknown>) => JSON.stringify({ inventories: { VCPU: { total: 8, reserved: 0, allocation_ratio: 4, ...vcpu } } });
  const flavors = JSON.stringify({
    flavors: [
      { id: 'a', name: 'm1', vcpus: 1, ram: 512, disk: 1 },
      { id: 'b', name: 'm1', vcpus: 2, ram: 1024, disk: 1 },
    ],
  });
  const cases: [string, Record<string, string>, string][] = [
    ['vcpus: 0', { 'os/hv.json': hv({ vcpus: 0 }) }, 'openstack.value.out_of_range'],
    ['allocation ratio -1', { 'os/hv.json': hv({}), 'os/inv.json': inv({ allocation_ratio: -1 }) }, 'openstack.value.out_of_range'],
    ['allocation ratio 2^32', { 'os/hv.json': hv({}), 'os/inv.json': inv({ allocation_ratio: 2 ** 32 }) }, 'openstack.value.out_of_range'],
    ['negative reserved', { 'os/hv.json': hv({}), 'os/inv.json': inv({ reserved: -1 }) }, 'openstack.value.out_of_range'],
    ['duplicate flavor names', { 'os/hv.json': hv({}), 'os/fl.json': flavors }, 'openstack.flavor.duplicate_name'],
  ];
  for (const [name, files, code] of cases) {
    it(`${name}: exit 2, ${code}, nothing written`, async () => {
      const mem = memoryIo(files, { cwd: CEPH });
      const io = { ...mem, readFile: async (p: string) => (p.startsWith(join(CEPH, 'os')) ? mem.readFile(p) : readFile(p, 'utf8')) };
      const codeOut = await importCommand(io, deps, { ceph: ['siphon-tentacle'], openstack: Object.keys(files), output: 'x.yaml', start: '2026-12' });
      expect(mem.err()).not.toContain('internal error');
      expect(mem.err()).toContain(code);
      expect(codeOut).toBe(2);
      expect(mem.written.size).toBe(0);
    });
  }
});
