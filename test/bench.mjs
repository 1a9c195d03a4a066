#!/usr/bin/env node
/**
 * headroom benchmark: prints figures, asserts nothing about speed.
 *
 *   pnpm bench            (builds, then runs this file)
 *   node test/bench.mjs   (after `pnpm build`)
 *
 * 1. Scenario size: generates scenarios of 10, 100, 1,000, 10,000 and 50,000 hosts over 24 months
 *    in memory (the reference pilot's hardware, flavors and pools; mostly compute, ~12 %
 *    storage, 3-5 controllers, one deploy host; racks added so that everything fits) and
 *    times parseScenario (parse + validate + normalize), evaluate and renderHtml from the
 *    built dist of core and report. Each size runs in its own process so that the peak RSS
 *    (resourceUsage().maxRSS) belongs to that size alone; small sizes repeat and report the
 *    median. µs per host-month shows whether the work grows linearly. The failure analysis
 *    (part of evaluate) is also timed alone.
 *    Then each scenario in scenarios/ as it is: evaluate and the failure analysis, median of 9.
 * 2. CLI start-up (alone: `node test/bench.mjs --only-startup [rounds]`): median wall time of
 *    spawns of the bundled binary (`--version`, `validate` reference-pilot, `plan`, `report`
 *    regional-cloud, a scenario with an inventory, `hw check`), the unbundled dist/bin.js for
 *    comparison, next to a bare `node -e 0` in the same rounds; and each child's own CPU time
 *    (user + system), which a busy machine distorts less than wall time.
 * 3. Hardware import (test/bench-hw.mjs): the CPU catalogue's parse time and each real
 *    inventory fixture's import time, in-process.
 * 4. Procurement (issue 13): planProcurement on regional-cloud, warm (median of 15);
 *    simulateProcurement with 10,000 trials on regional-cloud (BENCH_SIM_RUNS overrides the
 *    count, e.g. for an old build that re-runs the plan per trial); planProcurement on the
 *    generated 1,000 and 10,000 host scenarios WITH a procurement section (compute: the
 *    compute model in batches of 2, 12 weeks; storage: the storage model, 16 weeks), each in
 *    its own process with its peak RSS; demand there is 2.5 × the instances and 3 × the data,
 *    growing 4.5 %/month (regional-cloud's rate), so that the fleet buys within the horizon.
 * 5. Limits (issue 15): the slowest valid scenarios at the documented limits, parse and
 *    evaluate, each in its own process (`node test/bench.mjs --only-limits` runs this alone).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hardwareBench } from './bench-hw.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const coreDist = join(root, 'packages/core/dist/index.js');
const reportDist = join(root, 'packages/report/dist/index.js');
const bin = join(root, 'packages/cli/dist/bundle/headroom.js');
const template = join(root, 'scenarios/reference-pilot.yaml');
const SIZES = [10, 100, 1_000, 10_000, 50_000];
const HORIZON_MONTHS = 24;
const RACK_RU_USED = 30; // leave room for switches and patch panels in a 42 U rack

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "8 TB" x 2.5 -> "20 TB" (the unit is kept; only the number scales). */
function scaleQuantity(text, factor) {
  const match = /^\s*([0-9.]+)\s*(.*)$/.exec(String(text));
  if (!match) return text;
  return `${Number((Number(match[1]) * factor).toPrecision(6))} ${match[2]}`.trim();
}

