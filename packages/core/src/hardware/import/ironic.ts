/**
 * Ironic introspection data -> HardwareFacts. Three shapes are accepted:
 *
 *   - `GET /v1/nodes/{node}/inventory` (Ironic API): `{inventory, plugin_data}`;
 *   - the legacy ironic-inspector data (`GET /v1/introspection/{node}/data`): `{inventory,
 *     cpus, memory_mb, local_gb, ...}` with processed keys at the top;
 *   - an IPA inventory alone: `{cpu, memory, disks, interfaces, ...}`.
 *
 * Semantics, from ironic-python-agent (`ironic_python_agent/hardware.py`, and the inventory
 * format in `doc/source/admin/how_it_works.rst`):
 *   - `cpu.count` is the number of logical CPUs (threads), not cores; `cpu.socket_count`
 *     (newer IPA) the sockets; `cpu.flags` the /proc/cpuinfo flags (vmx: VT-x, svm: AMD-V).
 *     Cores are not reported: the CPU catalogue fills them in from `cpu.model_name`.
 *   - `memory.physical_mb` is the installed memory in MiB; `memory.total` is what the
 *     kernel sees (bytes, less than installed) and is not used.
 *   - `disks[].size` is bytes; `rotational: false` alone does not mean NVMe (RAID virtual
 *     disks report it too): NVMe is `/dev/nvme*` or `tran: nvme`.
 *   - `interfaces[].speed_mbps` is the card's maximum speed in Mbit/s, not the negotiated one.
 *   - ECC is not in the default inventory: only the optional `dmi-decode` collector adds
 *     `dmi.memory["Error Correction Type"]` (DMI type 16; ironic_python_agent/dmi_inspector.py),
 *     under `plugin_data` (Ironic API) or at the top (legacy inspector).
 */
import { emptyFacts, known, unknown, type DiskFacts, type Fact, type HardwareFacts, type NicFacts } from '../../model/hardware-facts.js';
import { diskKind, eccFromType, guestFromFlags, isObj, num, posInt, str, virtualizationFromFlags, type Obj } from './common.js';

/** True when a parsed JSON value looks like Ironic introspection data or an IPA inventory. */
export function looksLikeIronic(v: unknown): boolean {
  if (!isObj(v)) return false;
  if (isObj(v.inventory)) return true;
  return isObj(v.cpu) && (isObj(v.memory) || Array.isArray(v.interfaces) || Array.isArray(v.disks));
}

/**
 * Facts of one Ironic node. Fields the data does not carry are unknown, with the evidence of
 * where they were looked for.
 * @param v the parsed JSON (see looksLikeIronic)
 * @param file the file name used in evidence
 */
