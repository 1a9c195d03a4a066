/**
 * cephadm out: the service specs `ceph orch apply -i` takes for the plan's Ceph hosts
 * (docs.ceph.com/en/latest/cephadm/services/, src/python-common/ceph/deployment/
 * service_spec.py and drive_group.py):
 *   host specs    `service_type: host`, hostname, addr (the management address, as the
 *                 netplan export gives it), labels (osd, mon, mgr; `_admin` on the first mon)
 *   mon, mgr      placement.hosts: the hosts the plan runs them on (control/ceph-daemons.ts:
 *                 the first `count` hosts of their role)
 *   osd           one spec per storage hardware model and OSD disk kind, placement.hosts its
 *                 hosts, spec.data_devices {rotational, size} selecting the `use: osd` disks,
 *                 spec.db_devices the `use: wal-db` flash disks with db_slots = OSD disks per
 *                 DB disk (rounded up), objectstore bluestore.
 * Size filters are in ceph-volume's units (filters.ts: a 20 TB drive is "18.19 TB" and needs
 * `18T:19T`). Hosts the procurement plan buys are listed in a comment, not as specs: cephadm
 * refuses placements on hosts it does not know yet.
 * Pure; the exporter checks its own filters select exactly the planned disks (findings).
 */
import { Document } from 'yaml';
import type { Finding } from '../../diagnostics/types.js';
import { cephDaemons, daemonHosts } from '../../control/ceph-daemons.js';
import { expandHosts } from '../../fleet/hosts.js';
import type { PlanResult } from '../../model/plan.js';
import type { DiskSpec, Scenario } from '../../model/scenario.js';
import { managementAddresses } from '../kolla/export.js';
import { diskMatches, parseSizeFilter, sizeFilterFor, type DeviceFilter } from './filters.js';

export interface CephadmOsdSpec {
  serviceId: string;
  hardware: string;
  hosts: string[];
  data: { rotational: boolean; size: string };
  db?: { rotational: boolean; size: string };
  dbSlots?: number;
  /** OSDs per host the spec makes: the data disks it selects. */
  osdsPerHost: number;
}

export interface CephadmExport {
  text: string;
  osdSpecs: CephadmOsdSpec[];
  /** Host name -> labels. */
  hosts: { hostname: string; addr?: string; labels: string[] }[];
  mon: string[];
  mgr: string[];
  /** Storage hosts the procurement plan buys (delivery month): listed in a comment. */
  purchased: { host: string; hardware: string; month: string }[];
  findings: Finding[];
}

const SOURCE = 'cephadm drive groups: src/python-common/ceph/deployment/drive_selection/matchers.py SizeMatcher; ceph-volume util/disk.py human_readable_size';

const filterOf = (f: { rotational: boolean; size: string }): DeviceFilter => ({ rotational: f.rotational, size: parseSizeFilter(f.size)!, unevaluated: [] });

/**
 * The specs of a scenario; `plan` (evaluate's result) adds the storage hosts it buys, in a comment.
 */
