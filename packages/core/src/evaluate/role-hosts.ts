/**
 * The hosts of some roles in an epoch (planEpochs' compute and storage analyses read only their
 * role's hosts), carried from epoch to epoch: an epoch of a growing fleet begins with the
 * previous epoch's hosts (the same Host objects), so only the hosts after the common prefix
 * are read. The analyses then walk their role's hosts, not the whole fleet: each filters its
 * input by role and keeps the order, so the role's hosts give the same answer as all of them.
 */
import type { Host } from '../model/plan.js';

/** One role's hosts of the last call, and each one's index in that call's `all`. */
interface Kept {
  role: string;
  hosts: Host[];
  at: number[];
}

/** Per role, the hosts of an epoch with that role (`of`), one instance per planEpochs call. */
export class RoleHosts {
  private lastAll: readonly Host[] = [];
  private readonly kept: Kept[];

  /** `roles`: distinct role names, the order `of` answers in. */
  constructor(roles: readonly string[]) {
    this.kept = roles.map((role) => ({ role, hosts: [], at: [] }));
  }

  /**
   * Per role (the constructor's order), `all.filter((h) => h.role === role)`: new arrays, that no
   * later call changes. O(common prefix with the last call's `all`) pointer comparisons, then
   * O(the hosts after it) and one copy per role.
   */
  of(all: readonly Host[]): Host[][] {
    const last = this.lastAll;
    const m = Math.min(last.length, all.length);
    let k = 0;
    while (k < m && last[k] === all[k]) k++;
    const { kept } = this;
    // each role's hosts standing before k are kept (their indices increase), the rest dropped
    for (const x of kept) {
      let n = x.at.length;
      while (n > 0 && x.at[n - 1]! >= k) n--;
      x.hosts.length = n;
      x.at.length = n;
    }
    for (let i = k; i < all.length; i++) {
      const h = all[i]!;
      const role = h.role;
      for (const x of kept) {
        if (x.role !== role) continue;
        x.hosts.push(h);
        x.at.push(i);
        break;
      }
    }
    this.lastAll = all;
    return kept.map((x) => x.hosts.slice());
  }
}
