/**
 * The hosts of some roles in an epoch (planEpochs' compute and storage analyses read only their
 * role's hosts), carried from epoch to epoch: an epoch of a growing fleet begins with the
 * previous epoch's hosts (the same Host objects), so only the hosts after the common prefix
 * are read. The analyses then walk their role's hosts, not the whole fleet: each filters its
 * input by role and keeps the order, so the role's hosts give the same answer as all of them.
 */
import type { Host } from '../model/plan.js';
import { commonPrefix } from './prefix.js';

/** One role's hosts of the last call, and each one's index in that call's `all`. */
interface Kept {
  role: string;
  hosts: Host[];
  at: number[];
}

/** Per role, the hosts of an epoch with that role (`of`), one instance per planEpochs call. */
export class RoleHosts {
  // null before the first call (not `[]`: an empty literal's elements kind differs from a host
  // list's, and the comparison's loads would see two array maps)
  private lastAll: readonly Host[] | null = null;
  private readonly kept: Kept[];
  private readonly roles: readonly string[];

  /** `roles`: distinct role names, the order `of` answers in. */
  constructor(roles: readonly string[]) {
    this.roles = roles;
    this.kept = [];
  }

  /**
   * Per role (the constructor's order), `all.filter((h) => h.role === role)`: new arrays, that no
   * later call changes. O(common prefix with the last call's `all`) pointer comparisons, then
   * O(the hosts after it) and one copy per role.
   */
  of(all: readonly Host[]): Host[][] {
    const { kept } = this;
    // the role lists are made from `all` (slice(0, 0)): empty arrays of a host list's elements kind
    if (kept.length === 0) for (const role of this.roles) kept.push({ role, hosts: all.slice(0, 0), at: [] });
    const last = this.lastAll;
    const k = last === null ? 0 : commonPrefix(last, all);
    // each role's hosts standing before k are kept (their indices increase), the rest dropped
    for (const x of kept) cutBack(x, k);
    for (let i = k; i < all.length; i++) fileHost(kept, all[i]!, i);
    this.lastAll = all;
    return kept.map((x) => x.hosts.slice());
  }
}

/** Drops `x`'s hosts standing at index `k` or after. */
function cutBack(x: Kept, k: number): void {
  const at = x.at;
  let n = at.length;
  while (n > 0 && at[n - 1]! >= k) n--;
  x.hosts.length = n;
  at.length = n;
}

/** Files host `h` (at index `i`) with its role's list, if one is kept. */
function fileHost(kept: readonly Kept[], h: Host, i: number): void {
  const role = h.role;
  for (let j = 0; j < kept.length; j++) {
    const x = kept[j]!;
    if (x.role !== role) continue;
    x.hosts.push(h);
    x.at.push(i);
    return;
  }
}