/** A scenario of `hosts` hosts as YAML text, derived from the reference pilot. */
function generateScenario(hosts, { procurement = false } = {}) {
  // yaml is core's dependency; resolve it from there rather than adding one at the root.
  const YAML = createRequire(join(root, 'packages/core/package.json'))('yaml');
  const doc = YAML.parse(readFileSync(template, 'utf8'));
  const groups = Object.fromEntries(doc.nodes.map((g) => [g.role, g]));
  const reference = { compute: groups.compute.count, storage: groups.storage.count };
  const control = hosts >= 1_000 ? 5 : 3;
  const deploy = 1;
  const storage = Math.max(3, Math.round(hosts * 0.12));
  const compute = hosts - control - deploy - storage;
  if (compute < 1) throw new Error(`cannot generate ${hosts} hosts`);
  groups.control.count = control;
  groups.deploy.count = deploy;
  groups.storage.count = storage;
  groups.compute.count = compute;
  // LIMITS.hostsPerGroup (10,000): a larger group is split into groups of the same role and model
  doc.nodes = doc.nodes.flatMap((g) => {
    if (g.count <= 10_000) return [g];
    const parts = Math.ceil(g.count / 10_000);
    return Array.from({ length: parts }, (_, i) => ({
      ...g,
      count: Math.floor(g.count / parts) + (i < g.count % parts ? 1 : 0),
      ...(g.name ? { name: `${g.name}-${i + 1}` } : {}),
    }));
  });

  // Racks: enough rack units at RACK_RU_USED per rack, at least 3 (one per zone).
  const heightOf = (g) => Number(doc.hardware[g.hardware].heightRu ?? 1);
  const totalRu = doc.nodes.reduce((sum, g) => sum + g.count * heightOf(g), 0);
  const rackCount = Math.max(3, Math.ceil(totalRu / RACK_RU_USED) + 1);
  // LIMITS.racks (1,000): a fleet that needs more racks is planned without racks (no rack
  // placement, power or rack failure domains; Placement, Ceph with host failure domains and
  // host losses still run)
  doc.racks =
    rackCount > 1_000
      ? []
      : Array.from({ length: rackCount }, (_, i) => ({
          name: `r${i + 1}`,
          zone: `az${(i % 3) + 1}`,
          heightRu: 42,
          powerBudget: '40 kW',
        }));
  if (doc.racks.length === 0) doc.nodes = doc.nodes.map(({ rack: _r, placement: _p, ...g }) => g);

  // Demand grows with the fleet so that utilisation stays in the same range.
  const computeFactor = compute / reference.compute;
  const storageFactor = storage / reference.storage;
  doc.demand.instances = doc.demand.instances.map((i) => ({ ...i, count: Math.max(1, Math.round(i.count * computeFactor)) }));
  doc.demand.storage = Object.fromEntries(Object.entries(doc.demand.storage).map(([pool, size]) => [pool, scaleQuantity(size, storageFactor)]));
  if (procurement) {
    // regional-cloud's growth (4.5 %/month) and 2.5 × the instances, 3 × the stored data (the
    // generated fleet is sized for 25 % memory use): the fleet buys from the first months on
    doc.demand.growth = { kind: 'compound', perMonth: 0.045 };
    doc.demand.instances = doc.demand.instances.map((i) => ({ ...i, count: Math.round(i.count * 2.5) }));
    doc.demand.storage = Object.fromEntries(Object.entries(doc.demand.storage).map(([pool, size]) => [pool, scaleQuantity(size, 3)]));
    doc.procurement = {
      roles: {
        compute: { hardware: groups.compute.hardware, batch: 2, leadTimeWeeks: 12 },
        storage: { hardware: groups.storage.hardware, batch: 1, leadTimeWeeks: 16 },
      },
    };
  }
  doc.name = `Benchmark ${hosts} hosts`;
  doc.horizonMonths = HORIZON_MONTHS;
  return YAML.stringify(doc);
}

