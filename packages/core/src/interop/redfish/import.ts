/**
 * Redfish in: one server's inventory from its BMC (iDRAC, iLO, XCC, OpenBMC), as the
 * ComputerSystem resource with its collections expanded (`GET /redfish/v1/Systems/<id>?
 * $expand=.($levels=2)`, DSP0266 "Query parameters", or `expandRedfishSystem` on a mockup's
 * resources) -> HardwareFacts, so `hw check` runs on what the controller reports.
 *
 * Fields (DMTF Redfish schemas, DSP8010):
 *   ComputerSystem  Manufacturer, Model, SystemType ("Physical" is not a guest),
 *                   ProcessorSummary {Count, CoreCount, LogicalProcessorCount, Model},
 *                   MemorySummary {TotalSystemMemoryGiB}
 *   Processor       ProcessorType (CPU; GPUs, FPGAs are not counted), Status.State ("Absent":
 *                   an empty socket), Model, Manufacturer / ProcessorId.VendorId, TotalCores,
 *                   TotalThreads
 *   Memory          CapacityMiB, ErrorCorrection (NoECC, SingleBitECC, MultiBitECC,
 *                   AddressParity), Status.State
 *   Storage         Drives[] {CapacityBytes, MediaType HDD/SSD, Protocol NVMe/SAS/SATA};
 *                   SimpleStorage Devices[] {CapacityBytes} (no media type: kind unknown)
 *   EthernetInterface  EthernetInterfaceType (Physical; Virtual ones are VLANs, not ports),
 *                   SpeedMbps (the current speed, Mbit/s), LinkStatus
 *   NetworkAdapter / Port  (under the Chassis; headroom's expansion puts them in
 *                   `NetworkAdapters` on the system) Ports {MaxSpeedGbps, else CurrentSpeedGbps,
 *                   LinkNetworkTechnology Ethernet}: used instead of EthernetInterfaces when
 *                   present (one NicFacts per port). A port linked at 1 Gbit/s on a 25 GbE
 *                   card without MaxSpeedGbps reads 1 Gbit/s: the BMC says no more.
 *   Bios            Attributes: the virtualization switch, by the names vendors give it
 *                   (BIOS_VIRTUALIZATION_ATTRIBUTES): "Enabled" -> VT-x or AMD-V by the CPU
 *                   vendor, "Disabled" -> none (the CPU has it, the firmware hides it: KVM
 *                   cannot start guests); absent -> unknown.
 * The per-processor and per-DIMM resources win over the summaries; a summary that disagrees
 * is a `redfish.inconsistent` warning (the DMTF mockup counts its FPGA in ProcessorSummary.Count).
 * Codes: redfish.inconsistent, redfish.not_expanded (a collection given only as a link).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { emptyFacts, known, unknown, type DiskFacts, type Fact, type HardwareFacts, type KnownVirtualization, type NicFacts } from '../../model/hardware-facts.js';
import type { DiskKind } from '../../model/scenario.js';
import { diagLine, isObj, lineCol, num, str, type Obj } from '../common.js';

/**
 * BIOS attributes that switch hardware virtualization, as vendors name them: Dell iDRAC and
 * HPE iLO `ProcVirtualization`; Lenovo XCC `Processors_IntelVirtualizationTechnology` and
 * `Processors_SVMMode`; AMI/Supermicro `IntelVirtualizationTechnology`, `SVMMode`, `VMXEnable`.
 */
export const BIOS_VIRTUALIZATION_ATTRIBUTES = [
  'ProcVirtualization',
  'Processors_IntelVirtualizationTechnology',
  'Processors_SVMMode',
  'IntelVirtualizationTechnology',
  'SVMMode',
  'VMXEnable',
] as const;

/** True when a parsed JSON document is a Redfish ComputerSystem. */
export function looksLikeRedfish(v: unknown): boolean {
  return isObj(v) && typeof v['@odata.type'] === 'string' && /^#ComputerSystem\./.test(v['@odata.type'] as string);
}

const state = (o: Obj): string | undefined => (isObj(o.Status) ? str(o.Status.State) : undefined);
const present = (o: Obj): boolean => state(o) !== 'Absent';

