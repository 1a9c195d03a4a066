/**
 * Role requirements checked against HardwareFacts: pass, fail or unknown, with the
 * evidence (the facts' evidence: a scenario path or an inventory file and field) and the
 * source of the requirement. Missing data is never a pass.
 *
 * Which disks are OSDs is known only from a scenario's `disks:` (`use: osd`); an inventory
 * does not say. The OSD checks then reason on bounds: a check passes when it holds even if
 * every disk of unknown use were an OSD, and is unknown otherwise.
 */
import { REQUIREMENT_DEFAULT_SOURCES } from '../model/requirements.js';
import type { Role, RoleRequirements } from '../model/scenario.js';
import type { CheckStatus, RoleCheck } from '../model/plan.js';
import { fmtGiB, fmtNumber, fmtPercent, fmtTB } from '../units/format.js';
import { physicalCoresFact, type DiskFacts, type Fact, type HardwareFacts, type NicFacts } from '../model/hardware-facts.js';
import { requirementSource, SOURCES } from './sources.js';

export type CheckCore = Pick<RoleCheck, 'requirement' | 'status' | 'expected' | 'actual' | 'evidence' | 'source'>;

const atLeast = (actual: number, min: number): CheckStatus => (actual >= min ? 'pass' : 'fail');

/** A line rate for people: 25e9 -> "25 Gbit/s", 1e8 -> "100 Mbit/s". */
export function fmtBitrate(bitsPerSecond: number): string {
  return bitsPerSecond >= 1e9 ? `${fmtNumber(bitsPerSecond / 1e9)} Gbit/s` : `${fmtNumber(bitsPerSecond / 1e6)} Mbit/s`;
}

/** The evidence of a check: a scenario model keeps its short paths (`hardware.x.cpu`), an inventory its fields. */
function evidence(facts: HardwareFacts, scenarioPath: string, ...from: Fact<unknown>[]): string {
  if (facts.source.kind === 'scenario') return `hardware.${facts.source.hardware}.${scenarioPath}`;
  return [...new Set(from.map((f) => f.evidence))].join('; ');
}

const unknownCheck = (requirement: string, expected: string, fact: Fact<unknown>, source: string, actual = 'unknown'): CheckCore => ({
  requirement,
  status: 'unknown',
  expected,
  actual,
  evidence: fact.evidence,
  source,
});

function disksText(disks: readonly DiskFacts[]): string {
  return disks
    .map((d) => {
      const size = d.sizeBytes.known ? fmtTB(d.sizeBytes.value) : 'size unknown';
      const kind = d.kind.known ? d.kind.value : 'kind unknown';
      return d.name.startsWith('/dev/') ? `${d.name} ${size} ${kind}` : `${d.count} × ${size} ${kind}`;
    })
    .join(', ');
}

/** OSDs among the disks: exact when every disk's use is known, else a range up to "all disks of unknown use". */
function osdRange(disks: readonly DiskFacts[]): { min: number; max: number; exact: boolean } {
  let min = 0;
  let open = 0;
  for (const d of disks) {
    if (!d.use.known) open += d.count;
    else if (d.use.value === 'osd') min += d.count;
  }
  return { min, max: min + open, exact: open === 0 };
}

function nicSpeedsText(nics: readonly NicFacts[]): string {
  const bySpeed = new Map<string, number>();
  for (const n of nics) {
    const key = n.speedBitsPerSecond.known ? fmtBitrate(n.speedBitsPerSecond.value) : 'speed unknown';
    bySpeed.set(key, (bySpeed.get(key) ?? 0) + n.ports);
  }
  return [...bySpeed].map(([speed, ports]) => `${ports} × ${speed}`).join(', ');
}

function checkVirtualization(facts: HardwareFacts): CheckCore {
  const v = facts.cpu.virtualization;
  const guest = facts.cpu.guest.known && facts.cpu.guest.value ? ' (a virtual machine: no nested virtualization exposed)' : '';
  const status: CheckStatus = !v.known ? 'unknown' : v.value === 'none' ? 'fail' : 'pass';
  const actual = !v.known ? 'unknown' : v.value === 'vt-x' ? 'vt-x (vmx)' : v.value === 'amd-v' ? 'amd-v (svm)' : `none${guest}`;
  return { requirement: 'requireVirtualization', status, expected: 'vt-x (vmx) or amd-v (svm)', actual, evidence: v.evidence, source: SOURCES.virtualization };
}

function checkEcc(facts: HardwareFacts): CheckCore {
  const { ecc, eccType } = facts.memory;
  const status: CheckStatus = !ecc.known ? 'unknown' : ecc.value ? 'pass' : 'fail';
  const type = eccType.known ? ` (${eccType.value})` : '';
  const actual = !ecc.known ? (eccType.known ? `unknown${type}` : 'unknown') : ecc.value ? `ECC${type}` : `non-ECC${type}`;
  return { requirement: 'requireEcc', status, expected: 'ECC memory', actual, evidence: ecc.evidence, source: SOURCES.ecc };
}