/** Child process: measures one size and prints one JSON line. */
async function measure(hosts) {
  const core = await import(pathToFileURL(coreDist).href);
  let report;
  try {
    report = await import(pathToFileURL(reportDist).href);
  } catch {
    report = undefined;
  }
  const text = generateScenario(hosts);
  const iterations = hosts <= 10 ? 15 : hosts <= 100 ? 7 : hosts <= 1_000 ? 3 : 1;
  const parseMs = [];
  const evaluateMs = [];
  const renderMs = [];
  const failureMs = [];
  let planHosts = 0;
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    const parsed = core.parseScenario(text, { fileName: `bench-${hosts}.yaml` });
    parseMs.push(performance.now() - t);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (!parsed.scenario || errors.length > 0) {
      const first = errors.slice(0, 5).map((d) => `${d.location.line}:${d.location.col} ${d.code} ${d.message}`);
      throw new Error(`generated scenario is invalid:\n  ${first.join('\n  ')}`);
    }
    t = performance.now();
    const plan = core.evaluate(parsed.scenario);
    evaluateMs.push(performance.now() - t);
    planHosts = plan.hosts.length;
    if (core.analyzeFailures) {
      // the failure analysis alone (evaluate runs it too; this says how much of evaluate it is)
      t = performance.now();
      core.analyzeFailures(parsed.scenario, plan.hosts, plan.compute);
      failureMs.push(performance.now() - t);
    }
    if (report?.renderHtml) {
      t = performance.now();
      await report.renderHtml(plan);
      renderMs.push(performance.now() - t);
    }
  }
  return {
    hosts,
    planHosts,
    months: HORIZON_MONTHS,
    yamlKiB: Buffer.byteLength(text) / 1024,
    iterations,
    parseMs: median(parseMs),
    evaluateMs: median(evaluateMs),
    failureMs: failureMs.length ? median(failureMs) : null,
    renderMs: renderMs.length ? median(renderMs) : null,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** Child process: planProcurement on a generated scenario with a procurement section. */
async function measureProcurement(hosts) {
  const core = await import(pathToFileURL(coreDist).href);
  const parsed = core.parseScenario(generateScenario(hosts, { procurement: true }), { fileName: `bench-${hosts}-procurement.yaml` });
  if (!parsed.scenario) throw new Error('generated scenario is invalid');
  const times = [];
  let plan;
  for (let i = 0; i < (hosts <= 1_000 ? 3 : 1); i++) {
    const t = performance.now();
    plan = core.planProcurement(parsed.scenario);
    times.push(performance.now() - t);
  }
  const bought = plan.purchases.reduce((a, p) => a + p.quantity, 0);
  const codes = plan.findings.map((f) => f.code).filter((c) => c === 'procurement.no_fit' || c === 'procurement.cannot_meet');
  // the whole evaluate with the purchases on the fleet timeline (every epoch analysed, failure domains included)
  const t = performance.now();
  const full = core.evaluate(parsed.scenario);
  const evaluateMs = performance.now() - t;
  return {
    hosts,
    ms: median(times),
    evaluateMs,
    epochs: full.fleet?.epochs.length ?? 1,
    purchases: plan.purchases.length,
    bought,
    giveUps: codes.length,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** The procurement figures: regional-cloud warm, simulate, generated fleets with procurement. */
async function procurementBench(core) {
  const parsed = core.parseScenario(readFileSync(join(root, 'scenarios/regional-cloud.yaml'), 'utf8'), { fileName: 'regional-cloud.yaml' });
  const s = parsed.scenario;
  for (let i = 0; i < 3; i++) core.planProcurement(s);
  const warm = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    core.planProcurement(s);
    warm.push(performance.now() - t);
  }
  const runs = Number(process.env.BENCH_SIM_RUNS ?? 10_000);
  const t = performance.now();
  core.simulateProcurement(s, { growth: { low: 0.02, likely: 0.045, high: 0.07 }, runs, seed: 1 });
  const simMs = performance.now() - t;
  // warm: JIT and heap settled; 61 runs, as single runs swing with the collector's pauses
  for (let i = 0; i < 20; i++) core.evaluate(s);
  const warmEval = [];
  for (let i = 0; i < 61; i++) {
    const t0 = performance.now();
    core.evaluate(s);
    warmEval.push(performance.now() - t0);
  }
  const rows = [['procurement', 'ms', 'note']];
  const sortedEval = [...warmEval].sort((a, b) => a - b);
  rows.push([
    'regional-cloud evaluate with procurement (warm, median of 61)',
    fmt(median(warmEval)),
    `the fleet timeline: every epoch analysed, the risk band's 200-run simulation included; P10 ${fmt(sortedEval[6])}, P90 ${fmt(sortedEval[54])} ms`,
  ]);
  rows.push(['regional-cloud planProcurement (warm, median of 15)', fmt(median(warm)), '']);
  rows.push([`regional-cloud simulate ${runs.toLocaleString('en-US')} trials`, fmt(simMs), `${fmt((simMs * 1000) / runs, 1)} µs/trial`]);
  for (const hosts of [1_000, 10_000]) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-procurement', String(hosts)], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 180_000,
    });
    const line = r.stdout.trim().split('\n').pop();
    if (r.status !== 0 || !line) {
      rows.push([`generated ${hosts.toLocaleString('en-US')} hosts planProcurement`, 'failed', (r.stderr || '').trim().split('\n').slice(0, 2).join(' | ')]);
      continue;
    }
    const m = JSON.parse(line);
    rows.push([
      `generated ${hosts.toLocaleString('en-US')} hosts planProcurement`,
      fmt(m.ms),
      `${m.purchases} purchases, ${m.bought} hosts bought, ${m.giveUps} gave up (no_fit/cannot_meet), peak RSS ${fmt(m.maxRssMiB)} MiB`,
    ]);
    rows.push([
      `generated ${hosts.toLocaleString('en-US')} hosts evaluate with procurement`,
      fmt(m.evaluateMs),
      `${m.epochs} epochs on the fleet timeline, the failure analysis in each; peak RSS ${fmt(m.maxRssMiB)} MiB`,
    ]);
  }
  return rows;
}

