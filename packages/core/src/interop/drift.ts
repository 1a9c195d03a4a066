/**
 * Drift: what the running sources say that the scenario does not. Each source is read by its
 * importer (Kolla-Ansible inventory and globals.yml, NetBox, cephadm specs) and compared with
 * the scenario's hosts as the plan names and places them (fleet/hosts.ts, racks/elevation.ts):
 *
 *   drift.host.missing    a scenario host the source does not have
 *   drift.host.extra      a host of the source that the scenario does not plan
 *   drift.host.role       a host whose role differs (Kolla group, NetBox device role)
 *   drift.host.rack       a host in another rack (NetBox rack, Kolla headroom_rack)
 *   drift.host.position   a host at another rack unit (NetBox position vs the elevation)
 *   drift.rack.missing / drift.rack.extra / drift.rack.height   NetBox racks vs the scenario's
 *   drift.osd.count       the OSDs the cephadm specs make on a storage host differ from the plan
 *   drift.interface       a Kolla interface variable that is not the interface the network section gives
 * Devices in status planned (NetBox) are purchases and are not compared. All warnings: the
 * scenario may be ahead of the cloud (a plan) or behind it (drift). Pure.
 */
import type { Finding } from '../diagnostics/types.js';
import { expandHosts } from '../fleet/hosts.js';
import type { PlanResult } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { osdCounts, type CephadmRead } from './cephadm/import.js';
import type { KollaImport } from './kolla/import.js';
import type { NetboxRead } from './netbox/import.js';

export interface DriftSources {
  kolla?: { read: KollaImport; file: string };
  netbox?: { read: NetboxRead; file: string };
  cephadm?: { read: CephadmRead; file: string };
}

const SOURCE = {
  kolla: 'Kolla-Ansible inventory (host groups control, compute, storage, deployment)',
  netbox: 'NetBox devices and racks (status planned excluded)',
  cephadm: "cephadm OSD specs evaluated on the scenario's disks (ceph-volume sizes, SizeMatcher)",
} as const;

/** Drift findings of every source given. */
export function driftFindings(scenario: Scenario, plan: Pick<PlanResult, 'racks'>, sources: DriftSources): Finding[] {
  const findings: Finding[] = [];
  const hosts = expandHosts(scenario).hosts;
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const unit = new Map((plan.racks ?? []).flatMap((r) => r.units.filter((u) => !u.purchased).map((u) => [u.host, { rack: r.name, bottomRu: u.bottomRu }] as const)));
  const add = (code: string, subject: string, message: string, source: string) => findings.push({ code, severity: 'warning', subject, message, source });

  if (sources.kolla) {
    const { read, file } = sources.kolla;
    const seen = new Set<string>();
    for (const h of read.hosts) {
      if (!h.role) continue;
      seen.add(h.name);
      const planned = byName.get(h.name);
      if (!planned) add('drift.host.extra', `host ${h.name}`, `${file} lists ${h.name} (${h.role}), which the scenario does not plan`, SOURCE.kolla);
      else if (planned.role !== h.role) add('drift.host.role', `host ${h.name}`, `${h.name} is ${h.role} in ${file}, ${planned.role} in the scenario`, SOURCE.kolla);
    }
    for (const g of read.groups)
      for (const x of g.hosts) {
        const planned = byName.get(x.name);
        if (planned && x.rack !== undefined && x.rack !== planned.rack)
          add('drift.host.rack', `host ${x.name}`, `${x.name} is in rack ${x.rack} in ${file} (headroom_rack), the plan places it in ${planned.rack}`, SOURCE.kolla);
      }
    for (const h of hosts)
      if (!seen.has(h.name) && h.role !== 'deploy') add('drift.host.missing', `host ${h.name}`, `${h.name} (${h.role}) is planned but not in ${file}`, SOURCE.kolla);
    for (const d of read.diagnostics.filter((x) => x.code === 'kolla.interface_mismatch')) add('drift.interface', `${d.location.file}:${d.location.line}`, d.message, SOURCE.kolla);
  }

  if (sources.netbox) {
    const { read, file } = sources.netbox;
    const devices = read.devices.filter((d) => d.status !== 'planned');
    const seen = new Set<string>();
    for (const d of devices) {
      const planned = byName.get(d.name);
      const role = d.role?.toLowerCase();
      if (!planned) {
        if (role === 'control' || role === 'compute' || role === 'storage' || role === 'deploy')
          add('drift.host.extra', `host ${d.name}`, `NetBox (${file}) has ${d.name} (${role}), which the scenario does not plan`, SOURCE.netbox);
        continue;
      }
      seen.add(d.name);
      if (role !== planned.role) add('drift.host.role', `host ${d.name}`, `${d.name} has role ${d.role ?? '(none)'} in NetBox, ${planned.role} in the scenario`, SOURCE.netbox);
      const u = unit.get(d.name);
      if (d.rack !== undefined && d.rack !== planned.rack)
        add('drift.host.rack', `host ${d.name}`, `${d.name} is in rack ${d.rack} in NetBox, the plan places it in ${planned.rack}`, SOURCE.netbox);
      else if (u && d.position !== undefined && d.position !== u.bottomRu)
        add('drift.host.position', `host ${d.name}`, `${d.name} sits at U${d.position} of ${d.rack} in NetBox, the rack elevation puts it at U${u.bottomRu}`, SOURCE.netbox);
    }
    for (const h of hosts)
      if (!seen.has(h.name))
        add('drift.host.missing', `host ${h.name}`, `${h.name} (${h.role}) is planned but NetBox (${file}) has no such device (or only a planned one)`, SOURCE.netbox);
    const racks = read.racks.filter((r) => r.status !== 'planned');
    for (const r of racks) {
      const s = scenario.racks.find((x) => x.name === r.name);
      if (!s) add('drift.rack.extra', `rack ${r.name}`, `NetBox has rack ${r.name}, which the scenario does not define`, SOURCE.netbox);
      else if (r.heightRu !== undefined && r.heightRu !== s.heightRu)
        add('drift.rack.height', `rack ${r.name}`, `rack ${r.name} is ${r.heightRu} U in NetBox, ${s.heightRu} U in the scenario`, SOURCE.netbox);
    }
    for (const s of scenario.racks)
      if (!read.racks.some((r) => r.name === s.name)) add('drift.rack.missing', `rack ${s.name}`, `rack ${s.name} is in the scenario but not in NetBox (${file})`, SOURCE.netbox);
  }

  if (sources.cephadm) {
    const { read, file } = sources.cephadm;
    for (const c of osdCounts(read, scenario)) {
      if (c.planned !== c.fromSpecs) {
        findings.push({
          code: 'drift.osd.count',
          severity: 'warning',
          subject: `host ${c.host}`,
          message: `the specs in ${file} make ${c.fromSpecs} OSDs on ${c.host} (${c.hardware}), the plan counts ${c.planned}${c.specs.length === 0 ? ': no OSD spec places the host' : ` (specs ${c.specs.join(', ')})`}`,
          value: c.fromSpecs,
          limit: c.planned,
          unit: 'OSDs',
          source: SOURCE.cephadm,
        });
      }
    }
    const storage = new Set(hosts.filter((h) => h.role === 'storage').map((h) => h.name));
    for (const s of read.services.filter((x) => x.serviceType === 'osd'))
      for (const h of s.placement.hosts) {
        if (!storage.has(h))
          add(
            'drift.host.extra',
            `host ${h}`,
            `osd spec ${s.serviceId ?? ''} in ${file} places ${h}, which is not a storage host of the scenario`.replace('  ', ' '),
            SOURCE.cephadm,
          );
      }
  }
  return findings;
}
