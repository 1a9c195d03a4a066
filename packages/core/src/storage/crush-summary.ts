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
  // per host: its sums, and into the tree's and its class's as they come (tree order = host order)
  let rawBytes = 0;
  let crushWeight = 0;
  const byClass = new Map<string, CephCrushSummary['classes'][number]>();
  let last: CephCrushSummary['classes'][number] | undefined;
  const hostRows: CephCrushSummary['hosts'] = [];
  for (let j = 0; j < tree.hosts.length; j++) {
    const h = tree.hosts[j]!;
    const u = uniform[j];
    let hostRaw = 0;
    let hostWeight = 0;
    if (u) {
      const n = h.osds.length;
      hostRaw = addRepeated(0, u.sizeBytes, n);
      hostWeight = addRepeated(0, u.crushWeight, n);
      rawBytes = addRepeated(rawBytes, u.sizeBytes, n);
      crushWeight = addRepeated(crushWeight, u.crushWeight, n);
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
        const c = classEntry(byClass, last, o.deviceClass);
        c.osdCount += 1;
        c.rawBytes += o.sizeBytes;
        c.crushWeight += o.crushWeight;
        last = c;
      }
    }
    const row: CephCrushSummary['hosts'][number] = { name: h.name, rack: h.rack, osdCount: h.osds.length, rawBytes: hostRaw, crushWeight: hostWeight };
    if (h.zone !== undefined) row.zone = h.zone;
    hostRows.push(row);
  }
  // hosts by rack in one pass, tree order kept within a rack; the rack's OSDs host by host
  const byRack = new Map<string, number[]>();
  for (const r of racks) byRack.set(r.name, []);
  tree.hosts.forEach((h, j) => {
    const list = byRack.get(h.rack);
    if (list) list.push(j);
    else byRack.set(h.rack, [j]);
  });
  const rackRows: CephCrushSummary['racks'] = [];
  for (const [name, hs] of byRack) {
    if (hs.length === 0) continue;
    let osdCount = 0;
    let raw = 0;
    for (const j of hs) {
      const h = tree.hosts[j]!;
      const u = uniform[j];
      osdCount += h.osds.length;
      if (u) raw = addRepeated(raw, u.sizeBytes, h.osds.length);
      else for (const o of h.osds) raw += o.sizeBytes;
    }
    const row: CephCrushSummary['racks'][number] = { name, hosts: hs.length, osdCount, rawBytes: raw };
    const zone = tree.hosts[hs[0]!]!.zone;
    if (zone !== undefined) row.zone = zone;
    rackRows.push(row);
  }
  return { osdCount: tree.osds.length, rawBytes, crushWeight, racks: rackRows, hosts: hostRows, classes: [...byClass.values()] };
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
