/**
 * planStorage's raw part (raw Σ, OSD count, host failure domains and the tolerated hosts'
 * removal) carried from one call to the next of a fleet that grows (the epochs of a timeline,
 * ceph-plan.ts CephCarry): the storage hosts of one call are those of the call before, then new
 * ones, so the running sums, the domains and the largest hosts are continued over the new hosts
 * only. The same figures as storage-plan.ts's storageHostsRaw, failureDomains and storageRemoval
 * (the same additions in the same order; the same largest hosts as compute/tolerance.ts
 * topIndices, whose scan is continued). Source: headroom [model] (speed only, no figure).
 */
import type { Host } from '../model/plan.js';
import type { Policy, Scenario } from '../model/scenario.js';
import { osdDevices } from './raw.js';
import type { StorageRemoval } from './tolerance.js';

/** A failure domain as the storage plan lists it. */
export interface DomainRow {
  name: string;
  rawBytes: number;
  osdCount: number;
}

/** What planStorage reads of its raw part. */
export interface StorageRaw {
  rawBytes: number;
  osdCount: number;
  failureDomains: DomainRow[];
  removal: StorageRemoval;
}

/**
 * The raw part of planStorage for host failure domains, without tolerated racks (`of`); null
 * when it does not apply (rack failure domains, tolerated racks, more than 8 tolerated hosts, two
 * domains of one name): the caller computes it as before.
 */
export class StorageRawCarry {
  private hardware: Scenario['hardware'] | undefined;
  private readonly devices = new Map<string, { osdCount: number; rawBytes: number } | null>();
  /** The hosts of the last call (its `hosts` argument). */
  private lastHosts: readonly Host[] = [];
  /** Σ rawBytes and Σ osdCount over those entries, in order from 0 (hostRaw.reduce's sums). */
  private rawBytes = 0;
  private osdCount = 0;
  /** The entries with OSDs (raw.ts failureDomains' host domains), in order: their rows, and Σ raw bytes before each (from 0, in order). */
  private readonly rows: DomainRow[] = [];
  private readonly before: number[] = [];
  private readonly names = new Set<string>();
  /** Two entries with OSDs have one name (storageRemoval removes whole names): not carried. */
  private repeated = false;
  /** topIndices' scan over the rows' raw bytes for `n` hosts, continued: its best list after `count` rows. */
  private top: { n: number; count: number; best: { i: number; v: number }[] } | null = null;

  /**
   * rawBytes, osdCount, failureDomains rows and storageRemoval(hostRaw, domains, 'host', tolerate)
   * of storageHostsRaw(scenario, hosts) with host failure domains; null when it does not apply
   * (see the class). The rows are shared with the answers of earlier calls (never changed).
   */
  of(scenario: Scenario, hosts: readonly Host[], failureDomain: 'host' | 'rack', tolerate: Policy['tolerate']): StorageRaw | null {
    const n = Math.max(0, tolerate.hosts);
    if (failureDomain !== 'host' || tolerate.racks > 0 || n > 8) return null;
    const last = this.lastHosts;
    let grown = this.hardware === scenario.hardware && last.length <= hosts.length;
    for (let i = 0; grown && i < last.length; i++) grown = last[i] === hosts[i];
    if (!grown) this.reset(scenario);
    for (let i = grown ? last.length : 0; i < hosts.length; i++) this.add(scenario, hosts[i]!);
    this.lastHosts = hosts;
    if (this.repeated) return null;
    return { rawBytes: this.rawBytes, osdCount: this.osdCount, failureDomains: this.rows.slice(), removal: this.removal(n) };
  }

  private reset(scenario: Scenario): void {
    this.hardware = scenario.hardware;
    this.devices.clear();
    this.rawBytes = 0;
    this.osdCount = 0;
    this.rows.length = 0;
    this.before.length = 0;
    this.names.clear();
    this.repeated = false;
    this.top = null;
  }

  /** storageHostsRaw's entry of `h` (when a storage host of known hardware), added to the sums and domains. */
  private add(scenario: Scenario, h: Host): void {
    if (h.role !== 'storage') return;
    let d = this.devices.get(h.hardware);
    if (d === undefined) {
      const hw = Object.hasOwn(scenario.hardware, h.hardware) ? scenario.hardware[h.hardware] : undefined;
      d = hw ? osdDevices(hw) : null;
      this.devices.set(h.hardware, d);
    }
    if (!d) return;
    this.rawBytes += d.rawBytes;
    this.osdCount += d.osdCount;
    if (!(d.osdCount > 0 && d.rawBytes > 0)) return;
    if (this.names.has(h.name)) this.repeated = true;
    this.names.add(h.name);
    const k = this.rows.length;
    this.before.push(k === 0 ? 0 : this.before[k - 1]! + this.rows[k - 1]!.rawBytes);
    this.rows.push({ name: h.name, rawBytes: d.rawBytes, osdCount: d.osdCount });
  }

  /**
   * storageRemoval with host domains of unique names and no tolerated rack: the `n` hosts with
   * the most raw bytes (topIndices: first on a tie) are removed, their domains with them; the
   * tolerated raw is Σ of the others in order (the running sum before the first removed, then on).
   */
  private removal(n: number): StorageRemoval {
    const { rows, before } = this;
    const count = rows.length;
    let top = this.top;
    if (top === null || top.n !== n) top = { n, count: 0, best: [] };
    // compute/tolerance.ts topIndices' loop (n <= 8), continued over the new rows
    const best = top.best;
    if (n > 0) {
      for (let i = top.count; i < count; i++) {
        const v = rows[i]!.rawBytes;
        if (best.length === n && v <= best[n - 1]!.v) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.v < v) at--;
        best.splice(at, 0, { i, v });
        if (best.length > n) best.pop();
      }
    }
    top.count = count;
    this.top = top;
    const picked = n > 0 ? best.map((b) => b.i).sort((a, b) => a - b) : [];
    const removedHosts = picked.map((i) => rows[i]!.name);
    let tolerated = 0;
    if (picked.length === 0) tolerated = count === 0 ? 0 : before[count - 1]! + rows[count - 1]!.rawBytes;
    else {
      let p = 0;
      tolerated = before[picked[0]!]!;
      for (let i = picked[0]!; i < count; i++) {
        if (p < picked.length && picked[p] === i) {
          p += 1;
          continue;
        }
        tolerated += rows[i]!.rawBytes;
      }
    }
    return { removedHosts, removedDomains: [...removedHosts], toleratedRawBytes: tolerated, domainsRemaining: count - picked.length };
  }
}
