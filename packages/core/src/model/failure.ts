/**
 * The failure-impact matrix of a PlanResult (`plan.failure`): every failure domain of the
 * topology (host, rack, top-of-rack switch, power feed, zone), what losing it does to each
 * subsystem (compute, control plane, Ceph, network, power), and from which month.
 * Plain JSON: every number finite, absent values null.
 */
import type { Severity } from '../diagnostics/types.js';
import type { Role } from './scenario.js';
import type { ResourceClass } from './plan.js';

/**
 * What can fail as a unit:
 * - `host`: one server;
 * - `hosts`: the N largest hosts of one role at once (only when policy.tolerate.hosts >= 2);
 * - `rack`: every server in a rack;
 * - `switch`: a top-of-rack switch: the hosts whose every link goes to lost switches are cut off;
 * - `feed`: a power feed (PDU side A or B): the hosts with no feed left lose power;
 * - `zone`: every rack of an availability zone (only when the racks name two zones or more);
 * - `maintenance`: the hosts drained for a rolling upgrade alone (only when
 *   policy.maintenance.hosts > 0), so harm caused by maintenance alone is not blamed on a domain.
 */
export type FailureDomainKind = 'host' | 'hosts' | 'rack' | 'switch' | 'feed' | 'zone' | 'maintenance';

/** The parts of the cloud whose loss headroom analyses. */
export type FailureSubsystem = 'compute' | 'control' | 'ceph' | 'network' | 'power';

/**
 * How bad an impact is:
 * - `none`: the subsystem keeps serving with its redundancy (or loses only redundancy it is designed to lose);
 * - `degraded`: it keeps serving but has lost redundancy it cannot get back (Ceph cannot
 *   re-protect or backfill stalls, hosts cut off from the network);
 * - `outage`: something stops: instances that cannot be restarted, control-plane quorum lost,
 *   Ceph PGs inactive or OSDs full.
 */
export type ImpactHarm = 'none' | 'degraded' | 'outage';

export interface FailureDomain {
  /** `<kind>:<name>`, unique: `host:compute-01`, `rack:r1`, `switch:r1-tor-a`, `feed:A`, `zone:az1`. */
  id: string;
  kind: FailureDomainKind;
  name: string;
  /** True when policy.tolerate (or policy.maintenance for `maintenance`) says the plan must survive this loss. */
  tolerated: boolean;
  /** Hosts that stop when the domain fails (in the rack, cut off, unpowered), in host order. */
  hostsLost: string[];
  /**
   * Hosts drained for maintenance on top of the loss (policy.maintenance: per role, the
   * largest hosts not already lost), in host order. They count as lost in every impact.
   */
  hostsDrained: string[];
  /** Hosts that keep running with less redundancy (one link or one power feed left), in host order. */
  hostsDegraded: string[];
}

/** Instances of one flavor that could not be re-placed. */
export interface FlavorShortfall {
  flavor: string;
  /** Instances displaced by the loss (running on the lost hosts). */
  displaced: number;
  /** Displaced instances that found no host with room: the shortfall. */
  unplaced: number;
}

/** What a loss does to compute (Placement capacity and the instances on the lost hosts). */
export interface ComputeImpactDetail {
  /** Compute hosts lost with the domain. */
  hostsLost: number;
  /** Compute hosts drained for maintenance (their instances live-migrated away: displaced too). */
  hostsDrained: number;
  /** Placement capacity of the lost and drained hosts per resource class (VCPU count, MEMORY_MB MiB, DISK_GB GiB). */
  capacityLost: Partial<Record<ResourceClass, number>>;
  /** The month the instance figures below are for: the first month of harm, else the last month of the horizon. */
  atMonth: number;
  /** Instances running on the lost hosts in `atMonth`. */
  instancesDisplaced: number;
  /** Instances that were already not placed before the loss in `atMonth` (the cloud was full). */
  instancesUnplacedBefore: number;
  /** Per flavor, only flavors with displaced instances. */
  flavors: FlavorShortfall[];
  /**
   * True when the survivors' free capacity summed per resource class would hold the
   * displaced instances but packing them into hosts does not: fragmentation.
   */
  fragmentation: boolean;
}

/** What a loss does to the Galera, RabbitMQ and HAProxy/VIP layer on the controllers. */
export interface ControlImpactDetail {
  controllers: number;
  /** Controllers that crash with the domain. */
  controllersLost: number;
  /** Controllers drained (shut down gracefully) for maintenance. */
  controllersDrained: number;
  /** Galera keeps a primary component: (n − drained) − lost > (n − drained) / 2. */
  galeraPrimary: boolean;
  /** Every RabbitMQ quorum queue keeps a majority of its replicas (worst-case placement). */
  rabbitmqQuorum: boolean;
  /** Replicas per RabbitMQ quorum queue assumed: min(3, controllers). */
  rabbitmqReplicas: number;
  /** HAProxy/keepalived VIP answers: at least one controller is up. */
  vip: boolean;
}

