/**
 * The CRUSH tree summarised for the plan and the report: racks (with their zone), hosts and
 * device classes, with OSD counts, raw bytes and CRUSH weights (TiB).
 */
import type { Rack } from '../model/scenario.js';
import type { CephCrushSummary } from '../model/ceph-plan.js';
import type { CrushOsd, CrushTree } from './crush.js';
import { addRepeated } from './repeated-sum.js';

/**
 * Sums of the tree: per rack (scenario rack order, racks without storage hosts left out,
 * racks not in the scenario last), per host (tree order), per device class (first
 * appearance). rawBytes = sum of OSD sizes; crushWeight = sum of OSD weights (TiB).
 * `uniform`: crush.ts uniformHosts(tree) of a regular tree (tree.osds = the hosts' OSDs in host
 * order, as buildCrushTree makes it), when the caller has it: a host of alike OSDs then adds
 * its OSDs as one repeated term (repeated-sum.ts addRepeated, the same sums in the same order).
 */
export function crushSummary(tree: CrushTree, racks: readonly Rack[], uniform?: readonly (CrushOsd | null)[]): CephCrushSummary {
  if (uniform) return summaryByHost(tree, racks, uniform);
  const sum = (xs: readonly { sizeBytes: number; crushWeight: number }[]) => ({
    rawBytes: xs.reduce((s, o) => s + o.sizeBytes, 0),
    crushWeight: xs.reduce((s, o) => s + o.crushWeight, 0),
  });
  // hosts by rack in one pass, tree order kept within a rack (the sums add in the same order)
  const byRack = new Map<string, CrushTree['hosts'][number][]>();
  for (const r of racks) byRack.set(r.name, []);
  for (const h of tree.hosts) {
    const list = byRack.get(h.rack);
    if (list) list.push(h);
    else byRack.set(h.rack, [h]);
  }
  const rackRows: CephCrushSummary['racks'] = [];
  for (const [name, hs] of byRack) {
    if (hs.length === 0) continue;
    // the rack's OSDs host by host, summed in that order (as a sum over hs.flatMap((h) => h.osds))
    let osdCount = 0;
    let rawBytes = 0;
    for (const h of hs)
      for (const o of h.osds) {
        osdCount += 1;
        rawBytes += o.sizeBytes;
      }
    const row: CephCrushSummary['racks'][number] = { name, hosts: hs.length, osdCount, rawBytes };
    const zone = hs[0]!.zone;
    if (zone !== undefined) row.zone = zone;
    rackRows.push(row);
  }
  // per class, summed OSD by OSD in tree order (first appearance order of the classes)
  const byClass = new Map<string, CephCrushSummary['classes'][number]>();
  let last: CephCrushSummary['classes'][number] | undefined;
  for (const o of tree.osds) {
    const c = classEntry(byClass, last, o.deviceClass);
    c.osdCount += 1;
    c.rawBytes += o.sizeBytes;
    c.crushWeight += o.crushWeight;
    last = c;
  }
  const classes = [...byClass.values()];
  return {
    osdCount: tree.osds.length,
    ...sum(tree.osds),
    racks: rackRows,
    hosts: tree.hosts.map((h) => {
      const row: CephCrushSummary['hosts'][number] = { name: h.name, rack: h.rack, osdCount: h.osds.length, ...sum(h.osds) };
      if (h.zone !== undefined) row.zone = h.zone;
      return row;
    }),
    classes,
  };
}

/** crushSummary of a regular tree, host by host (see crushSummary). */
function summaryByHost(tree: CrushTree, racks: readonly Rack[], uniform: readonly (CrushOsd | null)[]): CephCrushSummary {
  return summaryFrom(tree, racks, uniform).summary;
}

/**
 * The sums of summaryByHost over the first `hosts` hosts of a tree, as running totals (the tree's,
 * per device class, per rack: OSDs, raw bytes, CRUSH weight, in host order) and the host rows:
 * ceph-plan.ts CephCarry keeps them to extend the summary of the next tree of a growing fleet by
 * its new hosts only (the same additions in the same order). The rows of the summary are new
 * objects each time, but for the host rows: a host's row never changes, it is shared.
 */
export interface SummaryHosts {
  hosts: number;
  rawBytes: number;
  crushWeight: number;
  classes: Map<string, ClassRow>;
  lastClass: ClassRow | undefined;
  hostRows: CephCrushSummary['hosts'];
  /** Per rack name, in first-appearance order: its hosts, OSDs, raw bytes and the zone of its first host. */
  racks: Map<string, { hosts: number; osdCount: number; rawBytes: number; zone: string | undefined }>;
}