function checkNvmeDatabase(facts: HardwareFacts): CheckCore {
  const expected = 'a database disk of kind nvme';
  const source = SOURCES.nvmeDatabase;
  const result = (status: CheckStatus, actual: string, ev = evidence(facts, 'disks', facts.disks)): CheckCore => ({
    requirement: 'requireNvmeDatabase',
    status,
    expected,
    actual,
    evidence: ev,
    source,
  });
  if (!facts.disks.known) return unknownCheck('requireNvmeDatabase', expected, facts.disks, source);
  const disks = facts.disks.value;
  const db = disks.filter((d) => d.use.known && d.use.value === 'database');
  if (db.length > 0) {
    return result(db.some((d) => d.kind.known && d.kind.value === 'nvme') ? 'pass' : db.some((d) => !d.kind.known) ? 'unknown' : 'fail', disksText(db));
  }
  const open = disks.filter((d) => !d.use.known);
  if (open.length === 0) return result('fail', 'no database disk');
  const nvme = open.filter((d) => d.kind.known && d.kind.value === 'nvme');
  if (nvme.length > 0) return result('pass', `NVMe present: ${disksText(nvme)} (the inventory does not say which disk holds the database)`);
  return result(open.some((d) => !d.kind.known) ? 'unknown' : 'fail', `no NVMe device among ${disksText(open)}`, [...new Set(open.map((d) => d.kind.evidence))].join('; '));
}

function checkCores(role: Role, facts: HardwareFacts, min: number): CheckCore {
  const cores = physicalCoresFact(facts.cpu);
  const expected = `≥ ${fmtNumber(min)} physical cores`;
  const source = requirementSource(role, 'minPhysicalCores');
  if (!cores.known) return unknownCheck('minPhysicalCores', expected, cores, source);
  const { sockets, coresPerSocket } = facts.cpu;
  const detail = sockets.known && coresPerSocket.known ? ` (${sockets.value} × ${coresPerSocket.value})` : '';
  return {
    requirement: 'minPhysicalCores',
    status: atLeast(cores.value, min),
    expected,
    actual: `${fmtNumber(cores.value)} physical cores${detail}`,
    evidence: evidence(facts, 'cpu', cores),
    source,
  };
}

function checkMemory(role: Role, facts: HardwareFacts, min: number): CheckCore {
  const mem = facts.memory.installedBytes;
  const expected = `≥ ${fmtGiB(min)}`;
  const source = requirementSource(role, 'minMemoryBytes');
  if (!mem.known) return unknownCheck('minMemoryBytes', expected, mem, source);
  return { requirement: 'minMemoryBytes', status: atLeast(mem.value, min), expected, actual: fmtGiB(mem.value), evidence: evidence(facts, 'memory.size', mem), source };
}

function checkNicPorts(role: Role, facts: HardwareFacts, min: number): CheckCore {
  const expected = `≥ ${fmtNumber(min)} NIC ports`;
  const source = requirementSource(role, 'minNicPorts');
  if (!facts.nics.known) return unknownCheck('minNicPorts', expected, facts.nics, source);
  const ports = facts.nics.value.reduce((s, n) => s + n.ports, 0);
  return { requirement: 'minNicPorts', status: atLeast(ports, min), expected, actual: `${fmtNumber(ports)} NIC ports`, evidence: evidence(facts, 'nics', facts.nics), source };
}

function checkOsdMemory(facts: HardwareFacts, perOsd: number, base: number): CheckCore {
  const mem = facts.memory.installedBytes;
  const baseText = base > 0 ? `${fmtGiB(base)} base + ` : '';
  const source = base > 0 ? `${SOURCES.osdMemory}; base: ${REQUIREMENT_DEFAULT_SOURCES.osdMemoryBaseBytes}` : SOURCES.osdMemory;
  const ev =
    facts.source.kind === 'scenario' ? `${evidence(facts, 'memory.size')}, ${evidence(facts, 'disks')} (use osd); osd_memory_target` : evidence(facts, '', mem, facts.disks);
  const generic = `≥ ${baseText}OSDs × ${fmtGiB(perOsd)} osd_memory_target`;
  if (!mem.known) return unknownCheck('memoryPerOsdBytes', generic, mem, source);
  if (!facts.disks.known) return unknownCheck('memoryPerOsdBytes', generic, facts.disks, source);
  const osds = osdRange(facts.disks.value);
  const need = (n: number): number => base + n * perOsd;
  if (osds.exact) {
    return {
      requirement: 'memoryPerOsdBytes',
      status: atLeast(mem.value, need(osds.min)),
      expected: `≥ ${fmtGiB(need(osds.min))} (${baseText}${osds.min} OSDs × ${fmtGiB(perOsd)} osd_memory_target)`,
      actual: fmtGiB(mem.value),
      evidence: ev,
      source,
    };
  }
  const expected = `≥ ${fmtGiB(need(osds.max))} if all ${osds.max} disks of unknown use were OSDs (${baseText}${osds.max} × ${fmtGiB(perOsd)})`;
  if (mem.value >= need(osds.max))
    return { requirement: 'memoryPerOsdBytes', status: 'pass', expected, actual: `${fmtGiB(mem.value)}: enough for every disk as an OSD`, evidence: ev, source };
  return {
    requirement: 'memoryPerOsdBytes',
    status: 'unknown',
    expected,
    actual: `${fmtGiB(mem.value)}; which disks are OSDs is not known (disks: with use: osd in a scenario says)`,
    evidence: ev,
    source,
  };
}

