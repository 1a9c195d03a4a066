/**
 * One record per Ceph pool, over every shipped scenario's whole plan: an object that names a
 * pool (`name`) and carries its layout or capacity (min_size, share, copies, usable bytes) is
 * that pool's plan, and there is exactly one, storage.ceph.pools[i] for scenario pool i. The
 * scenario echo (plan.scenario) is the input, not a figure of the plan. Analyses keyed by
 * `pool` (durability, allocation, a failure's outcome) and the rule set's parts (name and the
 * pool's part of the set) are other facts about the pool, not its plan.
 * Before, StoragePlan.pools held a second record of every pool (PoolPlan): this test fails on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '../packages/core/src/index.js';
import { inventoryOptions } from './helpers/inventories.js';

const root = join(import.meta.dirname, '..');
const files = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const POOL_FIGURES = ['minSize', 'share', 'copies', 'usableBytes'];

/** Paths of the objects under `x` (outside `skip`) with `name` in `pools` and any of POOL_FIGURES. */
function poolRecords(x: unknown, pools: ReadonlySet<string>, path: string, skip: string, out: string[]): string[] {
  if (path === skip) return out;
  if (Array.isArray(x)) x.forEach((v, i) => poolRecords(v, pools, `${path}[${i}]`, skip, out));
  else if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.name === 'string' && pools.has(o.name) && POOL_FIGURES.some((k) => k in o)) out.push(`${path} ${o.name}`);
    for (const [k, v] of Object.entries(o)) poolRecords(v, pools, `${path}.${k}`, skip, out);
  }
  return out;
}

describe('one record per Ceph pool in every scenario plan', () => {
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(root, 'scenarios', file), 'utf8');
      const scenario = parseScenario(text, { fileName: `scenarios/${file}`, ...inventoryOptions(join(root, 'scenarios', file), text) }).scenario!;
      const plan = evaluate(scenario);
      const names = scenario.ceph.pools.map((p) => p.name);
      expect(names.length).toBeGreaterThan(0);
      const records = poolRecords(JSON.parse(JSON.stringify(plan)), new Set(names), '$', '$.scenario', []);
      expect(records).toEqual(names.map((n, i) => `$.storage.ceph.pools[${i}] ${n}`));
    });
  }

  it('the walk finds a second record when there is one (the shape before: storage.pools)', () => {
    const plan = { storage: { pools: [{ name: 'volumes', minSize: 2, usableBytes: 1 }], ceph: { pools: [{ name: 'volumes', minSize: 2, copies: 3 }] } } };
    expect(poolRecords(plan, new Set(['volumes']), '$', '$.scenario', [])).toEqual(['$.storage.pools[0] volumes', '$.storage.ceph.pools[0] volumes']);
  });
});
