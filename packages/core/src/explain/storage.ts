/**
 * Explanations of the storage plan: raw bytes, raw left after the tolerated failures, the raw
 * under each CRUSH rule, and per pool the raw used rate, stored bytes, usable, nearfull usable,
 * re-protectable (tolerated) usable, safe usable, Ceph's MAX AVAIL, what still fits and pg_num;
 * the PG replicas per OSD, the recovery times and the storage host sizing.
 */
import { CEPH_SOURCES } from '../storage/defaults.js';
import type { CephPoolPlan, CephRuleSetPlan } from '../model/ceph-plan.js';
import type { PlanResult } from '../model/plan.js';
import type { DiskKind } from '../model/scenario.js';
import { type ExplanationSet, groupCountPath, hostNames, hostsByHardware, input, sum } from './common.js';
import { explainId } from './ids.js';
import { scenarioPath } from './paths.js';
import type { ExplainedInput } from '../model/explanation.js';

/** Storage hardware models with their hosts and OSD disk lines (index into hw.disks), optionally of one device class. */
function osdLines(plan: PlanResult, deviceClass?: string | null): { hardware: string; hosts: string[]; lines: number[] }[] {
  const s = plan.scenario;
  return hostsByHardware(plan, 'storage')
    .filter(([hw]) => Object.hasOwn(s.hardware, hw))
    .map(([hardware, hosts]) => ({
      hardware,
      hosts,
      lines: s.hardware[hardware]!.disks.flatMap((d, i) => (d.use === 'osd' && d.sizeBytes > 0 && (deviceClass == null || (d.deviceClass ?? d.kind) === deviceClass) ? [i] : [])),
    }))
    .filter((m) => m.lines.length > 0);
}

/** Σ hosts × count × size over OSD disk lines, as terms and inputs; `prefix` keeps symbols apart. */
function rawTerms(
  plan: PlanResult,
  models: ReturnType<typeof osdLines>,
): { expression: string; inputs: ExplainedInput[]; perHost: Map<string, { expression: string; inputs: ExplainedInput[] }> } {
  const s = plan.scenario;
  const inputs: ExplainedInput[] = [];
  const terms: string[] = [];
  const perHost = new Map<string, { expression: string; inputs: ExplainedInput[] }>();
  models.forEach((m, i) => {
    const hw = s.hardware[m.hardware]!;
    inputs.push(input(`n${i + 1}`, `storage hosts of ${m.hardware} (${hostNames(m.hosts)})`, m.hosts.length, 'hosts', groupCountPath(s, 'storage', m.hardware)));
    const lineInputs: ExplainedInput[] = [];
    const lineTerms = m.lines.map((line, j) => {
      const d = hw.disks[line]!;
      const sym = `${i + 1}_${j + 1}`;
      lineInputs.push(
        input(
          `c${sym}`,
          `OSD disks per ${m.hardware} host, disk line ${line + 1} (${d.kind}${d.deviceClass ? `, class ${d.deviceClass}` : ''})`,
          d.count,
          'disks',
          scenarioPath('hardware', m.hardware, 'disks', line, 'count'),
        ),
        input(`s${sym}`, 'size of one of them', d.sizeBytes, 'bytes', scenarioPath('hardware', m.hardware, 'disks', line, 'sizeBytes')),
      );
      return `c${sym} * s${sym}`;
    });
    inputs.push(...lineInputs);
    perHost.set(m.hardware, { expression: lineTerms.join(' + '), inputs: lineInputs });
    terms.push(`n${i + 1} * (${lineTerms.join(' + ')})`);
  });
  return { expression: sum(terms), inputs, perHost };
}

const RATE_SOURCE = `${CEPH_SOURCES.rawUsedRate}: replicated size, erasure (k + m) ÷ k`;

function poolSizeInputs(p: CephPoolPlan): ExplainedInput[] {
  const path = (f: string) => scenarioPath('ceph', 'pools', { name: p.name }, f);
  return p.type === 'replicated'
    ? [input('size', 'replicas (size)', p.copies, 'copies', path('size'))]
    : [input('k', 'data chunks k', p.k ?? 0, 'chunks', path('k')), input('m', 'coding chunks m', p.m ?? 0, 'chunks', path('m'))];
}

