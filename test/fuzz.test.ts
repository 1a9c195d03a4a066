/**
 * Issue 15: a seeded, bounded fuzz of scenarios and of every importer. Each property runs at
 * most `numRuns` cases and stops early after its time budget (interruptAfterTimeLimit, about
 * 20 s in all), always with the same seed, so a failure reproduces. It asserts: nothing
 * escapes core as an exception (parseScenario, evaluate, the importers never throw); no NaN or
 * Infinity in a plan or an import result (numbers checked before JSON.stringify, which would
 * turn NaN into null); every diagnostic positioned (line >= 1, col >= 1); and, through the
 * CLI's run() with an in-memory io, never exit 3 (internal error).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as core from '../packages/core/src/index.js';
import type { Diagnostic } from '../packages/core/src/index.js';
import { run, type CliDeps } from '../packages/cli/src/main.js';
import { nonFinitePaths } from './helpers/finite.js';
import { lineMutationArb, loadYaml, mutate, mutateLines, mutationArb, root } from './helpers/fuzz.js';
import { inventoryOptions } from './helpers/inventories.js';
import { memoryIo } from './helpers/memory-io.js';

const SEED = 15;
/** FUZZ_LOG=<file>: each case is written there before it runs (to find a case that kills the worker). */
const LOG = process.env['FUZZ_LOG'];
const log = (what: string, c: unknown): void => {
  if (LOG) writeFileSync(LOG, `${what} ${JSON.stringify(c).slice(0, 4000)}\n`, { flag: 'a' });
};
/** Cases run per property (printed at the end: the time budget decides how many). */
const runs = new Map<string, number>();
const count = (what: string): void => {
  runs.set(what, (runs.get(what) ?? 0) + 1);
};
afterAll(() => {
  console.info(`fuzz cases (seed ${SEED}): ${[...runs].map(([k, n]) => `${k} ${n}`).join(', ')}; total ${[...runs.values()].reduce((a, b) => a + b, 0)}`);
});
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const params = (numRuns: number, ms: number) => ({ seed: SEED, numRuns, interruptAfterTimeLimit: ms, endOnFailure: true });

function expectPositioned(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    if (!(Number.isInteger(d.location.line) && d.location.line >= 1 && Number.isInteger(d.location.col) && d.location.col >= 1)) {
      throw new Error(`unpositioned diagnostic ${d.code} at ${d.location.file}:${d.location.line}:${d.location.col}`);
    }
  }
}

function expectFinite(what: string, value: unknown): void {
  const bad = nonFinitePaths(value);
  if (bad.length > 0) throw new Error(`${what}: non-finite numbers at ${bad.slice(0, 5).join(', ')}`);
}

let YAML: Awaited<ReturnType<typeof loadYaml>>;
const SCENARIOS = ['reference-pilot', 'ironic-inventory', 'regional-cloud'].map((name) => {
  const text = read(`scenarios/${name}.yaml`);
  return { name, text, options: { fileName: `${name}.yaml`, ...inventoryOptions(join(root, 'scenarios', `${name}.yaml`), text) } };
});
let bases: unknown[];
beforeAll(async () => {
  YAML = await loadYaml();
  bases = SCENARIOS.map((s) => YAML.parse(s.text));
});

const scenarioCase = fc.record({
  base: fc.constantFrom(0, 0, 1, 2),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
  asYaml: fc.boolean(),
});

function scenarioText(c: { base: number; mutations: Parameters<typeof mutate>[1]; asYaml: boolean }): string {
  const value = mutate(bases[c.base], c.mutations);
  return c.asYaml ? YAML.stringify(value) : JSON.stringify(value, null, 1);
}