export function cephadmExport(scenario: Scenario, plan?: Pick<PlanResult, 'racks'>): CephadmExport {
  const findings: Finding[] = [];
  const hosts = expandHosts(scenario).hosts;
  const addresses = managementAddresses(scenario, hosts);
  const daemons = daemonHosts(cephDaemons(scenario), hosts);
  const storage = hosts.filter((h) => h.role === 'storage');
  const labels = new Map<string, string[]>();
  const label = (h: string, l: string) => labels.set(h, [...(labels.get(h) ?? []), l]);
  for (const h of storage) label(h.name, 'osd');
  daemons.mon.forEach((h, i) => {
    label(h, 'mon');
    if (i === 0) label(h, '_admin');
  });
  for (const h of daemons.mgr) label(h, 'mgr');
  const hostSpecs = hosts
    .filter((h) => labels.has(h.name))
    .map((h) => ({ hostname: h.name, ...(addresses.has(h.name) ? { addr: addresses.get(h.name)! } : {}), labels: labels.get(h.name)! }));

  const osdSpecs: CephadmOsdSpec[] = [];
  const models = [...new Set(storage.map((h) => h.hardware))];
  for (const key of models) {
    const hw = scenario.hardware[key];
    if (!hw) continue;
    const osdDisks = hw.disks.filter((d) => d.use === 'osd');
    const dbDisks = hw.disks.filter((d) => d.use === 'wal-db');
    const kinds = [...new Set(osdDisks.map((d) => d.kind))];
    for (const kind of kinds) {
      const data = osdDisks.filter((d) => d.kind === kind);
      const count = data.reduce((s, d) => s + d.count, 0);
      const sizes = [...new Set(data.map((d) => d.sizeBytes))];
      const spec: CephadmOsdSpec = {
        serviceId: kinds.length > 1 ? `headroom-${key}-${kind}` : `headroom-${key}`,
        hardware: key,
        hosts: storage.filter((h) => h.hardware === key).map((h) => h.name),
        data: {
          rotational: kind === 'hdd',
          size: sizes.length === 1 ? sizeFilterFor(sizes[0]!) : `${sizeFilterFor(Math.min(...sizes)).split(':')[0]}:${sizeFilterFor(Math.max(...sizes)).split(':')[1]}`,
        },
        osdsPerHost: count,
      };
      // flash DB/WAL only in front of slower OSDs (HDD behind NVMe or SSD)
      const dbCount = dbDisks.reduce((s, d) => s + d.count, 0);
      if (kind === 'hdd' && dbCount > 0) {
        const dbSizes = [...new Set(dbDisks.map((d) => d.sizeBytes))];
        spec.db = {
          rotational: false,
          size: dbSizes.length === 1 ? sizeFilterFor(dbSizes[0]!) : `${sizeFilterFor(Math.min(...dbSizes)).split(':')[0]}:${sizeFilterFor(Math.max(...dbSizes)).split(':')[1]}`,
        };
        spec.dbSlots = Math.ceil(count / dbCount);
      }
      // self-check: the filters select exactly the disks they are meant for, among every disk of the model
      const selected = (f: { rotational: boolean; size: string }) => hw.disks.filter((d: DiskSpec) => diskMatches(filterOf(f), d));
      const stray = (f: { rotational: boolean; size: string }, meant: readonly DiskSpec[]) => selected(f).filter((d) => !meant.includes(d));
      for (const [what, f, meant] of [['data_devices', spec.data, data], ...(spec.db ? [['db_devices', spec.db, dbDisks] as const] : [])] as const) {
        const extra = stray(f, meant);
        if (extra.length > 0) {
          findings.push({
            code: 'cephadm.filter.ambiguous',
            severity: 'warning',
            subject: `osd spec ${spec.serviceId} ${what}`,
            message: `the filter rotational ${f.rotational ? 1 : 0}, size ${f.size} also selects ${extra.map((d) => `${d.count} x ${d.kind} ${d.use}`).join(', ')} of ${key}: ceph-volume skips disks in use, add a model filter if they are free`,
            source: SOURCE,
          });
        }
      }
      osdSpecs.push(spec);
    }
  }

  const purchased = (plan?.racks ?? [])
    .flatMap((r) => r.units)
    .filter((u) => u.purchased && u.role === 'storage')
    .map((u) => ({ host: u.host, hardware: u.hardware, month: u.inServiceMonth }));
  const docs: Record<string, unknown>[] = [
    ...hostSpecs.map((h) => ({ service_type: 'host', hostname: h.hostname, ...(h.addr ? { addr: h.addr } : {}), labels: h.labels })),
    ...(daemons.mon.length > 0 ? [{ service_type: 'mon', placement: { hosts: daemons.mon } }] : []),
    ...(daemons.mgr.length > 0 ? [{ service_type: 'mgr', placement: { hosts: daemons.mgr } }] : []),
    ...osdSpecs.map((s) => ({
      service_type: 'osd',
      service_id: s.serviceId,
      placement: { hosts: s.hosts },
      spec: {
        data_devices: { rotational: s.data.rotational ? 1 : 0, size: s.data.size },
        ...(s.db ? { db_devices: { rotational: s.db.rotational ? 1 : 0, size: s.db.size }, db_slots: s.dbSlots } : {}),
        objectstore: 'bluestore',
      },
    })),
  ];
  const header = [
    ` cephadm service specs for the headroom plan "${scenario.name.replace(/\n/g, ' ')}" (written by headroom).`,
    ' Apply: ceph orch apply -i <this file> --dry-run, then without --dry-run.',
    ' Sizes are in ceph-volume\'s units: it prints size / 1024^n labelled "TB", which the size filter reads as 10^12',
    ' (a 20 TB drive is "18.19 TB" and needs 18T:19T).',
    ...osdSpecs.map((s) => ` ${s.serviceId}: ${s.osdsPerHost} OSDs per host${s.dbSlots ? `, ${s.dbSlots} OSDs per DB device` : ''} on ${s.hosts.length} hosts`),
    ...(purchased.length > 0
      ? [
          ' Storage hosts the plan buys (add a host spec and their names to the osd placement when delivered):',
          ...purchased.map((p) => `   ${p.host} (${p.hardware}) in service ${p.month}`),
        ]
      : []),
  ];
  const text = docs
    .map((d, i) => {
      const doc = new Document(d);
      if (i === 0) doc.commentBefore = header.join('\n');
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
  return { text, osdSpecs, hosts: hostSpecs, mon: daemons.mon, mgr: daemons.mgr, purchased, findings };
}