/** Explanations of one pool (its one record, storage.ceph.pools). */
function explainPool(plan: PlanResult, p: CephPoolPlan, out: ExplanationSet): void {
  const sc = plan.scenario;
  const r = sc.ceph.ratios;
  const rateIn = input('raw_used_rate', 'raw used rate', p.rawUsedRate, '', explainId.poolRawUsedRate(p.name));
  out.add({
    id: explainId.poolRawUsedRate(p.name),
    label: `Raw used rate of pool ${p.name}: raw bytes written per stored byte`,
    value: p.rawUsedRate,
    unit: '',
    formula: p.type === 'replicated' ? 'raw_used_rate = size' : 'raw_used_rate = (k + m) ÷ k',
    expression: p.type === 'replicated' ? 'size' : '(k + m) / k',
    inputs: poolSizeInputs(p),
    source: RATE_SOURCE,
  });
  out.add({
    id: explainId.poolStored(p.name),
    label: `Stored bytes of pool ${p.name} at month 0 (ceph df STORED)`,
    value: p.storedBytesMonth0,
    unit: 'bytes',
    formula: 'stored = demand.storage of the pool (client bytes, before replication)',
    expression: 'stored',
    inputs: [input('stored', `stored bytes of ${p.name} at month 0`, p.storedBytesMonth0, 'bytes', scenarioPath('demand', 'storageBytes', p.name))],
    source: p.storedSource ?? 'the scenario: demand.storage (client bytes as ceph df STORED counts them)',
  });
  const ruleRawIn = input(
    'raw',
    `raw of the OSDs under rule ${p.rule}`,
    plan.storage.ceph!.rules.find((x) => x.name === p.rule)?.rawBytes ?? 0,
    'bytes',
    explainId.ruleRaw(p.rule),
  );
  out.add({
    id: explainId.poolUsable(p.name),
    label: `Usable bytes of pool ${p.name}, every host up`,
    value: p.usableBytes,
    unit: 'bytes',
    formula:
      'usable = raw ÷ raw_used_rate (raw of the OSDs the pool’s CRUSH rule takes), rounded to a byte: the whole rule’s, shared with the other pools on those OSDs (never add over pools)',
    expression: 'round(raw / raw_used_rate)',
    inputs: [ruleRawIn, rateIn],
    source: `${CEPH_SOURCES.rawUsedRate}; ${CEPH_SOURCES.sharedRaw}`,
  });
  const usableIn = input('usable', `usable bytes of ${p.name}`, p.usableBytes, 'bytes', explainId.poolUsable(p.name));
  const nearIn = input('nearfull_ratio', 'mon_osd_nearfull_ratio', r.nearfull, '', scenarioPath('ceph', 'ratios', 'nearfull'));
  out.add({
    id: explainId.poolNearfullUsable(p.name),
    label: `Nearfull usable bytes of pool ${p.name}, every host up`,
    value: p.nearfullUsableBytes,
    unit: 'bytes',
    formula: 'nearfull usable = usable × nearfull_ratio',
    expression: 'round(usable * nearfull_ratio)',
    inputs: [usableIn, nearIn],
    source: CEPH_SOURCES.ratios,
  });
  const tolerated = p.toleratedUsableBytes;
  out.add({
    id: explainId.poolToleratedUsable(p.name),
    label: `Re-protectable usable bytes of pool ${p.name}: the capacity with the tolerated failures (limited by ${p.limitedBy})`,
    value: tolerated,
    unit: 'bytes',
    formula:
      're-protectable = r × D* ÷ raw_used_rate (the whole rule’s, shared with the other pools on its OSDs), where D* is the largest amount per copy that still fits with one copy (or shard) per failure domain, ' +
      'Σ_i min(c_i, D) ≥ r × D (water-fill over the domain capacities c_i under the rule), taken after the worst of: the tolerated hosts or racks lost, or any one OSD lost; survivors filled to 100 %',
    inputs: [
      ruleRawIn,
      input('r', 'copies or shards (size, or k + m)', p.copies, 'copies'),
      input('domains', `failure domains under rule ${p.rule}`, p.failureDomainCount, 'domains'),
      input('domains_after', 'failure domains left after the tolerated failures', p.failureDomainCountAfterFailure, 'domains'),
      input('limited_by', 'the failure that limits it', p.limitedBy, ''),
      rateIn,
    ],
    source: `${CEPH_SOURCES.storageCapacity}; ${CEPH_SOURCES.waterFill}; headroom storage/reprotect.ts`,
  });
  const tolIn = input('reprotectable', `re-protectable usable bytes of ${p.name}`, tolerated, 'bytes', explainId.poolToleratedUsable(p.name));
  out.add({
    id: explainId.poolToleratedNearfullUsable(p.name),
    label: `Nearfull usable bytes of pool ${p.name} after the tolerated failures`,
    value: p.toleratedNearfullUsableBytes,
    unit: 'bytes',
    formula: 'nearfull usable after the failures = re-protectable × nearfull_ratio',
    expression: 'round(reprotectable * nearfull_ratio)',
    inputs: [tolIn, nearIn],
    source: CEPH_SOURCES.ratios,
  });
  const set = plan.storage.ceph!.ruleSets.find((x) => x.resource === p.ruleSet);
  if (set) {
    out.add({
      id: explainId.poolSafeUsable(p.name),
      label: `Safe usable bytes of pool ${p.name}, if the other pools on its OSDs kept their month-0 data`,
      value: p.safeUsableBytes,
      unit: 'bytes',
      formula:
        'safe usable = max(0, safe_raw − the other pools’ raw at month 0) ÷ raw_used_rate; safe_raw is the rule set’s (every pool on the OSDs shares it). An alternative, like MAX AVAIL: never add over pools',
      expression: 'round(max(0, safe_raw - others_raw) / raw_used_rate)',
      inputs: [
        input('safe_raw', `safe raw of ${set.rules.join(', ')}`, set.safeRawBytes, 'bytes', explainId.ruleSetSafeRaw(set.resource)),
        input('others_raw', 'raw used by the other pools on the same OSDs at month 0', set.rawUsedBytesMonth0 - p.rawUsedBytesMonth0, 'bytes'),
        rateIn,
      ],
      source: `${CEPH_SOURCES.sharedRaw}; ${CEPH_SOURCES.storageCapacity}`,
    });
  }
  const month0 = plan.storage.ceph!.months[0]?.pools[p.name];
  const fullIn = input('full_ratio', 'mon_osd_full_ratio', r.full, '', scenarioPath('ceph', 'ratios', 'full'));
  const storedIn = input('stored', `stored bytes of ${p.name} at month 0`, p.storedBytesMonth0, 'bytes', explainId.poolStored(p.name));
  out.add({
    id: explainId.poolMaxAvail(p.name),
    label: `MAX AVAIL of pool ${p.name} at month 0, as ceph df prints it`,
    value: p.maxAvailBytes,
    unit: 'bytes',
    formula:
      'MAX AVAIL = rule_avail ÷ raw_used_rate, rule_avail = min over the rule’s OSDs of (avail_i − size_i × (1 − full_ratio)) ÷ (w_i ÷ Σw), truncated; ' +
      'with every OSD equally full at fill u: (full_ratio − u) × raw. Pools on the same OSDs share it: never add their MAX AVAILs',
    inputs: [
      ruleRawIn,
      fullIn,
      ...(month0 ? [input('u', 'fill of the fullest OSD under the rule at month 0 (all pools’ data)', month0.fullestOsdUtilisation, '')] : []),
      storedIn,
      rateIn,
    ],
    source: `${CEPH_SOURCES.getRuleAvail}; PGMapDigest::dump_object_stat_sum`,
  });
  out.add({
    id: explainId.poolStillFits(p.name),
    label: `What still fits in pool ${p.name} at month 0`,
    value: p.availBytes,
    unit: 'bytes',
    formula:
      'still fits = min((full_ratio × intact − the other pools’ raw on the same OSDs) ÷ raw_used_rate, stored + MAX AVAIL) − stored, ' +
      'intact = r × D* with every failure domain up (one copy or shard per domain, water-fill)',
    inputs: [
      storedIn,
      input('max_avail', `MAX AVAIL of ${p.name}`, p.maxAvailBytes, 'bytes', explainId.poolMaxAvail(p.name)),
      input('storable', 'what the pool can hold in all (the minimum above)', p.storableBytes, 'bytes'),
      fullIn,
      rateIn,
    ],
    source: `${CEPH_SOURCES.waterFill}; ${CEPH_SOURCES.getRuleAvail}`,
  });
  if (p.pgNum !== null) {
    const sub = plan.storage.ceph!.pgs.subtrees.find((t) => t.pools.includes(p.name));
    out.add({
      id: explainId.poolPgNum(p.name),
      label: `pg_num of pool ${p.name}, as the pg_autoscaler would set it`,
      value: p.pgNum,
      unit: 'PGs',
      formula:
        'PG budget = OSDs × mon_target_pg_per_osd; pass 1 (non-bulk pools): target = capacity_ratio × PGs left ÷ size; pass 2 (bulk pools above an even share) likewise; ' +
        'pass 3: the rest share what is left evenly; pg_num = max(32, nearest power of two of target)',
      inputs: [
        ...(sub ? [input('osds', `OSDs of ${sub.deviceClass ?? 'every class'}`, sub.osdCount, 'OSDs'), input('budget', 'PG budget of those OSDs', sub.pgBudget, 'PGs')] : []),
        input('target_per_osd', 'mon_target_pg_per_osd', plan.storage.ceph!.pgs.targetPerOsd, 'PGs', scenarioPath('ceph', 'pgs', 'targetPerOsd')),
        input('size', 'copies or shards (size, or k + m)', p.copies, 'copies'),
        input('pass', 'autoscaler pass that sized it', p.pgPass ?? 0, ''),
        input('target', 'unrounded target', p.pgTarget ?? 0, 'PGs'),
      ],
      source: CEPH_SOURCES.autoscaler,
    });
  }
}

