/**
 * Raw Ceph capacity: OSD devices per storage host, grouped into CRUSH failure domains.
 */
import type { HardwareModel, Rack, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';

/** One storage host's OSD devices. */
export interface HostRaw {
  host: string;
  rack: string;
  /** Σ count × sizeBytes over disks with use 'osd', bytes. */
  rawBytes: number;
  /** Σ count over disks with use 'osd' (one OSD per device). */
  osdCount: number;
}

/** A CRUSH failure domain (a host or a rack bucket) with the raw bytes under it. */
export interface FailureDomainRaw {
  name: string;
  rawBytes: number;
  osdCount: number;
  hosts: string[];
}

/**
 * OSDs of one hardware model: osdCount = Σ count, rawBytes = Σ count × sizeBytes over disks
 * with use 'osd' (one BlueStore OSD per device; the CRUSH weight of an OSD is its size).
 * Units: bytes (decimal as written: a "8 TB" drive is 8e12 bytes).
 */
export function osdDevices(hw: HardwareModel): { osdCount: number; rawBytes: number } {
  let osdCount = 0;
  let rawBytes = 0;
  for (const d of hw.disks) {
    if (d.use !== 'osd') continue;
    osdCount += d.count;
    rawBytes += d.count * d.sizeBytes;
  }
  return { osdCount, rawBytes };
}

/** The storage-role hosts with their OSD devices, in host order (hosts of unknown hardware are skipped). */
export function storageHostsRaw(scenario: Scenario, hosts: readonly Host[]): HostRaw[] {
  const out: HostRaw[] = [];
  // osdDevices once per hardware model (the same figures for each of its hosts)
  const devices = new Map<string, { osdCount: number; rawBytes: number } | null>();
  for (const h of hosts) {
    if (h.role !== 'storage') continue;
    let d = devices.get(h.hardware);
    if (d === undefined) {
      const hw = Object.hasOwn(scenario.hardware, h.hardware) ? scenario.hardware[h.hardware] : undefined;
      d = hw ? osdDevices(hw) : null;
      devices.set(h.hardware, d);
    }
    if (!d) continue;
    out.push({ host: h.name, rack: h.rack, osdCount: d.osdCount, rawBytes: d.rawBytes });
  }
  return out;
}

/**
 * Groups storage hosts into failure domains, as `step chooseleaf firstn 0 type <domain>`
 * sees them (doc/rados/operations/crush-map-edits.rst): one domain per host, or one per
 * rack holding the rack's hosts. Only domains with OSDs (non-zero weight) are returned:
 * CRUSH never chooses an empty bucket. Host domains come in host order, rack domains in
 * scenario rack order (racks not in the scenario last, by first appearance).
 */
export function failureDomains(hostRaw: readonly HostRaw[], failureDomain: 'host' | 'rack', racks: readonly Rack[]): FailureDomainRaw[] {
  const withOsds = hostRaw.filter((h) => h.osdCount > 0 && h.rawBytes > 0);
  if (failureDomain === 'host') {
    return withOsds.map((h) => ({ name: h.host, rawBytes: h.rawBytes, osdCount: h.osdCount, hosts: [h.host] }));
  }
  // hosts grouped by rack in one pass: O(racks + hosts)
  const order = racks.map((r) => r.name);
  const byRack = new Map<string, HostRaw[]>(order.map((r) => [r, []]));
  for (const h of withOsds) {
    const members = byRack.get(h.rack);
    if (members) members.push(h);
    else {
      order.push(h.rack);
      byRack.set(h.rack, [h]);
    }
  }
  const out: FailureDomainRaw[] = [];
  for (const rack of order) {
    const members = byRack.get(rack)!;
    if (members.length === 0) continue;
    out.push({
      name: rack,
      rawBytes: members.reduce((s, h) => s + h.rawBytes, 0),
      osdCount: members.reduce((s, h) => s + h.osdCount, 0),
      hosts: members.map((h) => h.host),
    });
  }
  return out;
}

/**
 * The index in `domains` = failureDomains(hostRaw, failureDomain, racks) of the domain each
 * entry of `hostRaw` is in, -1 for an entry without OSDs (not in any). Host domains: the
 * entries with OSDs in order; rack domains: the domain named after the entry's rack. O(entries
 * + domains), no lookup by host name.
 */
export function failureDomainIndices(hostRaw: readonly HostRaw[], failureDomain: 'host' | 'rack', domains: readonly FailureDomainRaw[]): Int32Array {
  const out = new Int32Array(hostRaw.length).fill(-1);
  if (failureDomain === 'host') {
    let next = 0;
    for (let k = 0; k < hostRaw.length; k++) {
      const h = hostRaw[k]!;
      if (h.osdCount > 0 && h.rawBytes > 0) out[k] = next++;
    }
    return out;
  }
  const byRack = new Map<string, number>();
  domains.forEach((d, i) => byRack.set(d.name, i));
  for (let k = 0; k < hostRaw.length; k++) {
    const h = hostRaw[k]!;
    if (h.osdCount > 0 && h.rawBytes > 0) out[k] = byRack.get(h.rack) ?? -1;
  }
  return out;
}
