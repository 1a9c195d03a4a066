/**
 * What the failure analysis of one fleet keeps for the analysis of the next fleet of a
 * timeline (evaluate/epochs.ts planEpochs: one FailureCarry per call, passed down like the
 * DomainCache; core keeps no state between calls). Every entry is a function of inputs that
 * the next analysis checks are unchanged before it reads the entry: the result is the same
 * with or without a carry.
 */
import type { FailureDomain, FailureImpact } from '../model/failure.js';
import type { Host } from '../model/plan.js';
import type { HardwareModel } from '../model/scenario.js';

export interface FailureCarry {
  /**
   * The network (switch) or power (feed) impact of each domain of the last analysis that
   * stops no host, cuts no host off and trips no rack, by domain object. Such an impact reads
   * the domain only (its id, kind and number of hosts degraded: attachmentImpact, makeImpact)
   * and domain objects are never changed once built (DomainCache copies a group's lists before
   * it grows), so the same object has the same impact: the next analysis takes it as it is.
   */
  attachment: Map<FailureDomain, FailureImpact>;
  /**
   * The hosts of a known model of the last analysis, with what was worked out per host:
   * their names (in host order) and their subsystem bits (analyze's `member`), valid for the
   * hardware models, monitor role and monitor hosts they were read under. A fleet whose first
   * hosts are these (the same objects, in the same order) under the same models and
   * monitors has the same names and bits for them.
   */
  hosts: {
    known: readonly Host[];
    names: readonly string[];
    member: Uint8Array;
    hardware: Readonly<Record<string, HardwareModel>>;
    monRole: string;
    mons: readonly string[];
    /** How many of `storageHostsRaw`'s hosts come among them (where the next host's is looked for first). */
    storageHosts: number;
  } | null;
}

/** An empty FailureCarry. */
export function failureCarry(): FailureCarry {
  return { attachment: new Map(), hosts: null };
}