/** The members of an expanded collection link (`{"@odata.id": ..., "Members": [...]}`), or of an array. */
function members(v: unknown): Obj[] | undefined {
  if (Array.isArray(v)) return v.filter(isObj);
  if (isObj(v) && Array.isArray(v.Members)) return v.Members.filter(isObj);
  return undefined;
}

/** 1-based line:col of the first `"key"` in a JSON text, 1:1 when absent or no text. */
function keyPos(text: string | undefined, key: string): { line: number; col: number } {
  const i = text ? text.indexOf(`"${key}"`) : -1;
  return i < 0 || !text ? { line: 1, col: 1 } : lineCol(text, i);
}

/**
 * Facts of one expanded ComputerSystem.
 * @param text the document's text, when there is one: diagnostics point at the key they are about
 */
export function redfishFacts(sys: Obj, file: string, text?: string): { facts: HardwareFacts; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (p: string) => `${file}: ${p}`;
  const facts = emptyFacts({ kind: 'inventory', file, format: 'redfish' }, (what) => `${file}: no ${what} in the Redfish system`);
  const warn = (message: string, key: string) => {
    const pos = keyPos(text, key);
    diagnostics.push(diagLine('redfish.inconsistent', 'warning', file, pos.line, pos.col, message));
  };
  const notExpanded = (what: string) =>
    diagnostics.push(
      diagLine(
        'redfish.not_expanded',
        'warning',
        file,
        keyPos(text, what).line,
        keyPos(text, what).col,
        `${what} is a link without Members: the facts it holds are unknown`,
        'fetch the system with ?$expand=.($levels=2), or use `headroom redfish import` on the mockup folder',
      ),
    );

  if (str(sys.Manufacturer)) facts.system.manufacturer = known(str(sys.Manufacturer)!, at('Manufacturer'));
  if (str(sys.Model)) facts.system.product = known(str(sys.Model)!, at('Model'));
  const type = str(sys.SystemType);
  if (type === 'Physical') facts.cpu.guest = known(false, at('SystemType Physical'));
  else if (type === 'Virtual') facts.cpu.guest = known(true, at('SystemType Virtual'));

  // CPUs
  const summary = isObj(sys.ProcessorSummary) ? sys.ProcessorSummary : undefined;
  const procs = members(sys.Processors);
  if (sys.Processors !== undefined && !procs) notExpanded('Processors');
  const cpus = (procs ?? []).filter((p) => (str(p.ProcessorType) ?? 'CPU') === 'CPU' && present(p));
  let vendor: string | undefined;
  if (cpus.length > 0) {
    const i0 = (procs ?? []).indexOf(cpus[0]!);
    facts.cpu.sockets = known(cpus.length, at(`Processors.Members (${cpus.length} CPU${cpus.length > 1 ? 's' : ''} present)`));
    if (str(cpus[0]!.Model)) facts.cpu.model = known(str(cpus[0]!.Model)!, at(`Processors.Members[${i0}].Model`));
    vendor = (isObj(cpus[0]!.ProcessorId) ? str(cpus[0]!.ProcessorId.VendorId) : undefined) ?? str(cpus[0]!.Manufacturer);
    const cores = cpus.map((c) => num(c.TotalCores));
    const threads = cpus.map((c) => num(c.TotalThreads));
    if (cores.every((c) => c !== undefined && c > 0) && new Set(cores).size === 1) facts.cpu.coresPerSocket = known(cores[0]!, at(`Processors.Members[${i0}].TotalCores`));
    if (threads.every((t) => t !== undefined && t > 0)) {
      const total = threads.reduce((s, t) => s! + t!, 0)!;
      facts.cpu.logicalCpus = known(total, at('Processors.Members[].TotalThreads (summed)'));
      if (facts.cpu.coresPerSocket.known && threads[0]! % cores[0]! === 0)
        facts.cpu.threadsPerCore = known(threads[0]! / cores[0]!, at(`Processors.Members[${i0}].TotalThreads / TotalCores`));
    }
    if (summary && num(summary.LogicalProcessorCount) !== undefined && facts.cpu.logicalCpus.known && num(summary.LogicalProcessorCount) !== facts.cpu.logicalCpus.value) {
      warn(
        `ProcessorSummary.LogicalProcessorCount ${num(summary.LogicalProcessorCount)} differs from the processors' TotalThreads (${facts.cpu.logicalCpus.value}): the processors are used`,
        'LogicalProcessorCount',
      );
    }
    if (summary && num(summary.Count) !== undefined && num(summary.Count) !== cpus.length) {
      warn(
        `ProcessorSummary.Count ${num(summary.Count)} is not the ${cpus.length} CPU(s) present (it counts every processor: GPUs, FPGAs; or an empty socket): the CPUs present are used`,
        'ProcessorSummary',
      );
    }
  } else if (summary) {
    if (str(summary.Model)) facts.cpu.model = known(str(summary.Model)!, at('ProcessorSummary.Model'));
    if (num(summary.LogicalProcessorCount)) facts.cpu.logicalCpus = known(num(summary.LogicalProcessorCount)!, at('ProcessorSummary.LogicalProcessorCount'));
    facts.cpu.sockets = unknown(at('ProcessorSummary.Count counts every processor (GPUs, FPGAs): sockets need the Processors collection'));
  }

  // virtualization: the BIOS switch
  const attrs = isObj(sys.Bios) && isObj(sys.Bios.Attributes) ? sys.Bios.Attributes : undefined;
  if (sys.Bios !== undefined && !attrs) notExpanded('Bios');
  const name = attrs ? BIOS_VIRTUALIZATION_ATTRIBUTES.find((n) => attrs[n] !== undefined) : undefined;
  if (attrs && name) {
    const value = String(attrs[name]);
    const on = /^(enabled?|on|true|1)$/i.test(value);
    const off = /^(disabled?|off|false|0)$/i.test(value);
    const kind: KnownVirtualization | undefined = name.includes('SVM')
      ? 'amd-v'
      : /AMD/i.test(vendor ?? '')
        ? 'amd-v'
        : /Intel/i.test(vendor ?? '') || name.includes('Intel') || name.includes('VMX')
          ? 'vt-x'
          : undefined;
    if (off) facts.cpu.virtualization = known('none', at(`Bios.Attributes.${name} "${value}": virtualization is switched off in the firmware`));
    else if (on && kind) facts.cpu.virtualization = known(kind, at(`Bios.Attributes.${name} "${value}" (CPU vendor ${vendor ?? 'from the attribute name'})`));
    else facts.cpu.virtualization = unknown(at(`Bios.Attributes.${name} "${value}": neither enabled nor disabled, or the CPU vendor is unknown`));
  } else {
    facts.cpu.virtualization = unknown(attrs ? at(`Bios.Attributes has none of ${BIOS_VIRTUALIZATION_ATTRIBUTES.join(', ')}`) : at('no Bios attributes'));
  }

  // memory
  const dimms = members(sys.Memory);
  if (sys.Memory !== undefined && !dimms) notExpanded('Memory');
  const installed = (dimms ?? []).filter((d) => present(d) && num(d.CapacityMiB) !== undefined && num(d.CapacityMiB)! > 0);
  const totalGiB = isObj(sys.MemorySummary) ? num(sys.MemorySummary.TotalSystemMemoryGiB) : undefined;
  if (installed.length > 0) {
    const mib = installed.reduce((s, d) => s + num(d.CapacityMiB)!, 0);
    facts.memory.installedBytes = known(mib * 2 ** 20, at(`Memory.Members[].CapacityMiB (${installed.length} DIMMs, ${mib} MiB)`));
    if (totalGiB !== undefined && totalGiB * 1024 !== mib)
      warn(`MemorySummary.TotalSystemMemoryGiB ${totalGiB} differs from the DIMMs' ${mib} MiB: the DIMMs are used`, 'TotalSystemMemoryGiB');
    const kinds = [...new Set(installed.map((d) => str(d.ErrorCorrection)).filter((x): x is string => x !== undefined))];
    if (kinds.length === 1) {
      const k = kinds[0]!;
      const ev = at(`Memory.Members[].ErrorCorrection "${k}"`);
      facts.memory.eccType = known(k, ev);
      facts.memory.ecc = k === 'SingleBitECC' || k === 'MultiBitECC' ? known(true, ev) : k === 'NoECC' || k === 'AddressParity' ? known(false, ev) : unknown(`${ev}: does not say`);
    } else if (kinds.length > 1) {
      facts.memory.ecc = { known: false, conflicting: true, evidence: at(`Memory.Members[].ErrorCorrection: DIMMs disagree (${kinds.join(', ')})`) };
    } else facts.memory.ecc = unknown(at('Memory.Members[] have no ErrorCorrection'));
  } else if (totalGiB !== undefined && totalGiB > 0) {
    facts.memory.installedBytes = known(totalGiB * 2 ** 30, at('MemorySummary.TotalSystemMemoryGiB'));
    facts.memory.ecc = unknown(at('ECC is per DIMM (Memory.ErrorCorrection): no DIMMs in the document'));
  }

  // disks
  const disks: DiskFacts[] = [];
  let sawStorage = false;
  const storages = members(sys.Storage);
  if (sys.Storage !== undefined && !storages) notExpanded('Storage');
  (storages ?? []).forEach((s, si) => {
    sawStorage = true;
    const drives = Array.isArray(s.Drives) ? s.Drives.filter(isObj) : [];
    drives.forEach((d, di) => {
      if (!present(d)) return;
      const ev = at(`Storage.Members[${si}].Drives[${di}]`);
      const bytes = num(d.CapacityBytes);
      const protocol = str(d.Protocol);
      const media = str(d.MediaType);
      const kind: Fact<DiskKind> =
        protocol === 'NVMe'
          ? known('nvme', `${ev}.Protocol NVMe`)
          : media === 'HDD'
            ? known('hdd', `${ev}.MediaType HDD`)
            : media === 'SSD'
              ? known('ssd', `${ev}.MediaType SSD (${protocol ?? 'protocol not given'})`)
              : unknown(`${ev}: no MediaType or NVMe protocol`);
      disks.push({
        name: str(d.Name) ?? str(d.Id) ?? `drive ${di}`,
        count: 1,
        sizeBytes: bytes && bytes > 0 ? known(bytes, `${ev}.CapacityBytes`) : unknown(`${ev}: no CapacityBytes`),
        kind,
        use: unknown(`${ev}: a BMC does not say what a drive is for`),
      });
    });
  });
  const simple = members(sys.SimpleStorage);
  (simple ?? []).forEach((s, si) => {
    sawStorage = true;
    const devices = Array.isArray(s.Devices) ? s.Devices.filter(isObj) : [];
    devices.forEach((d, di) => {
      if (!present(d)) return;
      const ev = at(`SimpleStorage.Members[${si}].Devices[${di}]`);
      const bytes = num(d.CapacityBytes);
      disks.push({
        name: str(d.Name) ?? `device ${di}`,
        count: 1,
        sizeBytes: bytes && bytes > 0 ? known(bytes, `${ev}.CapacityBytes`) : unknown(`${ev}: no CapacityBytes`),
        kind: unknown(`${ev}: SimpleStorage gives no media type`),
        use: unknown(`${ev}: a BMC does not say what a drive is for`),
      });
    });
  });
  if (sawStorage) facts.disks = known(disks, at(storages ? 'Storage.Members[].Drives' : 'SimpleStorage.Members[].Devices'));

  // network ports: NetworkAdapters' Ports when the document has them, else EthernetInterfaces
  const adapters = members(sys.NetworkAdapters);
  const adapterPorts = (adapters ?? []).flatMap((a, ai) => (members(a.Ports) ?? []).map((p, pi) => ({ a, p, at: at(`NetworkAdapters.Members[${ai}].Ports.Members[${pi}]`) })));
  const nics = members(sys.EthernetInterfaces);
  if (sys.EthernetInterfaces !== undefined && !nics && adapterPorts.length === 0) notExpanded('EthernetInterfaces');
  if (adapterPorts.length > 0) {
    const ports = adapterPorts.filter(({ p }) => present(p) && (str(p.LinkNetworkTechnology) ?? 'Ethernet') === 'Ethernet');
    facts.nics = known(
      ports.map(({ a, p, at: ev }): NicFacts => {
        const max = num(p.MaxSpeedGbps);
        const cur = num(p.CurrentSpeedGbps);
        const speed: Fact<number> =
          max && max > 0
            ? known(max * 1e9, `${ev}.MaxSpeedGbps (the port's maximum, Gbit/s)`)
            : cur && cur > 0
              ? known(cur * 1e9, `${ev}.CurrentSpeedGbps (the negotiated speed, Gbit/s; no MaxSpeedGbps${str(a.Model) ? `; adapter "${str(a.Model)}"` : ''})`)
              : unknown(`${ev}: neither MaxSpeedGbps nor CurrentSpeedGbps`);
        return { name: `${str(a.Id) ?? 'adapter'}/${str(p.Id) ?? str(p.PortId) ?? '?'}`, ports: 1, speedBitsPerSecond: speed };
      }),
      at('NetworkAdapters.Members[].Ports (LinkNetworkTechnology Ethernet)'),
    );
  } else if (nics) {
    const typed = nics.some((n) => str(n.EthernetInterfaceType) !== undefined);
    const ports = nics.filter((n) => (typed ? str(n.EthernetInterfaceType) === 'Physical' : true) && present(n));
    facts.nics = known(
      ports.map((n): NicFacts => {
        const i = nics.indexOf(n);
        const mbps = num(n.SpeedMbps);
        const ev = at(`EthernetInterfaces.Members[${i}]`);
        return {
          name: str(n.Id) ?? str(n.Name) ?? `interface ${i}`,
          ports: 1,
          speedBitsPerSecond:
            mbps && mbps > 0 ? known(mbps * 1e6, `${ev}.SpeedMbps (the current speed, Mbit/s)`) : unknown(`${ev}: no SpeedMbps (link ${str(n.LinkStatus) ?? 'status unknown'})`),
        };
      }),
      at(`EthernetInterfaces.Members (${typed ? 'EthernetInterfaceType Physical' : 'all'})`),
    );
  }
  return { facts, diagnostics };
}