function checkMemoryPerCore(facts: HardwareFacts, min: number): CheckCore {
  const mem = facts.memory.installedBytes;
  const cores = physicalCoresFact(facts.cpu);
  const expected = `≥ ${fmtGiB(min)} per physical core`;
  const source = REQUIREMENT_DEFAULT_SOURCES.minMemoryPerCoreBytes;
  if (!mem.known) return unknownCheck('minMemoryPerCoreBytes', expected, mem, source);
  if (!cores.known) return unknownCheck('minMemoryPerCoreBytes', expected, cores, source);
  const perCore = mem.value / cores.value;
  return {
    requirement: 'minMemoryPerCoreBytes',
    status: atLeast(perCore, min),
    expected,
    actual: `${fmtGiB(perCore)} per core (${fmtGiB(mem.value)} / ${fmtNumber(cores.value)} cores)`,
    evidence: facts.source.kind === 'scenario' ? `${evidence(facts, 'memory.size')}, ${evidence(facts, 'cpu')}` : evidence(facts, '', mem, cores),
    source,
  };
}

function checkNicSpeed(role: Role, facts: HardwareFacts, min: number, ports: number): CheckCore {
  const expected = `${fmtNumber(ports)} port${ports === 1 ? '' : 's'} at ≥ ${fmtBitrate(min)}`;
  const source = REQUIREMENT_DEFAULT_SOURCES.minNicSpeedBitsPerSecond[role];
  if (!facts.nics.known) return unknownCheck('minNicSpeedBitsPerSecond', expected, facts.nics, source);
  const nics = facts.nics.value;
  const fast = nics.reduce((s, n) => s + (n.speedBitsPerSecond.known && n.speedBitsPerSecond.value >= min ? n.ports : 0), 0);
  const open = nics.reduce((s, n) => s + (n.speedBitsPerSecond.known ? 0 : n.ports), 0);
  const status: CheckStatus = fast >= ports ? 'pass' : fast + open >= ports ? 'unknown' : 'fail';
  const slowEvidence = nics.filter((n) => !n.speedBitsPerSecond.known).map((n) => n.speedBitsPerSecond.evidence);
  return {
    requirement: 'minNicSpeedBitsPerSecond',
    status,
    expected,
    actual: nics.length === 0 ? 'no NIC' : `${fast} port${fast === 1 ? '' : 's'} at ≥ ${fmtBitrate(min)} (${nicSpeedsText(nics)})`,
    evidence: status === 'unknown' ? slowEvidence.join('; ') : evidence(facts, 'nics', facts.nics),
    source,
  };
}

function checkCoresPerOsd(facts: HardwareFacts, perOsd: number): CheckCore {
  const cores = physicalCoresFact(facts.cpu);
  const source = REQUIREMENT_DEFAULT_SOURCES.minCoresPerOsd;
  const generic = `≥ ${fmtNumber(perOsd)} physical core per OSD`;
  if (!cores.known) return unknownCheck('minCoresPerOsd', generic, cores, source);
  if (!facts.disks.known) return unknownCheck('minCoresPerOsd', generic, facts.disks, source);
  const osds = osdRange(facts.disks.value);
  const ev = facts.source.kind === 'scenario' ? `${evidence(facts, 'cpu')}, ${evidence(facts, 'disks')} (use osd)` : evidence(facts, '', cores, facts.disks);
  const actual = `${fmtNumber(cores.value)} physical cores`;
  if (osds.exact) {
    return {
      requirement: 'minCoresPerOsd',
      status: atLeast(cores.value, osds.min * perOsd),
      expected: `≥ ${fmtNumber(osds.min * perOsd)} physical cores (${osds.min} OSDs × ${fmtNumber(perOsd)})`,
      actual,
      evidence: ev,
      source,
    };
  }
  const expected = `≥ ${fmtNumber(osds.max * perOsd)} physical cores if all ${osds.max} disks of unknown use were OSDs`;
  return { requirement: 'minCoresPerOsd', status: cores.value >= osds.max * perOsd ? 'pass' : 'unknown', expected, actual, evidence: ev, source };
}