export function ironicFacts(v: Obj, file: string): HardwareFacts {
  const nested = isObj(v.inventory);
  const inv: Obj = nested ? (v.inventory as Obj) : v;
  const pre = nested ? 'inventory.' : '';
  const plugin: Obj | undefined = isObj(v.plugin_data) ? v.plugin_data : nested ? v : undefined;
  const pluginPre = isObj(v.plugin_data) ? 'plugin_data.' : '';
  const at = (path: string): string => `${file}: ${path}`;

  const facts = emptyFacts({ kind: 'inventory', file, format: 'ironic' }, (what) => `${file}: no ${what} in the inventory`);

  const vendor = isObj(inv.system_vendor) ? inv.system_vendor : undefined;
  if (vendor && str(vendor.manufacturer)) facts.system.manufacturer = known(str(vendor.manufacturer)!, at(`${pre}system_vendor.manufacturer`));
  if (vendor && str(vendor.product_name)) facts.system.product = known(str(vendor.product_name)!, at(`${pre}system_vendor.product_name`));

  const cpu = isObj(inv.cpu) ? inv.cpu : undefined;
  if (cpu) {
    if (str(cpu.model_name)) facts.cpu.model = known(str(cpu.model_name)!, at(`${pre}cpu.model_name`));
    else facts.cpu.model = unknown(at(`${pre}cpu.model_name is missing`));
    const count = posInt(cpu.count) ?? (plugin ? posInt(plugin.cpus) : undefined);
    if (posInt(cpu.count) !== undefined) facts.cpu.logicalCpus = known(count!, at(`${pre}cpu.count (logical CPUs)`));
    else if (count !== undefined) facts.cpu.logicalCpus = known(count, at(`${pluginPre}cpus (logical CPUs)`));
    if (posInt(cpu.socket_count) !== undefined) facts.cpu.sockets = known(posInt(cpu.socket_count)!, at(`${pre}cpu.socket_count`));
    else facts.cpu.sockets = unknown(at(`${pre}cpu has no socket_count (older IPA)`));
    const why = at(`${pre}cpu: IPA reports logical CPUs (count) and the model, not cores`);
    facts.cpu.coresPerSocket = unknown(why);
    facts.cpu.threadsPerCore = unknown(why);
    const flags = Array.isArray(cpu.flags) ? cpu.flags.filter((f): f is string => typeof f === 'string') : undefined;
    facts.cpu.virtualization = virtualizationFromFlags(flags, at(`${pre}cpu.flags`));
    facts.cpu.guest = guestFromFlags(flags, at(`${pre}cpu.flags`));
  }

  const memory = isObj(inv.memory) ? inv.memory : undefined;
  const physicalMb = memory ? num(memory.physical_mb) : undefined;
  const processedMb = plugin ? num(plugin.memory_mb) : undefined;
  if (physicalMb !== undefined && physicalMb > 0) {
    facts.memory.installedBytes = known(physicalMb * 2 ** 20, at(`${pre}memory.physical_mb (MiB)`));
  } else if (processedMb !== undefined && processedMb > 0) {
    facts.memory.installedBytes = known(processedMb * 2 ** 20, at(`${pluginPre}memory_mb (MiB, Ironic's processed value)`));
  } else if (memory) {
    facts.memory.installedBytes = unknown(at(`${pre}memory has no physical_mb (memory.total is what the kernel sees, not what is installed)`));
  }

  const dmi = plugin && isObj(plugin.dmi) ? plugin.dmi : undefined;
  const dmiMemory = dmi && isObj(dmi.memory) ? dmi.memory : undefined;
  const correction = dmiMemory ? str(dmiMemory['Error Correction Type']) : undefined;
  if (correction) {
    Object.assign(facts.memory, eccFromType(correction, at(`${pluginPre}dmi.memory["Error Correction Type"]`)));
  } else {
    const why = at(`no ${pluginPre}dmi data: ECC is collected only by the optional dmi-decode inspection collector`);
    facts.memory.ecc = unknown(why);
    facts.memory.eccType = unknown(why);
  }

  if (Array.isArray(inv.disks))
    facts.disks = known(
      inv.disks.map((d, i) => ironicDisk(d, at(`${pre}disks[${i}]`))),
      at(`${pre}disks`),
    );
  if (Array.isArray(inv.interfaces)) {
    facts.nics = known(
      inv.interfaces.map((n, i) => ironicNic(n, at(`${pre}interfaces[${i}]`))),
      at(`${pre}interfaces`),
    );
  }
  return facts;
}

function ironicDisk(d: unknown, at: string): DiskFacts {
  const o: Obj = isObj(d) ? d : {};
  const name = str(o.name) ?? '?';
  const size = num(o.size);
  const sizeBytes: Fact<number> = size !== undefined && size > 0 ? known(size, `${at}.size`) : unknown(`${at}: no size`);
  const kind = diskKind(
    {
      name,
      ...(str(o.tran) ? { tran: str(o.tran)! } : {}),
      ...(str(o.model) ? { model: str(o.model)! } : {}),
      ...(typeof o.rotational === 'boolean' ? { rotational: o.rotational } : {}),
    },
    at,
  );
  return { name, count: 1, sizeBytes, kind, use: unknown(`${at} (${name}): an inventory does not say what a disk is for`) };
}

function ironicNic(n: unknown, at: string): NicFacts {
  const o: Obj = isObj(n) ? n : {};
  const name = str(o.name) ?? '?';
  const mbps = num(o.speed_mbps);
  const speedBitsPerSecond: Fact<number> =
    mbps !== undefined && mbps > 0 ? known(mbps * 1e6, `${at}.speed_mbps (the card's maximum, Mbit/s)`) : unknown(`${at} (${name}): no speed_mbps`);
  return { name, ports: 1, speedBitsPerSecond };
}
