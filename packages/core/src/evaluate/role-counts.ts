/**
 * Each epoch's hosts per role, the roles in the order of their first host in the epoch (what
 * counting host by host gives, `roleCountsPlain`). Consecutive epochs mostly share their first
 * hosts (the same Host objects, timeline order): over the longest common prefix with the
 * previous epoch, its counts are reused (less its hosts after the prefix), and only the hosts
 * after the prefix are read. O(epochs × common prefix) pointer comparisons + O(changed hosts).
 */
import type { Host } from '../model/plan.js';
import type { Role } from '../model/scenario.js';

/** Hosts per role, in first-appearance order. */
export type RoleCounts = Partial<Record<Role, number>>;

/** Counting host by host: O(epochs × hosts). */
export function roleCountsPlain(epochs: readonly { hosts: readonly Host[] }[]): RoleCounts[] {
  return epochs.map((e) => {
    const byRole: RoleCounts = {};
    for (const h of e.hosts) byRole[h.role] = (byRole[h.role] ?? 0) + 1;
    return byRole;
  });
}

/** The same counts, reusing the previous epoch's over the common prefix (module comment). */
export function roleCounts(epochs: readonly { hosts: readonly Host[] }[]): RoleCounts[] {
  const out: RoleCounts[] = [];
  let prev: readonly Host[] = [];
  let counts = new Map<Role, number>();
  let first = new Map<Role, number>();
  for (const { hosts } of epochs) {
    let k = 0;
    while (k < prev.length && k < hosts.length && prev[k] === hosts[k]) k++;
    const next = new Map(counts);
    for (let i = k; i < prev.length; i++) next.set(prev[i]!.role, next.get(prev[i]!.role)! - 1);
    // a role's first host in the prefix stays its first host
    const firstNext = new Map<Role, number>();
    for (const [role, i] of first) if (i < k) firstNext.set(role, i);
    for (let i = k; i < hosts.length; i++) {
      const role = hosts[i]!.role;
      next.set(role, (next.get(role) ?? 0) + 1);
      if (!firstNext.has(role)) firstNext.set(role, i);
    }
    const byRole: RoleCounts = {};
    for (const [role] of [...firstNext].sort((a, b) => a[1] - b[1])) byRole[role] = next.get(role)!;
    out.push(byRole);
    prev = hosts;
    counts = next;
    first = firstNext;
  }
  return out;
}
