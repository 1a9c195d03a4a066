/**
 * The CRUSH tree headroom builds from the scenario: root `default` -> zone (when the rack
 * has one) -> rack -> host -> OSD, one BlueStore OSD per disk with use `osd`, and the OSDs
 * a rule takes (`step take default` or `default~<class>`).
 */
import type { DiskKind, DiskSpec, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import type { HostRaw } from './raw.js';

/** Bytes per TiB: a CRUSH weight is the device size in TiB. */
export const BYTES_PER_TIB = 2 ** 40;

/** One OSD of the planned cluster. */
export interface CrushOsd {
  /** osd.<id>: storage hosts in host order, then the host's OSD disks in disk order, from 0. */
  id: number;
  host: string;
  rack: string;
  zone?: string;
  deviceClass: string;
  kind: DiskKind;
  sizeBytes: number;
  /** CRUSH weight: sizeBytes / 2^40 (size in TiB, osd_crush_initial_weight -1). */
  crushWeight: number;
}

/** A storage host and its OSDs (only hosts with at least one OSD). */
export interface CrushHost {
  name: string;
  hardware: string;
  rack: string;
  zone?: string;
  osds: CrushOsd[];
}

export interface CrushTree {
  hosts: CrushHost[];
  osds: CrushOsd[];
}

/**
 * CRUSH weight of a device: its size in TiB, weight = bytes / 2^40 (what
 * osd_crush_initial_weight -1 sets, src/common/options/osd.yaml.in: "the size of the OSD in
 * TiB"). Example: an "8 TB" drive, 8e12 bytes -> 8e12 / 1,099,511,627,776 = 7.2760 TiB.
 * Ceph stores it as 16.16 fixed point (weight x 65536 rounded); headroom keeps the double.
 */
export function crushWeightTiB(bytes: number): number {
  return bytes / BYTES_PER_TIB;
}

/** Device class of an OSD disk: the scenario's `deviceClass`, else the disk kind (Ceph detects nvme, ssd, hdd). */
export function deviceClassOf(disk: Pick<DiskSpec, 'kind' | 'deviceClass'>): string {
  return disk.deviceClass ?? disk.kind;
}

/**
 * The CRUSH tree of the storage-role hosts, in host order. OSD ids are assigned in that
 * order, each host's OSD disks in disk order ([model]: Ceph numbers OSDs as they are
 * created; a real cluster's ids may differ). Hosts of unknown hardware or without OSD
 * disks are left out (CRUSH never chooses an empty bucket).
 */
export function buildCrushTree(scenario: Scenario, hosts: readonly Host[]): CrushTree {
  const tree: CrushTree = { hosts: [], osds: [] };
  const hardware = scenario.hardware;
  for (const h of hosts) appendCrushHostOf(hardware, tree, h);
  return tree;
}

/**
 * Adds one host to a CRUSH tree as buildCrushTree does (storage role, known hardware, its OSD
 * disks in disk order, the next OSD ids): buildCrushTree(hosts + [h]) = appendCrushHost(tree(hosts), h).
 * For fleets that only grow (the procurement curves), so the tree is not rebuilt per fleet.
 */
export function appendCrushHost(scenario: Scenario, tree: CrushTree, h: Host): void {
  appendCrushHostOf(scenario.hardware, tree, h);
}

/** appendCrushHost with the scenario's hardware table read once by the caller (the per-host code never reads the scenario: each epoch's view has its own shape). */
function appendCrushHostOf(hardware: Scenario['hardware'], tree: CrushTree, h: Host): void {
  if (h.role !== 'storage') return;
  const hw = Object.hasOwn(hardware, h.hardware) ? hardware[h.hardware] : undefined;
  if (!hw) return;
  const host: CrushHost = { name: h.name, hardware: h.hardware, rack: h.rack, osds: [] };
  if (h.zone !== undefined) host.zone = h.zone;
  for (const d of hw.disks) {
    if (d.use !== 'osd' || d.sizeBytes <= 0) continue;
    for (let i = 0; i < d.count; i++) {
      const osd: CrushOsd = {
        id: tree.osds.length,
        host: h.name,
        rack: h.rack,
        deviceClass: deviceClassOf(d),
        kind: d.kind,
        sizeBytes: d.sizeBytes,
        crushWeight: d.crushWeight ?? crushWeightTiB(d.sizeBytes),
      };
      if (h.zone !== undefined) osd.zone = h.zone;
      host.osds.push(osd);
      tree.osds.push(osd);
    }
  }
  if (host.osds.length > 0) tree.hosts.push(host);
}

/**
 * The CRUSH tree of the previous call, kept to extend it: planning a fleet that only grows
 * (the epochs of a timeline: the storage hosts of one epoch are those of the one before, then
 * the purchased ones) builds the tree of the new hosts only. `tree(scenario, hosts)` is
 * buildCrushTree(scenario, hosts), the same OSD ids and figures; when the storage-role hosts of
 * the previous call (the same Host objects, with the same name, hardware, rack and zone, under
 * the same hardware table) are not the first ones of `hosts`, it builds the tree anew. The
 * trees share their CrushHost and CrushOsd objects: nothing may change them.
 */
export class CrushCarry {
  private hardware: Scenario['hardware'] | undefined;
  private readonly hosts: { host: Host; name: string; hardware: string; rack: string; zone: string | undefined }[] = [];
  private last: CrushTree = { hosts: [], osds: [] };
  private lastUniform: (CrushOsd | null)[] = [];
  private previous: CrushTree | undefined;
  private shared = 0;

  /** How many first OSDs `tree` (the last tree returned) has in common with `before` (the one returned before it): the same objects. 0 otherwise. */
  sharedOsds(tree: CrushTree, before: CrushTree): number {
    return tree === this.last && before === this.previous ? this.shared : 0;
  }

  /** How many first hosts `tree` (the last tree returned) has in common with `before` (the one returned before it): all of before's, the same CrushHost objects. 0 otherwise. */
  sharedHosts(tree: CrushTree, before: CrushTree): number {
    return tree === this.last && before === this.previous ? before.hosts.length : 0;
  }

  /** uniformHosts(tree) of the tree the last `tree` call returned (kept along, not recomputed). */
  uniform(tree: CrushTree): (CrushOsd | null)[] {
    if (tree !== this.last) return uniformHosts(tree);
    for (let j = this.lastUniform.length; j < tree.hosts.length; j++) this.lastUniform.push(uniformOf(tree.hosts[j]!));
    return this.lastUniform;
  }

  tree(scenario: Scenario, hosts: readonly Host[]): CrushTree {
    const hardware = scenario.hardware; // (read once: the loops below never read the scenario)
    // the carried storage hosts, matched in order: `next` is the index in `hosts` after the last one
    let next = this.hardware === hardware ? carriedUpTo(this.hosts, hosts) : -1;
    if (next < 0) {
      this.hosts.length = 0;
      this.last = { hosts: [], osds: [] };
      this.hardware = hardware;
      next = 0;
    }
    this.previous = this.last;
    const tree: CrushTree = { hosts: this.last.hosts.slice(), osds: this.last.osds.slice() };
    this.shared = tree.osds.length;
    // the previous tree's hosts keep their uniformHosts entries (the same CrushHost objects)
    this.lastUniform = this.lastUniform.slice(0, tree.hosts.length);
    // the hosts after the carried ones (all of them when the tree is rebuilt)
    for (let i = next; i < hosts.length; i++) {
      const h = hosts[i]!;
      if (h.role !== 'storage') continue;
      appendCrushHostOf(hardware, tree, h);
      this.hosts.push({ host: h, name: h.name, hardware: h.hardware, rack: h.rack, zone: h.zone });
    }
    this.last = tree;
    return tree;
  }
}

/**
 * The index in `hosts` after the last of the carried storage hosts, when they are the first
 * storage-role hosts of `hosts`, in order (the same Host objects with the same name, hardware,
 * rack and zone); else -1. O(hosts up to the last carried one).
 */
function carriedUpTo(carried: readonly { host: Host; name: string; hardware: string; rack: string; zone: string | undefined }[], hosts: readonly Host[]): number {
  let j = 0;
  let next = 0;
  for (; j < carried.length && next < hosts.length; next++) {
    const h = hosts[next]!;
    if (h.role !== 'storage') continue;
    const x = carried[j]!;
    if (x.host !== h || x.name !== h.name || x.hardware !== h.hardware || x.rack !== h.rack || x.zone !== h.zone) return -1;
    j += 1;
  }
  return j < carried.length ? -1 : next;
}

/** One OSD of `host` standing for all when its OSDs have the same device class, disk kind, size and CRUSH weight (Object.is); else null. */
function uniformOf(host: CrushHost): CrushOsd | null {
  const first = host.osds[0];
  if (first === undefined) return null;
  for (const o of host.osds)
    if (o.deviceClass !== first.deviceClass || o.kind !== first.kind || !Object.is(o.sizeBytes, first.sizeBytes) || !Object.is(o.crushWeight, first.crushWeight)) return null;
  return first;
}

/**
 * Per host of the tree (tree.hosts order): one of its OSDs when they are all alike (device
 * class, kind, size and CRUSH weight), else null. A host's sums over its OSDs are then sums
 * of one term repeated (repeated-sum.ts addRepeated).
 */
export function uniformHosts(tree: CrushTree): (CrushOsd | null)[] {
  return tree.hosts.map(uniformOf);
}

/** The OSDs a rule takes: every OSD, or those of its device class (the shadow root default~<class>). */
export function osdsOfClass(tree: CrushTree, deviceClass: string | undefined): CrushOsd[] {
  return deviceClass === undefined ? tree.osds : tree.osds.filter((o) => o.deviceClass === deviceClass);
}

/** Per-host raw bytes and OSD counts of a set of OSDs, in host order (the shape failureDomains() groups). */
export function hostRawOf(osds: readonly CrushOsd[]): HostRaw[] {
  const out: HostRaw[] = [];
  const byHost = new Map<string, HostRaw>(); // O(OSDs), not a scan of the hosts per new host
  let last: HostRaw | undefined; // a host's OSDs are consecutive: the Map is read once per host
  for (const o of osds) {
    const h = last !== undefined && last.host === o.host ? last : byHost.get(o.host);
    if (h) {
      h.rawBytes += o.sizeBytes;
      h.osdCount += 1;
      last = h;
    } else {
      const x = { host: o.host, rack: o.rack, rawBytes: o.sizeBytes, osdCount: 1 };
      byHost.set(o.host, x);
      out.push(x);
      last = x;
    }
  }
  return out;
}