/** Explanations of one rule set's resource: the fullest OSD's factor, capacity, tolerated capacity, safe raw and demand. */
function explainRuleSet(plan: PlanResult, set: CephRuleSetPlan, out: ExplanationSet): void {
  const r = plan.scenario.ceph.ratios;
  const pools = plan.storage.ceph?.pools ?? [];
  const rules = set.rules.join(', ');
  const f = set.fullestOsd;
  const factorId = explainId.ruleSetFullestFactor(set.resource);
  out.add({
    id: factorId,
    label: `The fullest OSD under ${rules}, as a multiple of the mean fill`,
    value: f.factor,
    unit: '',
    ...(f.source === 'upmap balancer'
      ? {
          formula:
            'factor = 1 + upmap_max_deviation ÷ P: the upmap balancer stops once every OSD is within upmap_max_deviation PGs of its target, so with P PG replicas per OSD (of equal size) the fullest holds about P + deviation',
          expression: '1 + deviation / P',
          inputs: [
            input('deviation', 'upmap_max_deviation (mgr balancer)', f.maxDeviationPgs ?? 0, 'PGs'),
            input('P', 'PG replicas per OSD under the rules (mean)', f.pgReplicasPerOsd, 'PGs'),
          ],
          source: CEPH_SOURCES.balancer,
        }
      : {
          formula: 'factor = the fullest OSD’s utilisation ÷ the mean utilisation of the OSDs (ceph osd df MAX VAR), from the scenario’s ceph.fill.osds',
          inputs: [input('P', 'PG replicas per OSD under the rules (mean)', f.pgReplicasPerOsd, 'PGs')],
          source: 'ceph osd df (the fill overrides, ceph.fill.osds)',
        }),
  });
  const factorIn = input('factor', 'the fullest OSD ÷ the mean', f.factor, '', factorId);
  const rawIn = input('raw', `raw of the OSDs under ${rules}`, set.rawBytes, 'bytes', explainId.ruleRaw(set.rules[0]!));
  const reprIn = input(
    'reprotectable',
    `re-protectable raw (limited by ${set.limitedBy}; the least over the pools’ copies and failure domains)`,
    set.reprotectableRawBytes,
    'bytes',
  );
  out.add({
    id: explainId.resourceCapacity(set.resource),
    label: `Raw capacity of ${rules} on the fullest OSD, every host up`,
    value: set.rawBytes / f.factor,
    unit: 'bytes',
    formula: 'capacity = raw ÷ factor: the fullest OSD is full when the mean fill is 1 ÷ factor',
    expression: 'raw / factor',
    inputs: [rawIn, factorIn],
    source: `${CEPH_SOURCES.sharedRaw}; ${CEPH_SOURCES.balancer}`,
  });
  out.add({
    id: explainId.resourceCapacityTolerated(set.resource),
    label: `Re-protectable raw of ${rules} on the fullest OSD, tolerated failures removed`,
    value: set.reprotectableRawBytes / f.factor,
    unit: 'bytes',
    formula:
      're-protectable ÷ factor; re-protectable = r × D* after the worst tolerated failure or any one OSD lost (water-fill, one copy or shard per failure domain), survivors at 100 %',
    expression: 'reprotectable / factor',
    inputs: [reprIn, factorIn],
    source: `${CEPH_SOURCES.storageCapacity}; ${CEPH_SOURCES.waterFill}; ${CEPH_SOURCES.sharedRaw}`,
  });
  out.add({
    id: explainId.ruleSetSafeRaw(set.resource),
    label: `Safe raw of ${rules}: what the pools on these OSDs may hold together`,
    value: set.safeRawBytes,
    unit: 'bytes',
    formula: 'safe raw = re-protectable × backfillfull_ratio ÷ factor: after the limiting failure, re-protected, the fullest survivor stays under backfillfull',
    expression: 'round(reprotectable * backfillfull_ratio / factor)',
    inputs: [reprIn, input('backfillfull_ratio', 'mon_osd_backfillfull_ratio', r.backfillfull, '', scenarioPath('ceph', 'ratios', 'backfillfull')), factorIn],
    source: `${CEPH_SOURCES.storageCapacity}; ${CEPH_SOURCES.ratios}`,
  });
  out.add({
    id: explainId.resourceDemand(set.resource),
    label: `Raw used by the pools on ${rules} at month 0`,
    value: set.rawUsedBytesMonth0,
    unit: 'bytes',
    formula: 'raw used = Σ over the pools of stored × raw_used_rate (raw bytes, so that replicated and erasure pools add up)',
    expression: sum(set.pools.map((_, i) => `stored${i + 1} * rate${i + 1}`)),
    inputs: set.pools.flatMap(({ name }, i) => {
      const p = pools.find((x) => x.name === name)!;
      return [
        input(`stored${i + 1}`, `stored bytes of ${name}`, p.storedBytesMonth0, 'bytes', explainId.poolStored(name)),
        input(`rate${i + 1}`, `raw used rate of ${name}`, p.rawUsedRate, '', explainId.poolRawUsedRate(name)),
      ];
    }),
    source: `${CEPH_SOURCES.rawUsedRate}; ${CEPH_SOURCES.sharedRaw}`,
  });
}