/** One pool after a loss. */
export interface PoolFailureDetail {
  pool: string;
  /** size (replicated) or k+m (erasure): copies or shards per PG, one per failure domain. */
  width: number;
  minSize: number;
  /** Copies/shards left to the worst PG: width − (CRUSH domains that lost OSDs), at least 0. */
  copiesLeftWorstPg: number;
  /** PGs keep serving I/O: copiesLeftWorstPg >= min_size. */
  active: boolean;
  /** CRUSH domains that still hold OSDs. */
  domainsLeft: number;
  /** Re-protection can re-create every copy: domainsLeft >= width. */
  canReprotect: boolean;
  /** For erasure pools, copiesLeftWorstPg >= k; for replicated >= 1: the data still exists on the survivors. */
  dataAvailable: boolean;
}

/** What a loss does to Ceph (first cut: headroom's model until the Ceph model refines it). */
export interface CephImpactDetail {
  failureDomain: 'host' | 'rack';
  /** Storage hosts lost with the domain (their OSDs are marked out and re-protected elsewhere). */
  hostsLost: number;
  /** Storage hosts drained for maintenance (OSDs down but in, `noout`: their copies are unavailable, not re-created). */
  hostsDrained: number;
  /** Raw bytes of the lost OSDs. */
  rawBytesLost: number;
  /** CRUSH domains with at least one OSD host lost or drained. */
  domainsAffected: number;
  pools: PoolFailureDetail[];
  /**
   * Fill (raw used / raw, 0..1) of the fullest surviving CRUSH domain in month 0 after the
   * loss and the backfill that can happen; domain averages, so the fullest OSD is higher.
   * Scales with demand growth: fill(t) = fill(0) × growth factor(t). null without stored data.
   */
  survivorFillMonth0: number | null;
  /** The same before the loss. */
  fillBeforeMonth0: number | null;
  /** First month the loss pushes the survivors above the backfillfull ratio (the cluster without the loss being below it) while backfill runs; null if never within the horizon. */
  backfillfullMonth: number | null;
  /** First month the loss pushes the survivors above the full ratio (the cluster without the loss being below it); null if never within the horizon. */
  fullMonth: number | null;
  /** Bytes backfill writes onto the survivors to re-protect, month 0 (scales with growth). */
  rebuildBytesMonth0: number;
  /** Seconds to re-protect, from the Ceph model and the network's replication bandwidth; null until those models provide it. */
  reprotectSeconds: number | null;
}

/** What a switch or power-feed loss does to the hosts' links or power. */
export interface AttachmentImpactDetail {
  /** Hosts attached to the lost switch(es) or feed(s). */
  hostsAttached: number;
  /** Hosts with nothing left: cut off (switch) or unpowered (feed). */
  hostsLost: number;
  /** Hosts left with one link or one feed. */
  hostsDegraded: number;
  /** Where the attachments come from: `default`, every host on all of its rack's switches and feeds (the network plan's per-port cabling is not matched to racks yet). */
  source: 'default';
}

/** One harm a loss causes in one subsystem; it raises one finding (grouped with the same harm of similar domains). */
export interface FailureHarm {
  /** Finding code: `failure.compute.shortfall`, `failure.control.quorum_lost`, `failure.ceph.inactive_pgs`, ... */
  code: string;
  harm: Exclude<ImpactHarm, 'none'>;
  /** First horizon month (0-based) with this harm. */
  month: number;
  /** error for an outage of a tolerated loss, warning for an outage of an untolerated one or a degradation of a tolerated one, else info. */
  severity: Severity;
  /** What happens, in one or two sentences, without naming the domain (the finding adds it). */
  message: string;
  /** The measured figure and its limit, in `unit` (e.g. unplaced instances and 0; survivors' fill and the backfillfull ratio). */
  value?: number;
  limit?: number;
  unit?: string;
  /**
   * Set when the month comes from a smaller loss contained in this one rather than from this
   * loss's own packing (a larger loss never harms later than a loss it contains): that domain's id.
   */
  from?: string;
}

export interface FailureImpact {
  /** FailureDomain.id */
  domain: string;
  subsystem: FailureSubsystem;
  /** The worst harm (outage > degraded > none). */
  harm: ImpactHarm;
  /** First horizon month (0-based) in which the loss causes any harm; null when it never does within the horizon. */
  firstHarmMonth: number | null;
  /** Severity of the worst finding this impact raises; null when it raises none. */
  severity: Severity | null;
  /** Every harm, earliest first; empty when none. */
  harms: FailureHarm[];
  /** What the loss does to this subsystem, harm or not, in one sentence (the matrix cell). */
  message: string;
  compute?: ComputeImpactDetail;
  control?: ControlImpactDetail;
  ceph?: CephImpactDetail;
  network?: AttachmentImpactDetail;
  power?: AttachmentImpactDetail;
}

/** The failure policy as resolved (defaults filled). */
export interface FailurePolicy {
  tolerate: { hosts: number; racks: number; zones: number; switches: number; feeds: number };
  maintenance: { hosts: number; roles: Role[] };
}

export interface FailurePlan {
  policy: FailurePolicy;
  /** What headroom assumed where the scenario or the other models say nothing, in plain words. */
  assumptions: string[];
  domains: FailureDomain[];
  /** One impact per domain and subsystem it touches, in domain order then subsystem order. */
  impacts: FailureImpact[];
}
