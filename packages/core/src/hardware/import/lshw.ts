/**
 * `lshw -json` -> HardwareFacts. lshw prints one tree of nodes (`id`, `class`, `children`);
 * older versions print the root object, newer ones (B.02.19+ with -json) sometimes an
 * array of nodes at the top: both are accepted.
 *
 * Semantics (lshw's man page and its JSON output; src/core/dmi.cc, network.cc):
 *   - memory: the node(s) of class `memory` described "System Memory" hold the installed
 *     size (`size`, bytes, `units: bytes`); ECC is `configuration.errordetection`
 *     (`ecc`, `multi-bit-ecc`, `single-bit-ecc`, `parity`, `none`), from DMI type 16.
 *     Several "System Memory" arrays (one per socket) are summed.
 *   - CPU: each node of class `processor` that is not `disabled` is a populated socket;
 *     `product` is the model, `configuration.cores` / `threads` are per socket, and the
 *     `capabilities` are the CPU flags (vmx, svm, hypervisor).
 *   - disks: nodes of class `disk` with a `/dev/...` logical name and a `size` (bytes);
 *     CD/DVD drives are skipped. NVMe by `/dev/nvme*`.
 *   - network: nodes of class `network` with a logical name are interfaces (1 port each);
 *     `capacity` is the maximum speed and `size` the negotiated one, both bit/s.
 */
import type { DiskFacts, Fact, HardwareFacts, NicFacts } from '../../model/hardware-facts.js';
import { emptyFacts, joinEvidence, known, unknown } from '../../model/hardware-facts.js';
import { diskKind, eccFromType, guestFromFlags, isObj, num, posInt, str, virtualizationFromFlags, type Obj } from './common.js';

/** True when a parsed JSON value looks like lshw -json output (a node or an array of nodes). */
export function looksLikeLshw(v: unknown): boolean {
  const first = Array.isArray(v) ? v[0] : v;
  return isObj(first) && typeof first.class === 'string' && typeof first.id === 'string';
}

interface Located {
  node: Obj;
  /** JSON path of the node, for evidence: `children[0].children[1]`. */
  path: string;
}

function walk(nodes: readonly Located[], out: Located[]): void {
  for (const n of nodes) {
    out.push(n);
    if (Array.isArray(n.node.children)) {
      walk(
        n.node.children.filter(isObj).map((c, i) => ({ node: c, path: `${n.path}${n.path ? '.' : ''}children[${i}]` })),
        out,
      );
    }
  }
}

const logicalNames = (n: Obj): string[] => (Array.isArray(n.logicalname) ? n.logicalname : [n.logicalname]).filter((x): x is string => typeof x === 'string');

/**
 * Facts of the machine lshw describes.
 * @param v parsed `lshw -json` (see looksLikeLshw)
 * @param file the file name used in evidence
 */
