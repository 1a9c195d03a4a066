/**
 * cephadm in: a service spec file (`ceph orch ls --export`, or what `ceph orch apply -i`
 * takes: YAML documents separated by `---`) read for what the plan models: host specs, mon
 * and mgr placement, and OSD drive groups, whose filters are evaluated against the scenario's
 * disks the way Ceph does (filters.ts). Keys (service_spec.py, drive_group.py):
 * service_type, service_id, placement {hosts, label, host_pattern, count}, spec
 * {data_devices, db_devices, wal_devices, db_slots} (older files put the drive-group keys at
 * the top level: read too); device filters {rotational, size, model, vendor, all, paths}.
 * Host placement entries may carry a network (`host1:10.0.0.0/24=name`): the host is the part
 * before the colon.
 *
 * Codes: interop.yaml.syntax, cephadm.spec.invalid (a document that is not a mapping with a
 * service_type, a placement that is not a mapping), cephadm.size_filter.invalid (a size
 * filter SizeMatcher would reject), cephadm.filter.unevaluated (model, vendor, paths: not in
 * a scenario, a note).
 */
import { isMap, type Node } from 'yaml';
import type { Diagnostic } from '../../diagnostics/types.js';
import { expandHosts } from '../../fleet/hosts.js';
import type { Scenario } from '../../model/scenario.js';
import { diagLine, isObj, parseYamlStream, type Obj, type YamlText } from '../common.js';
import { diskMatches, parseSizeFilter, type DeviceFilter } from './filters.js';

export interface CephadmPlacement {
  hosts: string[];
  label?: string;
  hostPattern?: string;
  count?: number;
}

export interface CephadmService {
  serviceType: string;
  serviceId?: string;
  placement: CephadmPlacement;
  data?: DeviceFilter;
  db?: DeviceFilter;
  wal?: DeviceFilter;
  dbSlots?: number;
  /** 1-based line of the document's first line. */
  line: number;
}

export interface CephadmRead {
  hosts: { hostname: string; addr?: string; labels: string[] }[];
  services: CephadmService[];
  diagnostics: Diagnostic[];
}

function lineOf(y: YamlText, node: unknown): number {
  const r = (node as Node | undefined)?.range;
  return r ? y.lines.linePos(r[0]).line : 1;
}

function deviceFilter(v: unknown, file: string, line: number, diagnostics: Diagnostic[], what: string): DeviceFilter | undefined {
  if (!isObj(v)) return undefined;
  const f: DeviceFilter = { unevaluated: [] };
  if (v.rotational !== undefined) f.rotational = v.rotational === true || v.rotational === 1 || v.rotational === '1' || v.rotational === 'true';
  if (v.size !== undefined) {
    const parsed = parseSizeFilter(String(v.size));
    if (parsed) f.size = parsed;
    else
      diagnostics.push(
        diagLine(
          'cephadm.size_filter.invalid',
          'error',
          file,
          line,
          1,
          `${what}.size ${JSON.stringify(v.size)} is not a size filter Ceph reads`,
          "write low:high, low:, :high or an exact size, integers with M, G or T in upper case: '18T:19T'",
        ),
      );
  }
  if (v.all === true) f.all = true;
  for (const k of ['model', 'vendor', 'paths'] as const) {
    if (v[k] !== undefined) {
      f.unevaluated.push(k);
      if (k === 'model' && typeof v.model === 'string') f.model = v.model;
      if (k === 'vendor' && typeof v.vendor === 'string') f.vendor = v.vendor;
    }
  }
  if (f.unevaluated.length > 0)
    diagnostics.push(
      diagLine(
        'cephadm.filter.unevaluated',
        'info',
        file,
        line,
        1,
        `${what} filters on ${f.unevaluated.join(', ')}, which a scenario does not record: only rotational and size are checked`,
      ),
    );
  return f;
}