/**
 * summaryByHost continued from `from`, the SummaryHosts of a tree whose first from.hosts hosts are
 * this tree's (the same CrushHost objects, with their uniformHosts entries); `from` is extended in
 * place. Without it, from the first host. Returns the summary and its SummaryHosts.
 */
export function summaryFrom(
  tree: CrushTree,
  racks: readonly Rack[],
  uniform: readonly (CrushOsd | null)[],
  from?: SummaryHosts,
): { summary: CephCrushSummary; hosts: SummaryHosts } {
  const x: SummaryHosts = from ?? { hosts: 0, rawBytes: 0, crushWeight: 0, classes: new Map(), lastClass: undefined, hostRows: [], racks: new Map() };
  // per host: its sums, and into the tree's, its class's and its rack's as they come (tree order = host order)
  let { rawBytes, crushWeight, lastClass: last } = x;
  const byClass = x.classes;
  for (let j = x.hosts; j < tree.hosts.length; j++) {
    const h = tree.hosts[j]!;
    const u = uniform[j];
    let hostRaw = 0;
    let hostWeight = 0;
    let rack = x.racks.get(h.rack);
    if (!rack) {
      rack = { hosts: 0, osdCount: 0, rawBytes: 0, zone: h.zone };
      x.racks.set(h.rack, rack);
    }
    rack.hosts += 1;
    rack.osdCount += h.osds.length;
    if (u) {
      const n = h.osds.length;
      hostRaw = addRepeated(0, u.sizeBytes, n);
      hostWeight = addRepeated(0, u.crushWeight, n);
      rawBytes = addRepeated(rawBytes, u.sizeBytes, n);
      crushWeight = addRepeated(crushWeight, u.crushWeight, n);
      rack.rawBytes = addRepeated(rack.rawBytes, u.sizeBytes, n);
      const c = classEntry(byClass, last, u.deviceClass);
      c.osdCount += n;
      c.rawBytes = addRepeated(c.rawBytes, u.sizeBytes, n);
      c.crushWeight = addRepeated(c.crushWeight, u.crushWeight, n);
      last = c;
    } else {
      for (const o of h.osds) {
        hostRaw += o.sizeBytes;
        hostWeight += o.crushWeight;
        rawBytes += o.sizeBytes;
        crushWeight += o.crushWeight;
        rack.rawBytes += o.sizeBytes;
        const c = classEntry(byClass, last, o.deviceClass);
        c.osdCount += 1;
        c.rawBytes += o.sizeBytes;
        c.crushWeight += o.crushWeight;
        last = c;
      }
    }
    const row: CephCrushSummary['hosts'][number] = { name: h.name, rack: h.rack, osdCount: h.osds.length, rawBytes: hostRaw, crushWeight: hostWeight };
    if (h.zone !== undefined) row.zone = h.zone;
    x.hostRows.push(row);
  }
  x.hosts = tree.hosts.length;
  x.rawBytes = rawBytes;
  x.crushWeight = crushWeight;
  x.lastClass = last;
  // racks in scenario order (a name once, at its first place), then the others in first-appearance order
  const rackRows: CephCrushSummary['racks'] = [];
  const listed = new Set<string>();
  const rackRow = (name: string): void => {
    const r = x.racks.get(name);
    if (!r) return;
    const row: CephCrushSummary['racks'][number] = { name, hosts: r.hosts, osdCount: r.osdCount, rawBytes: r.rawBytes };
    if (r.zone !== undefined) row.zone = r.zone;
    rackRows.push(row);
  };
  for (const r of racks) {
    if (listed.has(r.name)) continue;
    listed.add(r.name);
    rackRow(r.name);
  }
  for (const name of x.racks.keys()) if (!listed.has(name)) rackRow(name);
  const classes = [...byClass.values()].map((c) => ({ deviceClass: c.deviceClass, osdCount: c.osdCount, rawBytes: c.rawBytes, crushWeight: c.crushWeight }));
  return { summary: { osdCount: tree.osds.length, rawBytes, crushWeight, racks: rackRows, hosts: x.hostRows.slice(), classes }, hosts: x };
}

type ClassRow = CephCrushSummary['classes'][number];

/** The row of `deviceClass` in `byClass` (added, zeroed, on first sight), `last` first: OSDs of a class come in runs. */
function classEntry(byClass: Map<string, ClassRow>, last: ClassRow | undefined, deviceClass: string): ClassRow {
  let c = last !== undefined && last.deviceClass === deviceClass ? last : byClass.get(deviceClass);
  if (!c) {
    c = { deviceClass, osdCount: 0, rawBytes: 0, crushWeight: 0 };
    byClass.set(deviceClass, c);
  }
  return c;
}