export function lshwFacts(v: unknown, file: string): HardwareFacts {
  const roots: Located[] = (Array.isArray(v) ? v : [v]).filter(isObj).map((node, i) => ({ node, path: Array.isArray(v) ? `[${i}]` : '' }));
  const all: Located[] = [];
  walk(roots, all);
  const at = (l: Located, field: string): string => `${file}: ${l.path ? `${l.path}.` : ''}${field}`;
  const facts = emptyFacts({ kind: 'inventory', file, format: 'lshw' }, (what) => `${file}: lshw lists no ${what}`);

  const system = roots.find((r) => r.node.class === 'system');
  if (system && str(system.node.vendor)) facts.system.manufacturer = known(str(system.node.vendor)!, at(system, 'vendor'));
  if (system && str(system.node.product)) facts.system.product = known(str(system.node.product)!, at(system, 'product'));

  // Memory: "System Memory" nodes (lshw writes "System memory" on some systems).
  const memories = all.filter((l) => l.node.class === 'memory' && /^system memory$/i.test(str(l.node.description) ?? ''));
  const sizes = memories.map((l) => num(l.node.size));
  if (memories.length > 0 && sizes.every((s) => s !== undefined && s > 0)) {
    const total = sizes.reduce<number>((s, x) => s + x!, 0);
    facts.memory.installedBytes = known(total, joinEvidence(memories.map((l) => at(l, 'size'))) + ' (System Memory, bytes)');
  } else if (memories.length > 0) {
    facts.memory.installedBytes = unknown(`${at(memories[0]!, 'size')}: no size on a System Memory node`);
  }
  const detections = memories
    .map((l) => ({ l, value: isObj(l.node.configuration) ? str(l.node.configuration.errordetection) : undefined }))
    .filter((x): x is { l: Located; value: string } => x.value !== undefined);
  if (detections.length > 0) {
    // Several arrays: the weakest one decides (one array without ECC makes the server non-ECC).
    const parts = detections.map((d) => eccFromType(d.value, at(d.l, 'configuration.errordetection')));
    const noEcc = parts.find((p) => p.ecc.known && p.ecc.value === false);
    Object.assign(facts.memory, noEcc ?? parts.find((p) => !p.ecc.known) ?? parts[0]!);
  } else if (memories.length > 0) {
    const why = `${at(memories[0]!, 'configuration')}: no errordetection on the System Memory node (lshw found no DMI type 16 data; VMs have none)`;
    facts.memory.ecc = unknown(why);
    facts.memory.eccType = unknown(why);
  }

  // CPU: populated sockets.
  const cpus = all.filter((l) => l.node.class === 'processor' && l.node.disabled !== true && !/\[empty\]/i.test(str(l.node.description) ?? ''));
  if (cpus.length > 0) {
    const first = cpus[0]!;
    const where = joinEvidence(cpus.map((l) => at(l, 'class processor')));
    facts.cpu.sockets = known(cpus.length, `${where} (${cpus.length} populated)`);
    if (str(first.node.product)) facts.cpu.model = known(str(first.node.product)!, at(first, 'product'));
    const conf = isObj(first.node.configuration) ? first.node.configuration : {};
    const cores = posInt(conf.cores);
    const threads = posInt(conf.threads);
    facts.cpu.coresPerSocket = cores !== undefined ? known(cores, at(first, 'configuration.cores')) : unknown(`${at(first, 'configuration')}: no cores`);
    if (cores !== undefined && threads !== undefined && threads % cores === 0) {
      facts.cpu.threadsPerCore = known(threads / cores, `${at(first, 'configuration.threads')} / cores`);
      facts.cpu.logicalCpus = known(cpus.length * threads, `${where} × ${at(first, 'configuration.threads')}`);
    } else {
      facts.cpu.threadsPerCore = unknown(`${at(first, 'configuration')}: no threads`);
      facts.cpu.logicalCpus = unknown(`${at(first, 'configuration')}: no threads`);
    }
    const caps = isObj(first.node.capabilities) ? Object.keys(first.node.capabilities) : undefined;
    facts.cpu.virtualization = virtualizationFromFlags(caps, at(first, 'capabilities'));
    facts.cpu.guest = guestFromFlags(caps, at(first, 'capabilities'));
  }

  const disks = all.filter((l) => l.node.class === 'disk' && logicalNames(l.node).some((n) => n.startsWith('/dev/')) && !/cdrom|dvd/i.test(str(l.node.id) ?? ''));
  facts.disks = known(
    disks.map((l) => lshwDisk(l, at)),
    `${file}: nodes of class disk (${disks.length})`,
  );
  const nics = all.filter((l) => l.node.class === 'network' && logicalNames(l.node).length > 0);
  facts.nics = known(
    nics.map((l) => lshwNic(l, at)),
    `${file}: nodes of class network with a logical name (${nics.length})`,
  );
  return facts;
}

function lshwDisk(l: Located, at: (l: Located, field: string) => string): DiskFacts {
  const name = logicalNames(l.node).find((n) => n.startsWith('/dev/'))!;
  const size = num(l.node.size);
  const sizeBytes: Fact<number> = size !== undefined && size > 0 ? known(size, at(l, 'size')) : unknown(`${at(l, 'size')}: not given for ${name}`);
  const model = str(l.node.product) ?? str(l.node.description);
  const kind = diskKind({ name, ...(model ? { model } : {}) }, at(l, 'logicalname'));
  return { name, count: 1, sizeBytes, kind, use: unknown(`${at(l, 'logicalname')} (${name}): an inventory does not say what a disk is for`) };
}

function lshwNic(l: Located, at: (l: Located, field: string) => string): NicFacts {
  const name = logicalNames(l.node)[0]!;
  const capacity = num(l.node.capacity);
  const size = num(l.node.size);
  const speedBitsPerSecond: Fact<number> =
    capacity !== undefined && capacity > 0
      ? known(capacity, `${at(l, 'capacity')} (maximum, bit/s)`)
      : size !== undefined && size > 0
        ? known(size, `${at(l, 'size')} (negotiated, bit/s; no capacity given)`)
        : unknown(`${at(l, 'capacity')}: no capacity or size for ${name}`);
  return { name, ports: 1, speedBitsPerSecond };
}
