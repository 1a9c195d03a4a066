/**
 * An inventory's facts plus a scenario entry's overrides -> the HardwareModel the plan
 * runs on. Overrides replace single facts, with their scenario path as evidence
 * (`hardware.r7615.cpu.coresPerSocket`); the model keeps the final facts, so role checks
 * show where each value came from.
 *
 *   cpu sockets / cores / threads, memory size   required: an unknown one is reported as
 *                                                missing (the plan cannot count without it)
 *   cpu virtualization, memory ecc               unknown stays unknown (never a pass)
 *   disks                                        the entry's `disks:` (with their use), else none:
 *                                                an inventory does not say what a disk is for
 *   nics                                         the entry's `nics:`, else the imported
 *                                                interfaces grouped by speed; interfaces
 *                                                without a speed are left out (reported)
 */
import type { DiskSpec, HardwareModel, NicSpec, Tristate, Virtualization } from '../model/scenario.js';
import { known, unknown, type Fact, type HardwareFacts, type InventoryFormat } from '../model/hardware-facts.js';

/** What a scenario entry says beside its `inventory:` path, in canonical units. */
export interface InventoryOverrides {
  model?: string;
  source?: string;
  heightRu: number;
  cpu?: { model?: string; sockets?: number; coresPerSocket?: number; threadsPerCore?: number; virtualization?: Virtualization };
  memory?: { sizeBytes?: number; ecc?: Tristate };
  disks?: DiskSpec[];
  nics?: NicSpec[];
  power?: { typicalWatts: number; maxWatts: number };
  price?: { amount: number; currency: string };
}

/** A fact the model needs and the inventory lacks. */
export interface MissingFact {
  /** The override key that would supply it: `cpu.coresPerSocket`, `memory.size`. */
  field: string;
  evidence: string;
}

/** Facts with the entry's overrides applied (evidence: `hardware.<name>.<field>`). */
export function applyOverrides(name: string, facts: HardwareFacts, o: InventoryOverrides): HardwareFacts {
  const ev = (path: string): string => `hardware.${name}.${path}`;
  const cpu = { ...facts.cpu };
  const c = o.cpu ?? {};
  if (c.model !== undefined) cpu.model = known(c.model, ev('cpu.model'));
  if (c.sockets !== undefined) cpu.sockets = known(c.sockets, ev('cpu.sockets'));
  if (c.coresPerSocket !== undefined) cpu.coresPerSocket = known(c.coresPerSocket, ev('cpu.coresPerSocket'));
  if (c.threadsPerCore !== undefined) cpu.threadsPerCore = known(c.threadsPerCore, ev('cpu.threadsPerCore'));
  if (c.virtualization !== undefined) cpu.virtualization = c.virtualization === 'unknown' ? unknown(ev('cpu.virtualization')) : known(c.virtualization, ev('cpu.virtualization'));
  const memory = { ...facts.memory };
  if (o.memory?.sizeBytes !== undefined) memory.installedBytes = known(o.memory.sizeBytes, ev('memory.size'));
  if (o.memory?.ecc !== undefined) {
    memory.ecc = o.memory.ecc === 'unknown' ? unknown(ev('memory.ecc')) : known(o.memory.ecc, ev('memory.ecc'));
    memory.eccType = unknown(ev('memory.ecc'));
  }
  const out: HardwareFacts = { ...facts, cpu, memory };
  if (o.disks) {
    out.disks = known(
      o.disks.map((d, i) => ({
        name: `disks[${i}]`,
        count: d.count,
        sizeBytes: known(d.sizeBytes, ev(`disks[${i}].size`)),
        kind: known(d.kind, ev(`disks[${i}].kind`)),
        use: known(d.use, ev(`disks[${i}].use`)),
      })),
      ev('disks'),
    );
  }
  if (o.nics) {
    out.nics = known(
      o.nics.map((n, i) => ({ name: `nics[${i}]`, ports: n.ports, speedBitsPerSecond: known(n.speedBitsPerSecond, ev(`nics[${i}].speed`)) })),
      ev('nics'),
    );
  }
  return out;
}

/**
 * The HardwareModel of an inventory entry (facts already overridden and enriched), or the
 * facts it lacks. `leftOut` lists interfaces without a speed, left out of `nics`.
 */
export function modelFromFacts(
  name: string,
  facts: HardwareFacts,
  o: InventoryOverrides,
  inventory: { path: string; format: InventoryFormat },
): { model?: HardwareModel; missing: MissingFact[]; leftOut: string[] } {
  const need = <T>(fact: Fact<T>, field: string, missing: MissingFact[]): T | undefined => {
    if (fact.known) return fact.value;
    missing.push({ field, evidence: fact.evidence });
    return undefined;
  };
  const missing: MissingFact[] = [];
  const sockets = need(facts.cpu.sockets, 'cpu.sockets', missing);
  const coresPerSocket = need(facts.cpu.coresPerSocket, 'cpu.coresPerSocket', missing);
  const threadsPerCore = need(facts.cpu.threadsPerCore, 'cpu.threadsPerCore', missing);
  const sizeBytes = need(facts.memory.installedBytes, 'memory.size', missing);

  const leftOut: string[] = [];
  let nics: NicSpec[] = o.nics ?? [];
  if (!o.nics && facts.nics.known) {
    const bySpeed = new Map<number, number>();
    for (const n of facts.nics.value) {
      if (n.speedBitsPerSecond.known) bySpeed.set(n.speedBitsPerSecond.value, (bySpeed.get(n.speedBitsPerSecond.value) ?? 0) + n.ports);
      else leftOut.push(n.name);
    }
    nics = [...bySpeed].sort((a, b) => a[0] - b[0]).map(([speedBitsPerSecond, ports]) => ({ ports, speedBitsPerSecond }));
  }
  if (sockets === undefined || coresPerSocket === undefined || threadsPerCore === undefined || sizeBytes === undefined) return { missing, leftOut };

  const system = [facts.system.manufacturer, facts.system.product].filter((f) => f.known).map((f) => (f as { value: string }).value);
  const model: HardwareModel = {
    name,
    model: o.model ?? (system.length > 0 ? system.join(' ') : `inventory ${inventory.path}`),
    heightRu: o.heightRu,
    cpu: {
      model: facts.cpu.model.known ? facts.cpu.model.value : 'unknown',
      sockets,
      coresPerSocket,
      threadsPerCore,
      virtualization: facts.cpu.virtualization.known ? facts.cpu.virtualization.value : 'unknown',
    },
    memory: { sizeBytes, ecc: facts.memory.ecc.known ? facts.memory.ecc.value : 'unknown' },
    disks: o.disks ?? [],
    nics,
  };
  if (o.source !== undefined) model.source = o.source;
  if (o.power) model.power = o.power;
  if (o.price) model.price = o.price;
  model.inventory = inventory;
  model.facts = facts;
  return { model, missing, leftOut };
}
