/**
 * Durability of each Ceph pool (`storage.ceph.durability`, storage/durability.ts): the
 * probability of losing data in a year from independent device failures, the expected bytes
 * lost, and what correlated losses (a whole rack or zone) do to the pool's PGs. Plain JSON:
 * rates per hour, probabilities 0..1, bytes, hours; null where a value does not exist.
 */

/** Annual failure rate of OSD devices, by CRUSH device class (or disk kind), 0..1 (below 1). */
export interface CephAfrSettings {
  /** AFR per device class; an OSD whose class is not listed takes its disk kind's entry. */
  byClass: Record<string, number>;
  /** Where each default comes from (Backblaze Drive Stats reports), by class. */
  sources: Record<string, string>;
}

/** Losing whole failure domains at once: the PGs whose copies or shards all sit in them. */
export interface CephCorrelatedLoss {
  /** What is lost: `rack r1`, `zone az1`. */
  subject: string;
  /** The pool's failure domains (hosts or racks) inside what is lost, L, and all of them, H. */
  domainsLost: number;
  domains: number;
  /** Share of the pool's PGs with more than m copies or shards in the lost domains (data lost): Σ_{j>m} C(L,j)·C(H−L,n−j)/C(H,n). */
  pgFractionLost: number;
  /** Share of the PGs left with fewer than min_size copies or shards (inactive: I/O blocks, data lost or not). */
  pgFractionInactive: number;
  /** pg_num x pgFractionLost. */
  expectedPgsLost: number;
  /** stored x pgFractionLost, bytes of client data. */
  bytesLost: number;
}

/** One pool's durability against independent device failures, and its correlated cases. */
export interface CephPoolDurability {
  pool: string;
  rule: string;
  /** n: size (replicated) or k + m (erasure). */
  width: number;
  /** m: copies or shards a PG can lose without losing data (size − 1, or m). */
  tolerated: number;
  /** Device classes under the pool's rule, and the AFR used: the highest of theirs. */
  deviceClasses: string[];
  afr: number;
  /** The key of ceph.durability.afr that gave it: a device class, or the disk kind of a class not listed. */
  afrKey: string;
  afrSource: string;
  /** λ = −ln(1 − AFR) / 8766, failures per device per hour. */
  failureRatePerHour: number;
  /** T: hours from a device failure until its data is re-protected (recovery model, fullest OSD under the rule); null when it never is. */
  recoveryHours: number | null;
  /** The OSD whose recovery gives T, `osd.12 (storage-02)`. */
  recoverySubject: string;
  /** G: the pool's pg_num, and where it comes from. */
  pgNum: number;
  pgSource: 'pg_autoscaler' | 'docs formula';
  /** C(n, m+1): the (m+1)-sets of OSDs inside one PG. */
  setsPerPg: number;
  /** Distinct (m+1)-sets of OSDs in m+1 different failure domains under the rule: the most sets PGs can cover. */
  possibleSets: number;
  /** min(G, possibleSets / C(n, m+1)): the PGs that count (several PGs on the same OSDs lose data together). */
  effectivePgs: number;
  /** Λ = effectivePgs·(m+1)·C(n, m+1)·λ^(m+1)·T^m, data-loss events per hour; null without T. */
  lossesPerHour: number | null;
  /** P(year) = 1 − e^(−8766·Λ); null without T. */
  annualLossProbability: number | null;
  /** 1 / P(year): "1 in N years"; null when P is 0 or unknown. */
  oneInYears: number | null;
  /** Nines of annual durability: floor(−log10 P(year)); null when P is 0 or unknown. */
  nines: number | null;
  /** Stored bytes at the month the recovery is timed at (the one with the most data). */
  storedBytes: number;
  /** Expected bytes lost per year: G·(m+1)·C(n,m+1)·λ^(m+1)·T^m·8766 x stored / G (each event loses one PG); null without T. */
  expectedBytesLostPerYear: number | null;
  /** Whole racks (and zones) lost at once: the worst one of each kind. */
  correlated: CephCorrelatedLoss[];
  /** Why a figure is missing, or a caveat. */
  note: string | null;
}