/** Reads a spec file. Never throws. */
export function readCephadmSpecs(text: string, file: string): CephadmRead {
  const diagnostics: Diagnostic[] = [];
  const out: CephadmRead = { hosts: [], services: [], diagnostics };
  const parsed = parseYamlStream(text, file);
  if (!parsed.ok) {
    diagnostics.push(parsed.diagnostic);
    return out;
  }
  for (const y of parsed.value) {
    if (y.doc.contents === null) continue;
    const line = lineOf(y, y.doc.contents);
    const v = y.doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!isObj(v) || typeof v.service_type !== 'string') {
      diagnostics.push(diagLine('cephadm.spec.invalid', 'error', file, line, 1, 'a document without service_type: not a cephadm service spec'));
      continue;
    }
    if (v.service_type === 'host') {
      if (typeof v.hostname !== 'string') {
        diagnostics.push(diagLine('cephadm.spec.invalid', 'error', file, line, 1, 'a host spec without hostname'));
        continue;
      }
      out.hosts.push({
        hostname: v.hostname,
        ...(typeof v.addr === 'string' ? { addr: v.addr } : {}),
        labels: Array.isArray(v.labels) ? v.labels.filter((l): l is string => typeof l === 'string') : [],
      });
      continue;
    }
    const p = v.placement;
    if (p !== undefined && !isObj(p)) {
      diagnostics.push(diagLine('cephadm.spec.invalid', 'error', file, line, 1, `${v.service_type}: placement is not a mapping`));
      continue;
    }
    const pl: Obj = isObj(p) ? p : {};
    const contents = y.doc.contents;
    const placementLine = isMap(contents) ? lineOf(y, contents.get('placement', true)) : line;
    const hosts = Array.isArray(pl.hosts) ? pl.hosts.filter((h): h is string => typeof h === 'string').map((h) => h.split(':')[0]!) : [];
    if (pl.hosts !== undefined && !Array.isArray(pl.hosts))
      diagnostics.push(diagLine('cephadm.spec.invalid', 'error', file, placementLine, 1, `${v.service_type}: placement.hosts is not a list`));
    const placement: CephadmPlacement = {
      hosts,
      ...(typeof pl.label === 'string' ? { label: pl.label } : {}),
      ...(typeof pl.host_pattern === 'string' ? { hostPattern: pl.host_pattern } : {}),
      ...(typeof pl.count === 'number' ? { count: pl.count } : {}),
    };
    const service: CephadmService = { serviceType: v.service_type, ...(typeof v.service_id === 'string' ? { serviceId: v.service_id } : {}), placement, line };
    if (v.service_type === 'osd') {
      const spec: Obj = isObj(v.spec) ? v.spec : v;
      const specNode = isMap(contents) ? (contents.get('spec', true) as Node | undefined) : undefined;
      const at = (k: string) => (specNode && isMap(specNode) ? lineOf(y, specNode.get(k, true)) : line);
      const data = deviceFilter(spec.data_devices, file, at('data_devices'), diagnostics, 'data_devices');
      const db = deviceFilter(spec.db_devices, file, at('db_devices'), diagnostics, 'db_devices');
      const wal = deviceFilter(spec.wal_devices, file, at('wal_devices'), diagnostics, 'wal_devices');
      if (data) service.data = data;
      if (db) service.db = db;
      if (wal) service.wal = wal;
      if (typeof spec.db_slots === 'number') service.dbSlots = spec.db_slots;
      if (!data) diagnostics.push(diagLine('cephadm.spec.invalid', 'error', file, line, 1, `osd spec ${service.serviceId ?? ''}: no data_devices`.replace('  ', ' ')));
    }
    out.services.push(service);
  }
  return out;
}

/** A host matches a placement: listed, labelled (host specs), or matched by host_pattern (fnmatch `*` and `?`). */
export function placementHas(p: CephadmPlacement, host: string, labels: readonly string[]): boolean {
  if (p.hosts.includes(host)) return true;
  if (p.label !== undefined && labels.includes(p.label)) return true;
  if (p.hostPattern !== undefined) {
    const re = new RegExp(
      `^${p.hostPattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return re.test(host);
  }
  return false;
}

/** Per storage host of the scenario: the OSDs it plans, and the OSDs the specs would create on its disks. */
export interface OsdCount {
  host: string;
  hardware: string;
  planned: number;
  fromSpecs: number;
  specs: string[];
}

/**
 * The OSDs the specs make on each storage host: the data disks of its hardware model that a
 * placing spec's data_devices select (disks with `use: os` are in use: ceph-volume never
 * takes them). Several specs on one host: the first takes the disks (cephadm applies them in
 * order; a disk in use is skipped).
 */
export function osdCounts(read: CephadmRead, scenario: Scenario): OsdCount[] {
  const labels = new Map(read.hosts.map((h) => [h.hostname, h.labels]));
  const out: OsdCount[] = [];
  for (const h of expandHosts(scenario).hosts) {
    if (h.role !== 'storage') continue;
    const hw = scenario.hardware[h.hardware];
    if (!hw) continue;
    const planned = hw.disks.filter((d) => d.use === 'osd').reduce((s, d) => s + d.count, 0);
    const taken = new Set<number>();
    let fromSpecs = 0;
    const specs: string[] = [];
    for (const s of read.services) {
      if (s.serviceType !== 'osd' || !s.data || !placementHas(s.placement, h.name, labels.get(h.name) ?? [])) continue;
      specs.push(s.serviceId ?? 'osd');
      hw.disks.forEach((d, i) => {
        if (d.use === 'os' || taken.has(i) || !diskMatches(s.data!, d)) return;
        taken.add(i);
        fromSpecs += d.count;
      });
    }
    out.push({ host: h.name, hardware: h.hardware, planned, fromSpecs, specs });
  }
  return out;
}
