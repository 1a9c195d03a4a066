/**
 * The CRUSH tree summarised for the plan and the report: racks (with their zone), hosts and
 * device classes, with OSD counts, raw bytes and CRUSH weights (TiB).
 */
import type { Rack } from '../model/scenario.js';
import type { CephCrushSummary } from '../model/ceph-plan.js';
import type { CrushTree } from './crush.js';

/**
 * Sums of the tree: per rack (scenario rack order, racks without storage hosts left out,
 * racks not in the scenario last), per host (tree order), per device class (first
 * appearance). rawBytes = sum of OSD sizes; crushWeight = sum of OSD weights (TiB).
 */
export function crushSummary(tree: CrushTree, racks: readonly Rack[]): CephCrushSummary {
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
    let c = last !== undefined && last.deviceClass === o.deviceClass ? last : byClass.get(o.deviceClass);
    if (!c) {
      c = { deviceClass: o.deviceClass, osdCount: 0, rawBytes: 0, crushWeight: 0 };
      byClass.set(o.deviceClass, c);
    }
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
