/**
 * A scenario baseline from a running Ceph cluster's outputs: storage hosts as observed (OSD
 * count, size and device class per host, from the CRUSH tree and `osd df`), the CRUSH rules,
 * the pools (size, min_size, k/m, rule) and today's stored bytes as the starting demand.
 * Returns YAML text with a comment on every inferred value saying where it came from; the
 * user completes CPU, memory, chassis height (not in any Ceph output) and growth.
 *
 * Sizes: an OSD's size is its statfs total (`kb` x 1024, bytes), or crush_weight x 2^40 for a
 * down-and-out OSD (kb = 0). Stored demand is `ceph df` STORED (client bytes; before Nautilus
 * `bytes_used`). Ratios are the osd dump's as printed (float32: 0.949999988 is 0.95), since
 * MAX AVAIL is computed with them. Each OSD's month-0 use is written to `ceph.fill.osds`
 * (fillLines). Pools whose names the scenario format cannot hold (`.mgr`, `.rgw.root`: a
 * leading dot) are left out, and said so in a comment; their data is in the OSDs' use.
 * Errors (`ceph.state.missing`): no CRUSH tree (hosts unknown).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { CEPH_RATIO_DEFAULTS } from '../model/scenario.js';
import { type CephClusterState, reproduceMaxAvail } from './reproduce.js';
import type { CephOsd } from './osd-df.js';
import { commentText as c } from '../scenario/yaml-text.js';

const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const KINDS = new Set(['hdd', 'ssd', 'nvme']);
const q = (s: string): string => JSON.stringify(s);

export interface BaselineOptions {
  name: string;
  /** First month of the plan, YYYY-MM (the caller knows the date; core reads no clock). */
  start: string;
  /** Named in comments: where the outputs came from. */
  sourceLabel: string;
  /** The compute side (openstack-state/baseline.ts), inserted as is. */
  compute?: { hardware: string[]; nodes: string[]; openstack: string[]; demandInstances?: string[]; demandComments: string[] };
}

/**
 * `ceph.fill.osds`: every OSD's real use at month 0, so that planning the baseline gives
 * `ceph df`'s MAX AVAIL at month 0 and not a higher figure. The pools' STORED x size leaves
 * out what BlueStore itself takes beyond the pools' data (RocksDB/WAL, allocator metadata,
 * pools left out of the scenario such as `.mgr`): on the siphon captures about 1 GiB of a 10 GiB
 * OSD. get_rule_avail (src/mon/PGMap.cc) reads each OSD's statfs `kb_avail`, so the
 * utilisation written is (kb - kb_avail) / kb, exactly, as a double.
 *
 * Planned OSD ids follow the scenario (storage/crush.ts buildCrushTree): the node groups'
 * hosts in order, each host's disk entries in order, each entry's `count` OSDs in order. An
 * OSD that reports kb = 0 (down and out) has no statfs and is left to the uniform fill.
 */
function fillLines(groups: readonly { hosts: string[]; osds: CephOsd[][]; disks: Map<string, unknown> }[], diskKey: (o: CephOsd) => string): string[] {
  const out: string[] = [];
  const down: string[] = [];
  let id = 0;
  for (const g of groups) {
    g.hosts.forEach((host, h) => {
      for (const key of g.disks.keys()) {
        for (const o of (g.osds[h] ?? []).filter((x) => diskKey(x) === key)) {
          // (kb - kb_avail) / kb is in 0..1 for any real OSD; an output outside it (kb_avail above
          // kb, or negative) is not a fill: it is left out (uniform fill), with a comment.
          const u = o.totalBytes > 0 ? (o.totalBytes - o.availBytes) / o.totalBytes : Number.NaN;
          if (u >= 0 && u <= 1) out.push(`      - { osd: ${id}, utilisation: ${u} }   # observed: ${c(o.name)} on ${c(host)}, (kb - kb_avail) / kb`);
          else if (o.totalBytes > 0) out.push(`      # ${c(JSON.stringify(o.name))}: (kb - kb_avail) / kb = ${u} is not a fill: left out (uniform fill)`);
          else down.push(`${c(o.name)} (planned osd ${id})`);
          id++;
        }
      }
    });
  }
  if (out.length === 0) return [];
  const head = ["  fill:   # observed: each OSD's use (ceph osd df), BlueStore's own space included: month-0 MAX AVAIL is ceph df's", '    osds:'];
  return [...head, ...out, ...(down.length > 0 ? [`    # down, no statfs (kb = 0), left to the uniform fill: ${down.join(', ')}`] : [])];
}

