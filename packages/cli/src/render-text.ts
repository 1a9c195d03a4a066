/**
 * The plan as a terminal summary. Formatting only: every number shown is in the PlanResult
 * (computed by core); this file converts units for display (bytes -> TB, MiB -> GiB) and
 * nothing else.
 */
import { demandPercentileLines } from './demand-text.js';
import { procurementSummary } from './procurement-text.js';
import { costSummary } from './cost-text.js';
import type { Finding, PlanResult, ResourceInfo, Severity } from '@headroom/core';
import { createStyle, type Style } from './style.js';
import { escapeStrings } from './terminal-text.js';

export interface RenderTextOptions {
  /** ANSI colour (decide with shouldUseColor). Default false. */
  color?: boolean;
}

const ROLE_ORDER = ['control', 'compute', 'storage', 'deploy'] as const;
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Bytes per decimal terabyte: the report and the CLI show storage in TB (10^12 bytes). */
const BYTES_PER_TB = 1e12;
const MIB_PER_GIB = 1024;

function number(value: number, fractionDigits: number): string {
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** Seconds as hours and minutes, as the report writes them: 4464 -> "1 h 14 min"; 620 -> "10 min"; null -> "never". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'never';
  const minutes = Math.round(seconds / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

const YEAR_SCALES: readonly [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

/**
 * "1 in N years" for a mean time between data-loss events (CephPoolDurability.oneInYears), as
 * the report writes it: 348,568,789 -> "1 in 348.6 million years"; 12.34 -> "1 in 12 years";
 * from 10^15 on in powers of ten; null -> "never (no failure rate)".
 */
export function formatOneInYears(years: number | null): string {
  if (years === null || !Number.isFinite(years)) return 'never (no failure rate)';
  if (years >= 1e15) return `1 in ${years.toExponential(2)} years`;
  for (const [base, word] of YEAR_SCALES) if (years >= base) return `1 in ${number(years / base, 1)} ${word} years`;
  return `1 in ${number(years, years < 10 ? 1 : 0)} years`;
}

/** `2028-01` -> `Jan 2028`; anything else is returned unchanged. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}

/** Bytes as decimal terabytes, saying "TB": 368.64e12 -> "368.6 TB", 0.48e12 -> "0.48 TB" (two decimals below 1 TB). */
export function formatTB(bytes: number): string {
  const tb = bytes / BYTES_PER_TB;
  return `${number(tb, Math.abs(tb) < 1 ? 2 : 1)} TB`;
}

/** An amount in a PlanResult unit, for display: bytes as TB, MiB and GiB as GiB, counts as is. */
export function formatAmount(value: number, unit: string): string {
  switch (unit) {
    case 'bytes':
      return formatTB(value);
    case 'MiB': {
      const gib = value / MIB_PER_GIB;
      return `${number(gib, Math.abs(gib) < 100 ? 1 : 0)} GiB`;
    }
    case 'GiB':
      return `${number(value, Math.abs(value) < 100 ? 1 : 0)} GiB`;
    case 'vCPU':
      return `${number(value, Number.isInteger(value) ? 0 : 1)} vCPU`;
    default:
      return `${number(value, Number.isInteger(value) ? 0 : 2)} ${unit}`;
  }
}

/** A ratio (0..1) as a percentage with one decimal; null (no capacity) as "n/a". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return 'n/a';
  return `${number(ratio * 100, 1)}%`;
}

/** A threshold ratio as a percentage, without decimals unless it has them: 0.8 -> "80%", 0.855 -> "85.5%". */
function formatThreshold(ratio: number): string {
  const percent = ratio * 100;
  const rounded = Number(percent.toFixed(1));
  return `${number(rounded, Number.isInteger(rounded) ? 0 : 1)}%`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Does the plan hold for the horizon (plan.headline): "yes, without purchases", "no: ... runs out
 * in Apr 2028; yes with the 7 scheduled purchases", "no: ... runs out in Apr 2028 (no procurement: section)".
 */
export function holdsSummary(plan: PlanResult): string | undefined {
  const h = plan.headline;
  if (!h) return undefined;
  const months = plural(h.horizonMonths, 'month');
  // the capacity answer; error findings elsewhere (addresses, racks, failure) are named with it, as the report does
  const errors = h.errorFindings > 0 ? `; but ${plural(h.errorFindings, 'error finding')} ${h.errorFindings === 1 ? 'needs' : 'need'} action (Findings below)` : '';
  if (h.firstToRunOut === null) return `${h.errorFindings > 0 ? 'capacity yes' : 'yes'}, ${months} without purchases${errors}`;
  const runsOut = `${h.firstToRunOut.label} runs out in ${formatMonth(h.firstToRunOut.month)}`;
  if (h.holdsWithPurchases === null) return `no: ${runsOut} (no procurement: section schedules purchases)${errors}`;
  const n = h.orders?.byOrderBy.length ?? 0;
  return h.holdsWithPurchases
    ? `${h.errorFindings > 0 ? 'capacity yes' : 'yes'}, ${months}, with the ${plural(n, 'scheduled purchase')} (without them ${runsOut})${errors}`
    : `no: ${runsOut}; after the ${plural(n, 'scheduled purchase')} still uncovered: ${plan.procurement?.uncovered.join(', ') ?? ''}${errors}`;
}

/** Which cloud the findings and figures describe (plan.fleet.shows), when it matters: purchases or retirements change the fleet. */
export function viewSummary(plan: PlanResult): string | undefined {
  const f = plan.fleet;
  if (!f) return undefined;
  const bought = f.hosts.filter((h) => h.purchased).length;
  const retiring = f.hosts.filter((h) => h.untilMonth !== null).length;
  const retired = retiring > 0 ? `; ${plural(retiring, 'server')} retire with their groups` : '';
  if (f.shows === 'without-purchases') return `the cloud as it is (--without-purchases): the findings and exit code leave the purchases out${retired}`;
  if (bought === 0 && retiring === 0) return undefined;
  return `the plan as scheduled: from each month on, the findings and exit code count the ${plural(bought, 'purchased server')} delivered by then (--without-purchases for the cloud as it is)${retired}`;
}

/** What losing the worst rack does (plan.headline.rackFailure): "r1 (and r2): ceph outage from Jan 2027, compute outage from May 2028; not tolerated by policy". */
export function rackFailureSummary(plan: PlanResult): string | undefined {
  const f = plan.headline?.rackFailure;
  if (!f || f.racks.length === 0) return undefined;
  const worst = f.racks.find((r) => r.rack === f.worst);
  if (!worst || worst.harm === 'none') return `losing any one of ${plural(f.racks.length, 'rack')} harms nothing within the horizon`;
  const same = f.worstSameAs;
  const month = (i: number): string => formatMonth(plan.months[i]?.month ?? `month ${i}`);
  const harms = worst.harms.map((x) => `${x.subsystem} ${x.harm} from ${month(x.monthIndex)}`).join(', ');
  return `worst is losing ${worst.rack}${same.length > 0 ? ` (${same.join(', ')} the same)` : ''}: ${harms}; ${worst.tolerated ? 'the policy tolerates it' : 'the policy does not tolerate a rack loss'}`;
}

/**
 * A runway as text: "12 months (Jan 2028)" (the month its threshold is crossed, from
 * plan.months), or "> 24 months" when the threshold is not crossed within the horizon.
 */
export function formatRunway(plan: PlanResult, runwayMonths: number | null): string {
  if (runwayMonths === null) return `> ${plural(plan.scenario.horizonMonths, 'month')}`;
  const month = plan.months[runwayMonths]?.month;
  return month ? `${plural(runwayMonths, 'month')} (${formatMonth(month)})` : plural(runwayMonths, 'month');
}

function table(rows: string[][], alignRight: readonly boolean[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (
      indent +
      row
        .map((cell, i) => {
          const width = widths[i] ?? 0;
          return alignRight[i] ? cell.padStart(width) : cell.padEnd(width);
        })
        .join('  ')
    ).trimEnd(),
  );
}

function hostsLine(plan: PlanResult): string {
  const counts = new Map<string, number>();
  for (const host of plan.hosts) counts.set(host.role, (counts.get(host.role) ?? 0) + 1);
  const roles = [...ROLE_ORDER.filter((r) => counts.has(r)), ...[...counts.keys()].filter((r) => !(ROLE_ORDER as readonly string[]).includes(r))];
  const parts = roles.map((role) => `${counts.get(role)} ${role}`);
  return `${parts.join(', ') || 'none'} (${plural(plan.hosts.length, 'host')})`;
}

function toleratesLine(plan: PlanResult): string {
  const { hosts, racks } = plan.scenario.policy.tolerate;
  const parts: string[] = [];
  if (hosts > 0) parts.push(`${plural(hosts, 'host')} per role`);
  if (racks > 0) parts.push(plural(racks, 'rack'));
  return parts.length > 0 ? `losing ${parts.join(' and ')}` : 'no failures (N+0)';
}

function resourceRows(plan: PlanResult): string[] {
  const first = plan.months[0];
  const last = plan.months[plan.months.length - 1];
  if (plan.resources.length === 0 || !first || !last) return ['  no resources planned'];
  // The fleet timeline can change capacity (purchases, retirements): then both ends are shown.
  const changes = plan.resources.some((r) => first.resources[r.id]?.capacityTolerated !== last.resources[r.id]?.capacityTolerated);
  const header = [
    'RESOURCE',
    changes ? `CAPACITY ${first.month}` : 'CAPACITY',
    ...(changes ? [`CAPACITY ${last.month}`] : []),
    `USE ${first.month}`,
    `USE ${last.month}`,
    'THRESHOLD',
    'RUNWAY',
  ];
  const rows = plan.resources.map((resource: ResourceInfo) => {
    const m0 = first.resources[resource.id];
    const mN = last.resources[resource.id];
    return [
      resource.label,
      m0 ? formatAmount(m0.capacityTolerated, resource.unit) : 'n/a',
      ...(changes ? [mN ? formatAmount(mN.capacityTolerated, resource.unit) : 'n/a'] : []),
      formatPercent(m0?.utilisationTolerated),
      formatPercent(mN?.utilisationTolerated),
      formatThreshold(resource.threshold),
      formatRunway(plan, resource.runwayMonths),
    ];
  });
  return table([header, ...rows], [false, true, ...(changes ? [true] : []), true, true, true, false]);
}

function findingRows(plan: PlanResult, style: Style): string[] {
  const s = plan.summary;
  const counts = `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`;
  if (plan.findings.length === 0) return [`${style.bold('Findings:')} none`];
  const lines = [`${style.bold('Findings:')} ${counts}`];
  for (const severity of SEVERITY_ORDER) {
    const group = plan.findings.filter((f: Finding) => f.severity === severity);
    if (group.length === 0) continue;
    const colour = severity === 'error' ? style.red : severity === 'warning' ? style.yellow : style.cyan;
    lines.push(`  ${style.bold(colour(severity))}`);
    const rows = group.map((f) => {
      const month = f.month === undefined ? undefined : plan.months[f.month]?.month;
      return [f.code, f.subject, month ? `${f.message} (from ${formatMonth(month)})` : f.message];
    });
    lines.push(...table(rows, [false, false, false], '    '));
  }
  return lines;
}

/**
 * The Ceph line: the pool whose limit comes first (safe usable or nearfull) and the PG
 * replicas on the fullest OSD against mon_max_pg_per_osd, from plan.storage.ceph.
 */
export function cephLine(plan: PlanResult): string {
  const c = plan.storage.ceph;
  if (!c) return '';
  const b = c.bottleneck;
  const first = b
    ? `first limit: pool ${b.pool} reaches ${b.limit} in ${formatRunway(plan, b.runwayMonths)}`
    : `no pool reaches nearfull or its safe usable limit in ${plural(plan.scenario.horizonMonths, 'month')}`;
  return `${first}; ${number(c.pgs.maxPgReplicasPerOsd, 0)} PG replicas per OSD (limit ${c.pgs.maxPerOsd})`;
}

/**
 * The durability line: the pool most likely to lose data to device failures in a year, as
 * "1 in N years" and nines (plan.storage.ceph.durability); undefined without one.
 */
export function durabilityLine(plan: PlanResult): string | undefined {
  const list = (plan.storage.ceph?.durability ?? []).filter((d) => d.annualLossProbability !== null);
  const worst = list.reduce<(typeof list)[number] | undefined>((w, d) => (w === undefined || d.annualLossProbability! > w.annualLossProbability! ? d : w), undefined);
  if (!worst) return undefined;
  return `${formatOneInYears(worst.oneInYears)} for pool ${worst.pool}, the least durable (${worst.nines ?? 0} nines; independent device failures, AFR ${number(worst.afr * 100, 2)}%, recovery window ${formatDuration(worst.recoveryHours === null ? null : worst.recoveryHours * 3600)})`;
}

/**
 * One line about plan.failure: how many domains were analysed, how many tolerated losses
 * cause harm within the horizon and from which month (the findings list each one).
 * Undefined when the plan carries no failure analysis.
 */
export function failureSummary(plan: PlanResult): string | undefined {
  const f = plan.failure;
  if (!f) return undefined;
  const tolerated = new Set(f.domains.filter((d) => d.tolerated).map((d) => d.id));
  let harmed = 0;
  let first: number | null = null;
  const seen = new Set<string>();
  for (const i of f.impacts) {
    if (!tolerated.has(i.domain) || i.firstHarmMonth === null) continue;
    if (!seen.has(i.domain)) harmed++;
    seen.add(i.domain);
    if (first === null || i.firstHarmMonth < first) first = i.firstHarmMonth;
  }
  const analysed = `${plural(f.domains.length, 'domain')} analysed`;
  if (first === null) return `${analysed}; no tolerated loss causes harm within the horizon`;
  const month = plan.months[first]?.month;
  return `${analysed}; ${harmed} tolerated ${harmed === 1 ? 'loss causes' : 'losses cause'} harm, the first from ${month ? formatMonth(month) : `month ${first}`}`;
}

/**
 * The plan summary printed by `headroom plan` and `headroom report`: scenario, horizon,
 * hosts per role, per-resource capacity, utilisation (with the tolerated failures removed)
 * in the first and last month, threshold and runway; the bottleneck, the control-plane
 * quorum, the failure domains (`failureSummary`), then the findings grouped by severity.
 * Ends with a newline.
 */
export function renderText(input: PlanResult, options: RenderTextOptions = {}): string {
  // Names and notes come from the scenario: control characters are shown escaped (terminal-text.ts).
  const plan = escapeStrings(input);
  const style = createStyle(options.color ?? false);
  const sc = plan.scenario;
  const first = plan.months[0];
  const last = plan.months[plan.months.length - 1];
  const field = (name: string, value: string): string => `  ${style.dim(name.padEnd(10))}${value}`;
  const span = first && last ? `${formatMonth(first.month)} to ${formatMonth(last.month)}` : formatMonth(sc.start);

  const lines: string[] = [style.bold(sc.name)];
  lines.push(field('horizon', `${plural(sc.horizonMonths, 'month')} from ${sc.start} (${span})`));
  lines.push(field('hosts', hostsLine(plan)));
  lines.push(field('tolerates', toleratesLine(plan)));
  lines.push(field('storage', `${formatTB(plan.storage.rawBytes)} raw in ${plural(plan.storage.osdCount, 'OSD')}, failure domain ${plan.storage.failureDomain}`));
  if (plan.storage.ceph) lines.push(field('ceph', cephLine(plan)));
  const durability = durabilityLine(plan);
  if (durability) lines.push(field('data loss', durability));
  lines.push('');
  lines.push(style.bold('Resources') + style.dim(' (capacity and use with the tolerated failures removed; TB = 10^12 bytes)'));
  lines.push(...resourceRows(plan));
  lines.push('');

  const holds = holdsSummary(plan);
  if (holds) lines.push(`${style.bold('Holds:')} ${holds}`);
  const view = viewSummary(plan);
  if (view) lines.push(`${style.bold('Shows:')} ${view}`);
  const b = plan.bottleneck;
  const bottleneckLabel = b ? (plan.resources.find((r) => r.id === b.resource)?.label ?? b.resource) : undefined;
  lines.push(
    `${style.bold('Bottleneck:')} ` +
      (b
        ? `${bottleneckLabel}, threshold crossed in ${plural(b.runwayMonths, 'month')} (${formatMonth(b.month)})`
        : `none within the horizon (${plural(sc.horizonMonths, 'month')})`),
  );
  const cp = plan.controlPlane;
  lines.push(
    `${style.bold('Control plane:')} ${plural(cp.controllers, 'controller')}, quorum ${cp.quorum}, ` +
      `tolerates ${plural(cp.toleratedFailures, 'controller failure')}` +
      (cp.monitors
        ? `; ${plural(cp.monitors.hosts.length, 'Ceph monitor')}, quorum ${cp.monitors.quorum}, tolerates ${plural(cp.monitors.toleratedFailures, 'monitor failure')}`
        : ''),
  );
  const failureLine = failureSummary(plan);
  if (failureLine) lines.push(`${style.bold('Failure domains:')} ${failureLine}`);
  const rackLine = rackFailureSummary(plan);
  if (rackLine) lines.push(`${style.bold('Rack failure:')} ${rackLine}`);
  const procurementLine = procurementSummary(plan);
  if (procurementLine) lines.push(`${style.bold('Procurement:')} ${procurementLine}`);
  const costLine = costSummary(plan);
  if (costLine) lines.push(`${style.bold('Cost:')} ${costLine}`);
  lines.push(...demandPercentileLines(plan, style.bold));
  lines.push('');
  lines.push(...findingRows(plan, style));
  return lines.join('\n') + '\n';
}
