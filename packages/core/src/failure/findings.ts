/**
 * Findings of the failure analysis: one per harm code, severity and kind of domain, so that
 * 40 equal hypervisors whose loss does the same thing raise one finding, not 40.
 */
import type { Finding } from '../diagnostics/types.js';
import { MON_QUORUM_SOURCE } from '../control/ceph-daemons.js';
import { monthLabel } from '../forecast/growth.js';
import { FEED_SOURCE } from '../racks/feeds.js';
import { CEPH_SOURCE } from './ceph-impact.js';
import { SHORTFALL_SOURCE } from './compute-impact.js';
import { CONTROL_SOURCE } from './control-impact.js';
import { nameList } from './harm.js';
import type { FailureDomain, FailureDomainKind, FailureHarm, FailureImpact, FailurePolicy, FailureSubsystem } from '../model/failure.js';

const ATTACHMENT_SOURCE =
  "headroom [model]: a host is cut off (unpowered) when every switch (feed) it is attached to is lost; default attachments: all of its rack's switches and feeds";

/** Where each harm's rule comes from. */
export function harmSource(code: string): string {
  if (code.startsWith('failure.compute.')) return SHORTFALL_SOURCE;
  if (code.startsWith('failure.control.')) return CONTROL_SOURCE;
  if (code === 'failure.ceph.mon_quorum_lost') return MON_QUORUM_SOURCE;
  if (code.startsWith('failure.ceph.')) return CEPH_SOURCE;
  if (code === 'failure.power.rack_tripped') return FEED_SOURCE;
  return ATTACHMENT_SOURCE;
}

/** The policy key that tolerates a kind of domain. */
const TOLERATE_KEY: Record<FailureDomainKind, string> = {
  host: 'policy.tolerate.hosts',
  hosts: 'policy.tolerate.hosts',
  rack: 'policy.tolerate.racks',
  switch: 'policy.tolerate.switches',
  feed: 'policy.tolerate.feeds',
  zone: 'policy.tolerate.zones',
  maintenance: 'policy.maintenance.hosts',
};

/** The role whose drained hosts matter to a subsystem's harm. */
const SUBSYSTEM_ROLE: Record<FailureSubsystem, string> = { compute: 'compute', control: 'control', ceph: 'storage', network: '', power: '' };

const KIND_WORD: Record<FailureDomainKind, string> = {
  host: 'host',
  hosts: 'host group',
  rack: 'rack',
  switch: 'switch',
  feed: 'power feed',
  zone: 'zone',
  maintenance: 'maintenance',
};

/**
 * How a domain's loss reads in a sentence: "Losing rack r1 while compute-07 is drained for
 * maintenance". `drained`: the drained hosts that matter here (those of the subsystem's role).
 */
export function lossPhrase(d: FailureDomain, drained: readonly string[] = d.hostsDrained): string {
  if (d.kind === 'maintenance') return `Draining ${nameList(drained)} for maintenance, with nothing else lost`;
  const what = d.kind === 'hosts' ? `${d.name} at once (${nameList(d.hostsLost)})` : `${KIND_WORD[d.kind]} ${d.name}`;
  const also = drained.length > 0 ? ` while ${nameList(drained)} ${drained.length === 1 ? 'is' : 'are'} drained for maintenance` : '';
  return `Losing ${what}${also}`;
}

/** Plural subject of a group of domains of one kind: "3 hosts", "2 racks". */
function groupSubject(kind: FailureDomainKind, members: readonly FailureDomain[]): string {
  if (kind === 'maintenance') return 'maintenance';
  if (members.length === 1) return `${KIND_WORD[kind]} ${members[0]!.name}`;
  return `${members.length} ${kind === 'switch' ? 'switches' : `${KIND_WORD[kind]}s`}`;
}