export function cephBaselineYaml(state: CephClusterState, options: BaselineOptions): { yaml?: string; diagnostics: Diagnostic[] } {
  const buckets = state.osdDf.buckets.length > 0 ? state.osdDf.buckets : (state.crushTree?.buckets ?? []);
  const hosts = buckets.filter((b) => b.type === 'host');
  if (hosts.length === 0) {
    return {
      diagnostics: [
        {
          code: 'ceph.state.missing',
          severity: 'error',
          path: [],
          message: 'no CRUSH tree (`ceph osd df tree` or `ceph osd crush tree`): the storage hosts cannot be known, so no baseline is written',
          location: { file: options.sourceLabel, line: 1, col: 1 },
        },
      ],
    };
  }
  const osdById = new Map(state.osdDf.osds.map((o) => [o.id, o]));
  // hosts grouped by their disks: signature = sorted "class:bytes"
  const groups = new Map<string, { hosts: string[]; osds: CephOsd[][]; disks: Map<string, { osd: CephOsd; count: number }> }>();
  // the CRUSH weight is part of a disk's identity only when it is not the size in TiB
  const weightOf = (o: CephOsd): number | undefined =>
    o.installedFrom === 'kb' && Math.abs(o.crushWeight - o.installedBytes / 2 ** 40) > 1e-12 * o.crushWeight ? o.crushWeight : undefined;
  const diskKey = (o: CephOsd): string => `${o.deviceClass ?? 'unknown'}:${Math.round(o.installedBytes)}:${weightOf(o) ?? ''}`;
  for (const h of hosts) {
    const osds = h.children
      .filter((c) => c >= 0)
      .map((c) => osdById.get(c))
      .filter((o): o is CephOsd => o !== undefined);
    if (osds.length === 0) continue;
    const disks = new Map<string, { osd: CephOsd; count: number }>();
    for (const o of osds) {
      const key = diskKey(o);
      const d = disks.get(key);
      if (d) d.count++;
      else disks.set(key, { osd: o, count: 1 });
    }
    const sig = [...disks.entries()]
      .map(([k, d]) => `${k}x${d.count}`)
      .sort()
      .join(',');
    const g = groups.get(sig);
    if (g) {
      g.hosts.push(h.name);
      g.osds.push(osds);
    } else groups.set(sig, { hosts: [h.name], osds: [osds], disks });
  }
  const L: string[] = [];
  L.push(`# Baseline imported by \`headroom import\` from ${c(options.sourceLabel)}.`);
  L.push('# Observed values are marked with where they come from; "PLACEHOLDER" values are not in any');
  L.push('# Ceph output: replace them before trusting the plan. Add growth (demand.growth) and policy.');
  L.push('schemaVersion: 1', `name: ${q(options.name)}`, `start: ${q(options.start)}`, 'horizonMonths: 24', '', 'hardware:');
  const nodes: string[] = [];
  let n = 0;
  for (const g of groups.values()) {
    n++;
    const key = `ceph-host-${n}`;
    L.push(`  ${key}:   # observed: CRUSH hosts ${c(g.hosts.join(', '))}`);
    L.push(`    model: ${q(`Ceph storage host as observed (${g.hosts.length} alike)`)}`);
    L.push('    heightRu: 2   # PLACEHOLDER: not in any Ceph output');
    L.push('    cpu: { model: "PLACEHOLDER", sockets: 1, coresPerSocket: 16, threadsPerCore: 2 }   # PLACEHOLDER: not in any Ceph output');
    L.push('    memory: { size: 128 GiB }   # PLACEHOLDER: not in any Ceph output');
    L.push('    disks:');
    for (const [key, d] of g.disks) {
      const cls = d.osd.deviceClass;
      const kind = cls && KINDS.has(cls) ? cls : 'ssd';
      const from = d.osd.installedFrom === 'kb' ? `osd df kb x 1024 of ${c(d.osd.name)}` : `crush_weight ${d.osd.crushWeight} x 2^40 of ${c(d.osd.name)} (down: kb = 0)`;
      // A CRUSH weight of 0 (an OSD weighted out) or beyond the schema's 10^6 TiB cannot be written:
      // the disk keeps its size-derived weight, and the comment says so.
      const zero = !key.endsWith(':') && !(d.osd.crushWeight > 0 && d.osd.crushWeight <= 1e6);
      const clsPart = (cls && IDENT.test(cls) ? `, deviceClass: ${cls}` : '') + (key.endsWith(':') || zero ? '' : `, crushWeight: ${d.osd.crushWeight}`);
      L.push(
        `      - { count: ${d.count}, size: ${Math.round(d.osd.installedBytes)} B, kind: ${kind}, use: osd${clsPart} }   # observed: ${from}${key.endsWith(':') ? '' : zero ? `; CRUSH weight ${d.osd.crushWeight} in the cluster is not plannable: planned at its size-derived weight (ASSUMPTION)` : ', crush_weight of osd df'}${cls && KINDS.has(cls) ? '' : `; kind PLACEHOLDER (device class ${c(cls ?? 'none')})`}`,
      );
    }
    nodes.push(`  - { role: storage, hardware: ${key}, count: ${g.hosts.length} }`);
  }
  L.push(...(options.compute?.hardware ?? []));
  L.push('', 'nodes:', ...nodes, ...(options.compute?.nodes ?? []), '');
  if (options.compute && options.compute.openstack.length > 0) L.push('openstack:', ...options.compute.openstack, '');
  const dump = state.osdDump;
  const ruleDomains = (state.rules ?? []).map((r) => r.failureDomain).filter((d): d is string => d === 'host' || d === 'rack');
  const failureDomain = ruleDomains.includes('rack') && !ruleDomains.includes('host') ? 'rack' : 'host';
  L.push('ceph:', `  failureDomain: ${failureDomain}   # ${state.rules ? "observed: the rules' chooseleaf type" : 'inferred: no rule dump, host assumed'}`);
  const nf = dump.nearfullRatio ?? CEPH_RATIO_DEFAULTS.nearfull;
  const bf = dump.backfillfullRatio ?? CEPH_RATIO_DEFAULTS.backfillfull;
  const full = dump.fullRatio ?? CEPH_RATIO_DEFAULTS.full;
  // written as read: Ceph keeps the ratios as float32 (0.95 is 0.949999988079071) and
  // get_rule_avail computes with that value, so rounding would move MAX AVAIL by ~1e-8
  L.push(
    `  ratios: { nearfull: ${nf}, backfillfull: ${bf}, full: ${full} }   # ${dump.fullRatio !== undefined ? 'observed: osd dump, float32 as Ceph computes with it (0.949999988 is 0.95)' : 'inferred: Ceph defaults (not in osd dump)'}`,
  );
  const ruleNames = new Map<number, string>();
  const rulesOut: string[] = [];
  for (const r of state.rules ?? []) {
    if (!IDENT.test(r.name)) continue;
    ruleNames.set(r.id, r.name);
    const take = r.takes[0];
    const fd = r.failureDomain === 'host' || r.failureDomain === 'rack' ? `, failureDomain: ${r.failureDomain}` : '';
    rulesOut.push(
      `    - { name: ${q(r.name)}, type: ${r.type}${fd}${take?.deviceClass && IDENT.test(take.deviceClass) ? `, deviceClass: ${take.deviceClass}` : ''} }   # observed: crush rule ${r.id}`,
    );
  }
  // without a rule dump: the rule each pool's outputs prove (reproduce.ts ruleFor), or unknown
  const unknownRule = new Map<number, string>();
  if (!state.rules) {
    for (const row of reproduceMaxAvail(state)) {
      if (ruleNames.has(row.ruleId) || unknownRule.has(row.ruleId)) continue;
      if (row.unknown !== undefined) unknownRule.set(row.ruleId, row.unknown);
      else if (row.deviceClass && IDENT.test(row.deviceClass)) {
        const pool = dump.pools.find((p) => p.id === row.poolId);
        const name = `rule-${row.ruleId}`;
        ruleNames.set(row.ruleId, name);
        rulesOut.push(
          `    - { name: ${q(name)}, type: ${pool?.type ?? 'replicated'}, deviceClass: ${row.deviceClass} }   # inferred: ${c(row.inferred.find((s) => s.startsWith(`rule ${row.ruleId} `)) ?? 'no rule dump')}`,
        );
      }
    }
  }
  if (rulesOut.length > 0) L.push('  rules:', ...rulesOut);
  L.push(...fillLines([...groups.values()], diskKey));
  const poolsAt = L.push('  pools:') - 1;
  const skipped: string[] = [];
  const demand: string[] = [];
  for (const p of dump.pools) {
    if (!IDENT.test(p.name)) {
      skipped.push(p.name);
      continue;
    }
    const rule = ruleNames.get(p.ruleId);
    const rulePart = rule ? `, rule: ${q(rule)}` : '';
    if (p.type === 'erasure' && p.k !== undefined && p.m !== undefined)
      L.push(`    - { name: ${q(p.name)}, type: erasure, k: ${p.k}, m: ${p.m}, minSize: ${p.minSize}${rulePart} }   # observed: osd dump pool ${p.id}`);
    else
      L.push(
        `    - { name: ${q(p.name)}, type: replicated, size: ${p.size}, minSize: ${Math.min(p.minSize, p.size)}${rulePart} }   # observed: osd dump pool ${p.id}${rule ? '' : `; rule ${p.ruleId} not in a rule dump: the default rule`}`,
      );
    const unknown = unknownRule.get(p.ruleId);
    if (unknown !== undefined) L.push(`      # PLACEHOLDER rule: ${c(unknown)}`);
    const stored = state.df?.pools.find((d) => d.id === p.id)?.storedBytes;
    if (stored !== undefined) demand.push(`    ${q(p.name)}: ${stored} B   # observed: ceph df ${state.df?.nautilusOrLater ? 'stored' : 'bytes_used (pre-Nautilus)'}`);
  }
  if (L.length === poolsAt + 1) L[poolsAt] = '  pools: []';
  if (skipped.length > 0) L.push(`  # left out (a scenario pool name cannot start with "."): ${c(skipped.join(', '))}`);
  L.push('', 'demand:');
  if (demand.length > 0) L.push('  storage:', ...demand);
  else L.push('  storage: {}   # no pool written with a ceph df STORED value');
  if ((options.compute?.demandInstances ?? []).length > 0) L.push('  instances:', ...options.compute!.demandInstances!);
  L.push(...(options.compute?.demandComments ?? []));
  L.push('  # growth: { kind: compound, perMonth: 0.02 }   # add yours');
  return { yaml: `${L.join('\n')}\n`, diagnostics: [] };
}