/**
 * A ComputerSystem with its links replaced by the resources they point to, from a set of
 * resources keyed by `@odata.id` (a mockup folder's index.json files): collections get their
 * `Members`, Bios its attributes, Storage its Drives. Undefined when `systemId` is not there.
 */
export function expandRedfishSystem(resources: ReadonlyMap<string, Obj>, systemPath: string): Obj | undefined {
  const norm = (p: string) => p.replace(/\/+$/, '');
  const get = (p: unknown): Obj | undefined => (isObj(p) && typeof p['@odata.id'] === 'string' ? resources.get(norm(p['@odata.id'])) : undefined);
  const sys = resources.get(norm(systemPath));
  if (!sys) return undefined;
  const out: Obj = { ...sys };
  const expandCollection = (key: string, inner?: (m: Obj) => Obj) => {
    const coll = get(sys[key]);
    if (!coll || !Array.isArray(coll.Members)) return;
    out[key] = {
      ...coll,
      Members: coll.Members.map((m) => get(m) ?? m)
        .filter(isObj)
        .map((m) => (inner ? inner(m) : m)),
    };
  };
  expandCollection('Processors');
  expandCollection('Memory');
  expandCollection('EthernetInterfaces');
  expandCollection('SimpleStorage');
  expandCollection('Storage', (s) => ({ ...s, ...(Array.isArray(s.Drives) ? { Drives: s.Drives.map((d) => get(d) ?? d) } : {}) }));
  const bios = get(sys.Bios);
  if (bios) out.Bios = bios;
  // NetworkAdapters live under the Chassis (Links.Chassis): headroom puts them on the system
  const chassis = isObj(sys.Links) && Array.isArray(sys.Links.Chassis) ? sys.Links.Chassis.map(get).filter((c): c is Obj => c !== undefined) : [];
  const adapters = chassis.flatMap((c) => {
    const coll = get(c.NetworkAdapters);
    return coll && Array.isArray(coll.Members) ? coll.Members.map((m) => get(m)).filter((m): m is Obj => m !== undefined) : [];
  });
  if (adapters.length > 0) {
    out.NetworkAdapters = {
      Members: adapters.map((a) => {
        const ports = get(a.Ports);
        return ports && Array.isArray(ports.Members) ? { ...a, Ports: { ...ports, Members: ports.Members.map((m) => get(m) ?? m) } } : a;
      }),
    };
  }
  return out;
}
