/**
 * A scenario's hardware model as HardwareFacts, so that role checks run on one shape
 * whatever the source. The evidence of each fact is its scenario path
 * (`hardware.cmp-r760.memory.ecc`). `virtualization: unknown` and `ecc: unknown` stay unknown.
 * A model imported from an inventory carries its own facts (`hw.facts`): those are used as is.
 */
import type { HardwareModel } from '../model/scenario.js';
import { known, unknown, type HardwareFacts } from '../model/hardware-facts.js';

/** The facts of a hardware model: its imported facts, or facts read from its scenario fields. */
export function factsOfModel(hw: HardwareModel): HardwareFacts {
  return hw.facts ?? factsFromModel(hw);
}

/** Facts read from a scenario hardware model's fields; evidence `hardware.<name>.<field>`. */
export function factsFromModel(hw: HardwareModel): HardwareFacts {
  const ev = (path: string): string => `hardware.${hw.name}.${path}`;
  const { cpu } = hw;
  return {
    source: { kind: 'scenario', hardware: hw.name },
    system: { manufacturer: unknown(ev('model')), product: known(hw.model, ev('model')) },
    cpu: {
      model: known(cpu.model, ev('cpu.model')),
      sockets: known(cpu.sockets, ev('cpu.sockets')),
      coresPerSocket: known(cpu.coresPerSocket, ev('cpu.coresPerSocket')),
      threadsPerCore: known(cpu.threadsPerCore, ev('cpu.threadsPerCore')),
      logicalCpus: known(cpu.sockets * cpu.coresPerSocket * cpu.threadsPerCore, ev('cpu')),
      virtualization: cpu.virtualization === 'unknown' ? unknown(ev('cpu.virtualization')) : known(cpu.virtualization, ev('cpu.virtualization')),
      guest: known(false, ev('cpu')),
    },
    memory: {
      installedBytes: known(hw.memory.sizeBytes, ev('memory.size')),
      ecc: hw.memory.ecc === 'unknown' ? unknown(ev('memory.ecc')) : known(hw.memory.ecc, ev('memory.ecc')),
      eccType: unknown(ev('memory.ecc')),
    },
    disks: known(
      hw.disks.map((d, i) => ({
        name: `disks[${i}]`,
        count: d.count,
        sizeBytes: known(d.sizeBytes, ev(`disks[${i}].size`)),
        kind: known(d.kind, ev(`disks[${i}].kind`)),
        use: known(d.use, ev(`disks[${i}].use`)),
      })),
      ev('disks'),
    ),
    nics: known(
      hw.nics.map((n, i) => ({ name: `nics[${i}]`, ports: n.ports, speedBitsPerSecond: known(n.speedBitsPerSecond, ev(`nics[${i}].speed`)) })),
      ev('nics'),
    ),
  };
}