/**
 * Issue 15: the slowest valid scenarios at the documented limits (README, Limits), each in a
 * child process of its own (peak RSS is per process): regional-cloud at the longest horizon
 * (horizonMonths 120), and the generated fleet of 10,000 hosts (its compute group near
 * LIMITS.hostsPerGroup, 10,000) with its purchases and the failure analysis.
 */
async function limitsBench() {
  const rows = [['slowest valid scenario at the limits', 'parse ms', 'evaluate ms', 'peak RSS MiB', 'note']];
  for (const which of ['horizon-120', 'group-10000']) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-limits', which], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    const line = r.stdout.trim().split('\n').pop();
    if (r.status !== 0 || !line) {
      rows.push([which, 'failed', '', '', (r.stderr || '').trim().split('\n').slice(0, 2).join(' | ')]);
      continue;
    }
    const m = JSON.parse(line);
    rows.push([m.label, fmt(m.parseMs), fmt(m.evaluateMs), fmt(m.maxRssMiB), m.note]);
  }
  return rows;
}

async function measureLimits(which) {
  const core = await import(pathToFileURL(coreDist).href);
  const text =
    which === 'horizon-120'
      ? readFileSync(join(root, 'scenarios/regional-cloud.yaml'), 'utf8').replace(/^horizonMonths: .*$/m, 'horizonMonths: 120')
      : generateScenario(10_000, { procurement: true });
  let t = performance.now();
  const parsed = core.parseScenario(text, { fileName: `${which}.yaml` });
  const parseMs = performance.now() - t;
  if (!parsed.scenario) throw new Error(`${which}: does not load: ${parsed.diagnostics[0]?.message}`);
  t = performance.now();
  const plan = core.evaluate(parsed.scenario);
  const evaluateMs = performance.now() - t;
  const largest = Math.max(...parsed.scenario.nodes.map((g) => g.count));
  const label =
    which === 'horizon-120'
      ? 'regional-cloud, horizonMonths 120'
      : `generated, ${plan.hosts.length.toLocaleString('en-US')} hosts (largest group ${largest.toLocaleString('en-US')})`;
  const note = `${plan.fleet?.epochs.length ?? 1} epochs, ${plan.procurement?.purchases.length ?? 0} purchases, ${plan.failure?.domains.length ?? 0} failure domains`;
  return { label, parseMs, evaluateMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, note };
}

/**
 * CLI start-up: wall time of whole `node <bin> ...` processes, `runs` rounds in which every
 * command runs once (round-robin, so that a busy machine slows every row alike), median per
 * command; a bare `node -e 0` in the same rounds is the floor. `bin` is the bundled binary that
 * the package installs (packages/cli/dist/bundle/headroom.js); `dist/bin.js` (tsc's output,
 * unbundled) is shown for comparison.
 */
