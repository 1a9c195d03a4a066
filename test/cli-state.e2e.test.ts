/**
 * `demand.storageFrom` end to end: the built binary reads the state directory relative to
 * the scenario file (test/fixtures/state/storage-from.yaml -> the siphon-tentacle outputs),
 * inside the folder --allow-path test/fixtures allows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, headroom, root } from './helpers/run-cli.js';

const fixture = 'test/fixtures/state/storage-from.yaml';
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'headroom-state-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('headroom plan with demand.storageFrom', () => {
  it("month-0 stored bytes per pool come from the directory's ceph df, with their source", () => {
    const r = headroom('plan', fixture, '--format', 'json', '--allow-path', 'test/fixtures');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { storage: { ceph: { pools: { name: string; storedBytesMonth0: number; storedSource?: string }[] } } };
    // test/fixtures/real/cluster-state/ceph/siphon-tentacle/df.json:
    //   pools[name=mytestpool].stats.stored = 415, pools[name=mynewpoolname].stats.stored = 41
    expect(plan.storage.ceph.pools.map((p) => [p.name, p.storedBytesMonth0, p.storedSource])).toEqual([
      ['mytestpool', 415, 'ceph df: test/fixtures/real/cluster-state/ceph/siphon-tentacle/df.json pools[name=mytestpool].stats.stored'],
      ['mynewpoolname', 41, 'ceph df: test/fixtures/real/cluster-state/ceph/siphon-tentacle/df.json pools[name=mynewpoolname].stats.stored'],
    ]);
  });

  it('validate accepts it', () => {
    const r = headroom('validate', fixture, '--allow-path', 'test/fixtures');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no problems');
  });

  it("without --allow-path, the directory outside the scenario's folder is refused at the value", () => {
    const r = headroom('validate', fixture);
    expect(r.code).toBe(2);
    // line 37 is `  storageFrom: ../real/...`: the value at col 16
    expect(r.stdout).toContain(
      `${fixture}:37:16: error file.outside_folder: state directory "../real/cluster-state/ceph/siphon-tentacle" is outside the scenario's folder (it leaves it)`,
    );
  });

  it('a missing directory: state.unreadable at the storageFrom value, exit 2, no stack', () => {
    const file = join(tmp, 'missing.yaml');
    // line 37 is `  storageFrom: <dir>`: the value at col 16 (2 spaces + "storageFrom: ")
    writeFileSync(file, readFileSync(join(root, fixture), 'utf8').replace('../real/cluster-state/ceph/siphon-tentacle', 'no-such-dir'));
    const r = headroom('plan', file, '--format', 'json');
    expect(r.code).toBe(2);
    // with --format json, the diagnostics are also on stdout, as JSON (instead of a plan)
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; location: { line: number; col: number } }[] };
    expect(report.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toContainEqual(['state.unreadable', 37, 16]);
    expect(r.stderr).toContain(`${file}:37:16: error state.unreadable: cannot read state directory "no-such-dir"`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