/**
 * One finding per (harm code, severity, domain kind), in the order of `domains`:
 * subject names the domain (or how many), month is the earliest member's, message is the
 * earliest member's with the others listed, value/limit/unit are the earliest member's.
 * The message says whether the policy tolerates the loss, since that sets the severity.
 * `roleOf` (host → role; or a function that makes it, called only when a drained host's role
 * is asked) words the drained hosts. `domainOf`, when the caller knows it, is the index in
 * `domains` of each impact's domain, for domains whose ids are distinct (then the same as
 * looking the id up: FailureStitch.result): no lookup by id.
 */
export function failureFindings(
  domains: readonly FailureDomain[],
  impacts: readonly FailureImpact[],
  policy: FailurePolicy,
  start: string,
  roleOf: ReadonlyMap<string, string> | (() => ReadonlyMap<string, string>),
  domainOf?: ArrayLike<number>,
): Finding[] {
  // each id's position (the last domain of that id: the one looked up), one Map for both
  let at: Map<string, number> | undefined;
  if (!domainOf) {
    at = new Map<string, number>();
    for (let i = 0; i < domains.length; i++) at.set(domains[i]!.id, i);
  }
  let roles = typeof roleOf === 'function' ? undefined : roleOf;
  const roleOfHost = (h: string): string | undefined => {
    roles ??= (roleOf as () => ReadonlyMap<string, string>)();
    return roles.get(h);
  };
  const groups = new Map<string, { kind: FailureDomainKind; members: { d: FailureDomain; i: number; h: FailureHarm; sub: FailureSubsystem }[] }>();
  for (let p = 0; p < impacts.length; p++) {
    const impact = impacts[p]!;
    const i = domainOf ? domainOf[p] : at!.get(impact.domain);
    if (i === undefined) continue;
    const d = domains[i]!;
    for (const h of impact.harms) {
      const key = `${h.code}|${h.severity}|${d.kind}`;
      const g = groups.get(key) ?? { kind: d.kind, members: [] };
      g.members.push({ d, i, h, sub: impact.subsystem });
      groups.set(key, g);
    }
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    g.members.sort((a, b) => a.h.month - b.h.month || a.i - b.i);
    const first = g.members[0]!;
    const rest = g.members.slice(1);
    // a loop, not Math.min(...months): a group can have tens of thousands of members
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const m of rest) {
      lo = Math.min(lo, m.h.month);
      hi = Math.max(hi, m.h.month);
    }
    const when =
      rest.length === 0 || (lo === first.h.month && hi === first.h.month)
        ? ''
        : lo === hi
          ? `, from ${monthLabel(start, lo)}`
          : `, from ${monthLabel(start, lo)} to ${monthLabel(start, hi)}`;
    const sameText = rest.length > 0 ? ` Losing ${rest.length === 1 ? '' : 'any of '}${nameList(rest.map((m) => m.d.name))} does the same${when}.` : '';
    const key = TOLERATE_KEY[g.kind];
    const tolerated = first.d.tolerated
      ? ` The policy tolerates this loss (${key}).`
      : ` The policy does not tolerate this loss (${key} = ${g.kind === 'maintenance' ? policy.maintenance.hosts : toleranceCount(policy, g.kind)}).`;
    const f: Finding = {
      code: first.h.code,
      severity: first.h.severity,
      subject: groupSubject(
        g.kind,
        g.members.map((m) => m.d),
      ),
      message: `${lossPhrase(
        first.d,
        first.d.hostsDrained.filter((h) => roleOfHost(h) === SUBSYSTEM_ROLE[first.sub]),
      )}: ${first.h.message}${sameText}${tolerated}`,
      month: first.h.month,
      source: harmSource(first.h.code),
    };
    if (first.h.value !== undefined) f.value = first.h.value;
    if (first.h.limit !== undefined) f.limit = first.h.limit;
    if (first.h.unit !== undefined) f.unit = first.h.unit;
    out.push(f);
  }
  return out;
}

function toleranceCount(policy: FailurePolicy, kind: FailureDomainKind): number {
  const t = policy.tolerate;
  switch (kind) {
    case 'rack':
      return t.racks;
    case 'switch':
      return t.switches;
    case 'feed':
      return t.feeds;
    case 'zone':
      return t.zones;
    default:
      return t.hosts;
  }
}