function startupRows(runs) {
  const unbundled = join(root, 'packages/cli/dist/bin.js');
  const report = join(tmpdir(), `headroom-bench-${process.pid}.html`);
  const commands = [
    ['node -e 0 (baseline)', ['-e', '0']],
    ['headroom --version', [bin, '--version']],
    ['headroom validate scenarios/reference-pilot.yaml', [bin, 'validate', 'scenarios/reference-pilot.yaml']],
    ['  same, unbundled (node packages/cli/dist/bin.js)', [unbundled, 'validate', 'scenarios/reference-pilot.yaml']],
    ['headroom plan scenarios/reference-pilot.yaml', [bin, 'plan', 'scenarios/reference-pilot.yaml']],
    ['headroom report scenarios/regional-cloud.yaml -o <tmp>', [bin, 'report', 'scenarios/regional-cloud.yaml', '-o', report, '--fail-on', 'none']],
    // inventories: the scenario reads one and the CPU catalogue; hw check loads core/hardware only
    ['headroom validate scenarios/ironic-inventory.yaml', [bin, 'validate', 'scenarios/ironic-inventory.yaml']],
    ['headroom hw check <R7615 inventory> --role compute', [bin, 'hw', 'check', 'test/fixtures/real/ironic/understack-dell-r7615-inventory.json', '--role', 'compute']],
  ];
  const times = commands.map(() => []);
  const cpu = commands.map(() => []);
  const errors = commands.map(() => undefined);
  // each child prints its own CPU time (user + system, from process start) to fd 3 on exit: a
  // figure that a busy machine inflates far less than wall time
  const cpuProbe = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); try { writeSync(3, String((u.user + u.system) / 1000)); } catch {} });")}`;
  for (let round = 0; round < runs; round++) {
    commands.forEach(([, args], i) => {
      if (errors[i]) return;
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--import', cpuProbe, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
      times[i].push(performance.now() - t);
      const cpuMs = Number(r.output[3]);
      if (Number.isFinite(cpuMs) && cpuMs > 0) cpu[i].push(cpuMs);
      if (r.status !== 0) errors[i] = `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
    });
  }
  rmSync(report, { force: true });
  const floor = median(times[0]);
  const cpuFloor = cpu[0].length > 0 ? median(cpu[0]) : undefined;
  return [
    ['command', `wall ms, median of ${runs}`, 'wall min', 'wall minus node -e 0', 'CPU ms (user+sys)', 'CPU minus node -e 0'],
    ...commands.map(([label], i) => {
      if (errors[i]) return [label, errors[i], '', '', '', ''];
      const c = cpu[i].length > 0 ? median(cpu[i]) : undefined;
      return [
        label,
        fmt(median(times[i])),
        fmt(Math.min(...times[i])),
        i === 0 ? '' : fmt(median(times[i]) - floor),
        fmt(c),
        i === 0 || c === undefined || cpuFloor === undefined ? '' : fmt(c - cpuFloor),
      ];
    }),
  ];
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, ri) => {
      const line = r.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/**
 * The log-log slope of evaluate time over plan hosts between the measured sizes 1,000, 10,000
 * and 50,000: ln(t2 / t1) / ln(n2 / n1) (1 = linear, 2 = quadratic).
 */
function slopes(measured) {
  const pairs = [
    [1_000, 10_000],
    [10_000, 50_000],
    [1_000, 50_000],
  ];
  const out = [];
  for (const [a, b] of pairs) {
    const x = measured.get(a);
    const y = measured.get(b);
    if (!x || !y) continue;
    const k = Math.log(y.evaluateMs / x.evaluateMs) / Math.log(y.planHosts / x.planHosts);
    out.push(`${a.toLocaleString('en-US')} -> ${b.toLocaleString('en-US')}: ${k.toFixed(2)}`);
  }
  return out.length > 0 ? out.join(', ') : 'n/a (a size failed)';
}

const fmt = (n, digits = 1) => (n === null || n === undefined ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

async function main() {
  if (process.argv[2] === '--child-procurement') {
    process.stdout.write(`${JSON.stringify(await measureProcurement(Number(process.argv[3])))}\n`);
    return;
  }
  if (process.argv[2] === '--yaml-procurement') {
    process.stdout.write(generateScenario(Number(process.argv[3]), { procurement: true }));
    return;
  }
  if (process.argv[2] === '--child-limits') {
    process.stdout.write(`${JSON.stringify(await measureLimits(process.argv[3]))}\n`);
    return;
  }
  if (process.argv[2] === '--only-limits') {
    console.log(table(await limitsBench()));
    return;
  }
  if (process.argv[2] === '--only-procurement') {
    console.log(table(await procurementBench(await import(pathToFileURL(coreDist).href))));
    return;
  }
  if (process.argv[2] === '--only-startup') {
    console.log(`headroom start-up — node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}`);
    console.log(table(startupRows(Number(process.argv[3] ?? 11))));
    return;
  }
  if (process.argv[2] === '--child') {
    const result = await measure(Number(process.argv[3]));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  for (const file of [coreDist, bin]) {
    if (!existsSync(file)) {
      console.error(`missing ${file}: run \`pnpm build\` first (or \`pnpm bench\`)`);
      process.exitCode = 2;
      return;
    }
  }
  console.log(`headroom benchmark — node ${process.version}, ${process.platform}/${process.arch}, horizon ${HORIZON_MONTHS} months`);
  console.log('');
  const rows = [
    ['hosts', 'yaml KiB', 'parse+validate ms', 'evaluate ms', 'of which failure ms', 'render-report ms', 'peak RSS MiB', 'evaluate µs/host-month', 'total µs/host-month'],
  ];
  let failed = false;
  const measured = new Map();
  for (const hosts of SIZES) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(hosts)], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = r.stdout.trim().split('\n').pop();
    if (r.status !== 0 || !line) {
      failed = true;
      rows.push([String(hosts), `failed: ${(r.stderr || '').trim().split('\n').slice(0, 3).join(' | ')}`, '', '', '', '', '', '', '']);
      continue;
    }
    const m = JSON.parse(line);
    measured.set(hosts, m);
    const hostMonths = m.planHosts * m.months;
    const total = m.parseMs + m.evaluateMs + (m.renderMs ?? 0);
    rows.push([
      m.planHosts.toLocaleString('en-US'),
      fmt(m.yamlKiB),
      fmt(m.parseMs),
      fmt(m.evaluateMs),
      fmt(m.failureMs),
      fmt(m.renderMs),
      fmt(m.maxRssMiB),
      fmt((m.evaluateMs * 1000) / hostMonths, 2),
      fmt((total * 1000) / hostMonths, 2),
    ]);
  }
  console.log(table(rows));
  console.log('(median of 15/7/3/1/1 runs for 10/100/1,000/10,000/50,000 hosts; one process per size)');
  console.log(`log-log slope of evaluate time over hosts (issue 13: at most 1.15): ${slopes(measured)}`);
  console.log('');

  // The example scenarios as they are: evaluate (with the failure analysis) per file.
  const core = await import(pathToFileURL(coreDist).href);
  const scenarioRows = [['scenario', 'hosts', 'failure domains', 'evaluate ms (median of 9)', 'of which failure ms']];
  for (const file of readdirSync(join(root, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const parsed = core.parseScenario(readFileSync(join(root, 'scenarios', file), 'utf8'), { fileName: file });
    if (!parsed.scenario) continue;
    const ev = [];
    const fa = [];
    let plan;
    for (let i = 0; i < 9; i++) {
      let t = performance.now();
      plan = core.evaluate(parsed.scenario);
      ev.push(performance.now() - t);
      t = performance.now();
      core.analyzeFailures?.(parsed.scenario, plan.hosts, plan.compute);
      fa.push(performance.now() - t);
    }
    scenarioRows.push([file, String(plan.hosts.length), String(plan.failure?.domains.length ?? 'n/a'), fmt(median(ev)), fmt(median(fa))]);
  }
  console.log(table(scenarioRows));
  console.log('');
  console.log(table(await procurementBench(core)));
  console.log('');
  console.log(table(await limitsBench()));
  console.log('');

  console.log(table(startupRows(5)));
  console.log('');
  console.log(table(await hardwareBench()));
  if (failed) process.exitCode = 1;
}

await main();