/** Explanations of `plan.storage`. */
export function explainStorage(plan: PlanResult, out: ExplanationSet): void {
  const st = plan.storage;
  const all = rawTerms(plan, osdLines(plan));
  out.add({
    id: explainId.storageRaw(),
    label: `Raw Ceph capacity: ${st.osdCount} OSDs`,
    value: st.rawBytes,
    unit: 'bytes',
    formula: 'raw = Σ over storage hosts of the sizes of their OSD disks (one BlueStore OSD per disk; sizes decimal, as sold)',
    expression: all.expression,
    inputs: all.inputs,
    source: 'Ceph: one OSD per device (ceph-volume lvm batch), raw = ceph osd df SIZE summed',
  });
  const removed = st.toleratedHostsRemoved ?? [];
  const gone = osdLines(plan)
    .map((m) => ({ ...m, hosts: m.hosts.filter((h) => removed.includes(h)) }))
    .filter((m) => m.hosts.length > 0);
  out.add({
    id: explainId.storageToleratedRaw(),
    label: `Raw capacity without ${removed.join(', ') || 'any host'}`,
    value: st.toleratedRawBytes,
    unit: 'bytes',
    formula:
      'tolerated raw = raw − Σ raw of the removed storage hosts (the policy.tolerate.hosts largest hosts, or the hosts of the policy.tolerate.racks largest racks, whichever removes more)',
    expression: gone.length === 0 ? 'raw' : `raw - (${gone.map((m, i) => `k${i + 1} * (${all.perHost.get(m.hardware)!.expression})`).join(' + ')})`,
    inputs: [
      input('raw', 'raw of every OSD', st.rawBytes, 'bytes', explainId.storageRaw()),
      ...gone.flatMap((m, i) => [input(`k${i + 1}`, `removed ${m.hardware} hosts (${m.hosts.join(', ')})`, m.hosts.length, 'hosts'), ...all.perHost.get(m.hardware)!.inputs]),
    ],
    source: `headroom [model] (storage/tolerance.ts storageRemoval); ${CEPH_SOURCES.storageCapacity}`,
  });

  const ceph = st.ceph;
  if (ceph) {
    for (const rule of ceph.rules) {
      const terms = rawTerms(plan, osdLines(plan, rule.deviceClass));
      out.add({
        id: explainId.ruleRaw(rule.name),
        label: `Raw of the OSDs under CRUSH rule ${rule.name} (${rule.deviceClass === null ? 'every device class' : `device class ${rule.deviceClass}`}): ${rule.osdCount} OSDs`,
        value: rule.rawBytes,
        unit: 'bytes',
        formula: `rule raw = Σ sizes of the OSDs the rule takes (step ${rule.steps[0] ?? 'take default'}; an OSD’s class is its disk’s deviceClass, else its kind)`,
        expression: terms.expression,
        inputs: terms.inputs,
        source: 'CRUSH device classes: step take default~<class> uses the shadow tree of that class (doc/rados/operations/crush-map.rst)',
      });
    }
  }
  for (const set of ceph?.ruleSets ?? []) explainRuleSet(plan, set, out);
  if (!ceph) return;
  for (const p of ceph.pools) explainPool(plan, p, out);

  const pgPools = ceph.pools.filter((p) => p.pgNum !== null);
  out.add({
    id: explainId.pgReplicasPerOsd(),
    label: 'PG replicas on the fullest OSD',
    value: ceph.pgs.maxPgReplicasPerOsd,
    unit: 'PGs',
    formula:
      'PG replicas on OSD i = Σ over the pools whose rule takes it of pg_num × copies × w_i ÷ W_rule (CRUSH spreads PGs by weight); with equal OSDs: Σ pg_num × copies ÷ OSDs. Must stay under mon_max_pg_per_osd',
    inputs: [
      ...pgPools.flatMap((p, i) => [
        input(`pg${i + 1}`, `pg_num of ${p.name}`, p.pgNum!, 'PGs', explainId.poolPgNum(p.name)),
        input(`r${i + 1}`, `copies of ${p.name}`, p.copies, 'copies'),
      ]),
      ...ceph.pgs.subtrees.map((t, i) => input(`osds${i + 1}`, `OSDs of ${t.deviceClass ?? 'every class'} (${t.pools.join(', ')})`, t.osdCount, 'OSDs')),
      input('max_per_osd', 'mon_max_pg_per_osd', ceph.pgs.maxPerOsd, 'PGs', scenarioPath('ceph', 'pgs', 'maxPerOsd')),
    ],
    source: `${CEPH_SOURCES.maxPgPerOsd}; headroom storage/ceph-pgs.ts`,
  });

  const rec = plan.scenario.ceph.recovery;
  const recPath = (f: string) => (rec ? scenarioPath('ceph', 'recovery', f) : undefined);
  for (const k of ceph.recovery.cases) {
    const network = k.networkBitsPerSecond;
    const backfills = 'max(1, min(pgs, targets * max_backfills)) * backfill_rate';
    const bounds = [backfills];
    if (network !== null) bounds.push('network / 8 / max(1, amplification)');
    if (k.diskBandwidthBytesPerSecond !== null) bounds.push('disk / (max(1, amplification) + 1)');
    const rate = bounds.length === 1 ? `(${backfills})` : `min(${bounds.join(', ')})`;
    out.add({
      id: explainId.recoveryTime(k.failure),
      label: `Time to re-protect the data of ${k.failure === 'osd' ? k.subject : `host ${k.subject}`} (the fullest ${k.failure}), at ${ceph.recovery.month}`,
      value: k.totalSeconds ?? 'never: nowhere to re-create the copies',
      unit: 's',
      formula:
        'time = detection + down_out_interval + data ÷ rate; rate = min(parallel backfills × per-backfill throughput, network ÷ 8 ÷ amplification); ' +
        `parallel backfills = max(1, min(PGs to backfill, receiving OSDs × osd_max_backfills)). ${k.note}`,
      ...(k.totalSeconds === null ? {} : { expression: `detection + down_out + data / ${rate}` }),
      inputs: [
        input('detection', 'osd_heartbeat_grace: seconds before peers report the OSD down', ceph.settings.detectionSeconds, 's', recPath('detectionSeconds')),
        input('down_out', 'mon_osd_down_out_interval', ceph.settings.downOutIntervalSeconds, 's', recPath('downOutIntervalSeconds')),
        input('data', `bytes on ${k.subject} at ${ceph.recovery.month}`, k.dataBytes, 'bytes'),
        input('pgs', 'PG replicas to backfill', k.pgCount, 'PGs'),
        input('targets', 'OSDs that receive the data', k.targetOsdCount, 'OSDs'),
        input('max_backfills', 'osd_max_backfills', ceph.settings.maxBackfills, 'backfills', recPath('maxBackfills')),
        input(
          'backfill_rate',
          'throughput of one backfill (an input: Ceph sets limits, not speed)',
          ceph.settings.backfillBytesPerSecond,
          'bytes/s',
          recPath('backfillBytesPerSecond'),
        ),
        ...(network === null ? [] : [input('network', `replication bandwidth into the receiving hosts (${ceph.recovery.bandwidthSource})`, network, 'bit/s')]),
        ...(k.diskBandwidthBytesPerSecond === null
          ? []
          : [
              input(
                'disk',
                `mClock bandwidth recovery gets on the ${k.targetOsdCount} receiving OSDs (× ${ceph.settings.mclockRecoveryShare} recovery share)`,
                k.diskBandwidthBytesPerSecond,
                'bytes/s',
              ),
            ]),
        ...(network === null && k.diskBandwidthBytesPerSecond === null
          ? []
          : [input('amplification', 'bytes read per byte re-created (1 replicated, k erasure; raw-weighted over the pools)', k.networkAmplification, '')]),
      ],
      source: `${CEPH_SOURCES.recovery}; ${CEPH_SOURCES.mclock}`,
    });
  }

  const target = plan.scenario.ceph.osdMemoryTargetBytes;
  for (const h of ceph.hosts) {
    const kinds: DiskKind[] = ['hdd', 'ssd', 'nvme'];
    const osdIn = kinds.map((k) => input(`${k}_osds`, `${k.toUpperCase()} OSDs per ${h.hardware} host`, h.osds[k], 'OSDs'));
    out.add({
      id: explainId.hostMemoryNeeded(h.hardware),
      label: `Memory one ${h.hardware} storage host needs`,
      value: h.memory.neededBytes,
      unit: 'bytes',
      formula: 'memory needed = OSDs × osd_memory_target + memory for the host (OS, other daemons)',
      expression: '(hdd_osds + ssd_osds + nvme_osds) * osd_memory_target + host_memory',
      inputs: [
        ...osdIn,
        input('osd_memory_target', 'osd_memory_target', h.memory.osdMemoryTargetBytes, 'bytes', target === undefined ? undefined : scenarioPath('ceph', 'osdMemoryTargetBytes')),
        input(
          'host_memory',
          'memory for the host besides its OSDs (headroom default 16 GiB)',
          h.memory.hostMemoryBytes,
          'bytes',
          plan.scenario.ceph.hostMemoryBytes === undefined ? undefined : scenarioPath('ceph', 'hostMemoryBytes'),
        ),
      ],
      source: CEPH_SOURCES.osdMemory,
    });
    const threads = plan.scenario.ceph.cpuThreadsPerOsd ?? ceph.settings.cpuThreadsPerOsd;
    out.add({
      id: explainId.hostThreadsNeeded(h.hardware),
      label: `CPU threads one ${h.hardware} storage host needs`,
      value: h.cpu.neededThreads,
      unit: 'threads',
      formula: 'threads needed = Σ over disk kinds of OSDs × threads per OSD of that kind',
      expression: 'hdd_osds * t_hdd + ssd_osds * t_ssd + nvme_osds * t_nvme',
      inputs: [
        ...osdIn,
        ...kinds.map((k) =>
          input(
            `t_${k}`,
            `threads per ${k.toUpperCase()} OSD`,
            threads[k],
            'threads',
            plan.scenario.ceph.cpuThreadsPerOsd ? scenarioPath('ceph', 'cpuThreadsPerOsd', k) : undefined,
          ),
        ),
      ],
      source: CEPH_SOURCES.cpu,
    });
  }
}