function checkWalDb(facts: HardwareFacts, ratio: number): CheckCore {
  const source = REQUIREMENT_DEFAULT_SOURCES.minWalDbFlashRatio;
  const generic = `flash (ssd/nvme) wal-db ≥ ${fmtPercent(ratio)} of the HDD OSD capacity`;
  if (!facts.disks.known) return unknownCheck('minWalDbFlashRatio', generic, facts.disks, source);
  const disks = facts.disks.value;
  const ev = evidence(facts, 'disks', facts.disks);
  if (!osdRange(disks).exact) {
    const kinds = disks.map((d) => d.kind);
    if (kinds.every((k) => k.known && k.value !== 'hdd'))
      return { requirement: 'minWalDbFlashRatio', status: 'pass', expected: generic, actual: 'no HDD among the disks: no HDD OSDs', evidence: ev, source };
    return { requirement: 'minWalDbFlashRatio', status: 'unknown', expected: generic, actual: 'which disks are HDD OSDs and which hold WAL/DB is not known', evidence: ev, source };
  }
  const size = (d: DiskFacts): number | undefined => (d.sizeBytes.known ? d.count * d.sizeBytes.value : undefined);
  const osd = disks.filter((d) => d.use.known && d.use.value === 'osd');
  if (osd.some((d) => !d.kind.known || !d.sizeBytes.known))
    return { requirement: 'minWalDbFlashRatio', status: 'unknown', expected: generic, actual: 'an OSD disk of unknown kind or size', evidence: ev, source };
  const hddBytes = osd.filter((d) => d.kind.known && d.kind.value === 'hdd').reduce((s, d) => s + size(d)!, 0);
  if (hddBytes === 0) return { requirement: 'minWalDbFlashRatio', status: 'pass', expected: generic, actual: 'no HDD OSDs', evidence: ev, source };
  const flash = disks.filter((d) => d.use.known && d.use.value === 'wal-db' && d.kind.known && d.kind.value !== 'hdd' && d.sizeBytes.known);
  const flashBytes = flash.reduce((s, d) => s + size(d)!, 0);
  return {
    requirement: 'minWalDbFlashRatio',
    status: atLeast(flashBytes, ratio * hddBytes),
    expected: `≥ ${fmtTB(ratio * hddBytes)} flash wal-db (${fmtPercent(ratio)} of ${fmtTB(hddBytes)} HDD OSDs)`,
    actual: flashBytes === 0 ? 'no flash wal-db disk' : `${fmtTB(flashBytes)} flash wal-db (${fmtPercent(flashBytes / hddBytes)})`,
    evidence: ev,
    source,
  };
}

/**
 * Checks one server's facts against one role's requirements, in a fixed order:
 * requireVirtualization, requireEcc, requireNvmeDatabase, minPhysicalCores, minMemoryBytes,
 * minNicPorts, memoryPerOsdBytes (+ osdMemoryBaseBytes), then minMemoryPerCoreBytes,
 * minNicSpeedBitsPerSecond (on minNicPorts ports, 1 when unset), minCoresPerOsd,
 * minWalDbFlashRatio. Requirements left undefined (boolean ones: false) are not checked.
 */
export function checkFacts(role: Role, facts: HardwareFacts, req: RoleRequirements): CheckCore[] {
  const out: CheckCore[] = [];
  if (req.requireVirtualization) out.push(checkVirtualization(facts));
  if (req.requireEcc) out.push(checkEcc(facts));
  if (req.requireNvmeDatabase) out.push(checkNvmeDatabase(facts));
  if (req.minPhysicalCores !== undefined) out.push(checkCores(role, facts, req.minPhysicalCores));
  if (req.minMemoryBytes !== undefined) out.push(checkMemory(role, facts, req.minMemoryBytes));
  if (req.minNicPorts !== undefined) out.push(checkNicPorts(role, facts, req.minNicPorts));
  if (req.memoryPerOsdBytes !== undefined) out.push(checkOsdMemory(facts, req.memoryPerOsdBytes, req.osdMemoryBaseBytes ?? 0));
  if (req.minMemoryPerCoreBytes !== undefined) out.push(checkMemoryPerCore(facts, req.minMemoryPerCoreBytes));
  if (req.minNicSpeedBitsPerSecond !== undefined) out.push(checkNicSpeed(role, facts, req.minNicSpeedBitsPerSecond, req.minNicPorts ?? 1));
  if (req.minCoresPerOsd !== undefined) out.push(checkCoresPerOsd(facts, req.minCoresPerOsd));
  if (req.minWalDbFlashRatio !== undefined) out.push(checkWalDb(facts, req.minWalDbFlashRatio));
  return out;
}