describe('issue 15: fuzz (seeded, bounded)', () => {
  it('mutated scenarios: parseScenario and evaluate never throw; plans have no NaN/Infinity; diagnostics are positioned', () => {
    let evaluated = 0;
    fc.assert(
      fc.property(scenarioCase, (c) => {
        log('scenario', c);
        count('scenarios');
        const text = scenarioText(c);
        const { scenario, diagnostics } = core.parseScenario(text, SCENARIOS[c.base]!.options);
        expectPositioned(diagnostics);
        if (!scenario) return;
        // regional-cloud takes ~0.3 s to evaluate: only one case in four
        if (c.base === 2 && c.mutations.length !== 1) return;
        const plan = core.evaluate(scenario);
        evaluated++;
        expectFinite('plan', plan);
      }),
      params(3000, 9_000),
    );
    expect(evaluated).toBeGreaterThan(0);
  }, 60_000);

  it('raw text: truncated, control characters, deep nesting and aliases never throw out of parseScenario', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS.map((s) => s.text)), fc.array(lineMutationArb, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 40 }), (text, m, junk) => {
        count('scenario text');
        const mutated = `${mutateLines(text, m)}\n${junk}`;
        expectPositioned(core.parseScenario(mutated, { fileName: 's.yaml' }).diagnostics);
      }),
      params(1500, 3_000),
    );
  }, 60_000);

  const inventories = [
    'test/fixtures/real/ironic/understack-dell-r7615-inventory.json',
    'test/fixtures/real/ironic/ironic-api-ref-node-inventory-response.json',
    'test/fixtures/real/ironic/inspector-api-v1-data-introspection-response.json',
    'test/fixtures/real/local-vm/lshw.json',
    'test/fixtures/real/local-vm/lscpu.json',
  ].map(read);
  const textInventories = [
    'test/fixtures/real/local-vm/lscpu.txt',
    'test/fixtures/real/local-vm/cpuinfo-flags.txt',
    'test/fixtures/real/lscpu/redhat-cip-hardware-lscpu-7302.txt',
    ...readdirSync(join(root, 'test/fixtures/real/dmidecode'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => `test/fixtures/real/dmidecode/${f}`),
  ].map(read);

  it('importers: Ironic, lshw, lscpu JSON (structured mutations); lscpu, cpuinfo, dmidecode (line mutations)', () => {
    const check = (text: string) => {
      count('inventories');
      const r = core.importInventory(text, { fileName: 'inv' });
      expectPositioned(r.diagnostics);
      expectFinite('facts', r.facts);
    };
    fc.assert(
      fc.property(fc.nat(inventories.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (i, m) =>
        check(JSON.stringify(mutate(JSON.parse(inventories[i]!), m), null, 1)),
      ),
      params(1500, 3_000),
    );
    fc.assert(
      fc.property(fc.nat(textInventories.length - 1), fc.array(lineMutationArb, { minLength: 1, maxLength: 4 }), (i, m) => check(mutateLines(textInventories[i]!, m))),
      params(1500, 2_000),
    );
  }, 60_000);

  const cephDir = 'test/fixtures/real/cluster-state/ceph/siphon-tentacle';
  const cephFiles = readdirSync(join(root, cephDir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: read(`${cephDir}/${f}`) }));
  const osDir = 'test/fixtures/real/cluster-state/openstack';
  const osFiles = ['datadog-devstack/flavors-detail-response-2.93.json', 'nova-api-samples/v2.53-hypervisors-detail-resp.json', 'placement-api-ref/get-inventories.json'].map(
    (f) => ({ name: f, text: read(`${osDir}/${f}`) }),
  );

  it('ceph -f json and OpenStack responses: state, MAX AVAIL, baselines; network_data.json', () => {
    fc.assert(
      fc.property(fc.nat(cephFiles.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (i, m) => {
        count('ceph');
        const files = cephFiles.map((f, k) => (k === i ? { name: f.name, text: JSON.stringify(mutate(JSON.parse(f.text), m)) } : f));
        const r = core.readCephState(files);
        expectPositioned(r.diagnostics);
        if (!r.state) return;
        expectFinite('MAX AVAIL', core.reproduceMaxAvail(r.state));
        const b = core.cephBaselineYaml(r.state, { name: 'x', start: '2027-01', sourceLabel: 'fuzz' });
        expectPositioned(b.diagnostics);
        // as `headroom import`: with no error in the outputs, a baseline that is written must load (exit 3 otherwise)
        if (b.yaml !== undefined && ![...r.diagnostics, ...b.diagnostics].some((d) => d.severity === 'error'))
          expect(core.parseScenario(b.yaml).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }),
      params(1000, 2_500),
    );
    fc.assert(
      fc.property(fc.nat(osFiles.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (i, m) => {
        count('openstack');
        const files = osFiles.map((f, k) => (k === i ? { name: f.name, text: JSON.stringify(mutate(JSON.parse(f.text), m), null, 1) } : f));
        const os = core.openstackBaseline(files);
        expectPositioned(os.diagnostics);
        if (os.diagnostics.some((d) => d.severity === 'error')) return;
        const ceph = core.readCephState(cephFiles).state!;
        const b = core.cephBaselineYaml(ceph, { name: 'x', start: '2027-01', sourceLabel: 'fuzz', compute: os });
        if (b.yaml !== undefined)
          expect(
            core
              .parseScenario(b.yaml)
              .diagnostics.filter((d) => d.severity === 'error')
              .map((d) => d.message),
          ).toEqual([]);
      }),
      params(1000, 2_500),
    );
    const networkData = read('test/fixtures/real/network/ironic-network_data.json');
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (m) => {
        count('network_data');
        const r = core.importNetworkData(JSON.stringify(mutate(JSON.parse(networkData), m), null, 1), { fileName: 'nd.json' });
        expectPositioned(r.diagnostics);
      }),
      params(1000, 1_500),
    );
  }, 60_000);

  it('the CLI in-process (validate, plan --format json, import-network-data): never exit 3', async () => {
    const coreSrc = () => import('../packages/core/src/index.js');
    const deps: Partial<CliDeps> = { loadCore: coreSrc, loadNetworkCore: coreSrc };
    const networkData = read('test/fixtures/real/network/ironic-network_data.json');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ base: fc.constant(0), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }), asYaml: fc.boolean() }),
        fc.constantFrom('validate', 'plan', 'import-network-data'),
        async (c, command) => {
          log(command, c);
          count(`cli ${command}`);
          const files = { 's.yaml': scenarioText(c), 'nd.json': JSON.stringify(mutate(JSON.parse(networkData), c.mutations)) };
          const io = memoryIo(files);
          const argv = command === 'plan' ? ['plan', 's.yaml', '--format', 'json'] : command === 'validate' ? ['validate', 's.yaml'] : ['import-network-data', 'nd.json'];
          const code = await run(argv, io, deps);
          if (code === 3) throw new Error(`exit 3 for ${argv.join(' ')}:\n${io.err()}`);
        },
      ),
      params(600, 4_000),
    );
  }, 60_000);
});
