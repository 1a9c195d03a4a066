/**
 * Filling in CPU facts an inventory lacks from the CPU catalogue, and deriving the ones that
 * follow from the others. The evidence says so: a catalogue value names the catalogue row
 * (`catalogue: quattor-cpus.csv "AMD EPYC 9124 16-Core Processor"`), a derived one names
 * the facts it comes from.
 *
 * Rules, applied only to unknown facts (a known fact is never replaced):
 *   coresPerSocket   <- the catalogue's cores of the model
 *   threadsPerCore   <- logical CPUs / (sockets × cores per socket), when a whole number;
 *                       otherwise (no socket count) unknown: 32 threads of a 16-core/32-thread
 *                       model may be one socket with SMT or two sockets without
 *   sockets          <- logical CPUs / (cores × threads per core), when both are known
 *   logicalCpus      <- sockets × cores per socket × threads per core (unless the source
 *                       contradicts itself about it: `conflicting`)
 */
import { lookupCpu, type CpuCatalogue } from './catalogue.js';
import { joinEvidence, known, unknown, type HardwareFacts } from '../model/hardware-facts.js';

/**
 * Returns new facts with the catalogue's and the derived CPU facts filled in (the input is
 * not changed). Without a catalogue only the derivations run.
 */
export function enrichCpuFacts(facts: HardwareFacts, catalogue?: CpuCatalogue): HardwareFacts {
  const cpu = { ...facts.cpu };
  if (!cpu.coresPerSocket.known && cpu.model.known && catalogue) {
    const hit = lookupCpu(catalogue, cpu.model.value);
    cpu.coresPerSocket = hit.found
      ? known(hit.entry.coresPerSocket, `${hit.evidence} (${hit.entry.coresPerSocket} cores per socket; the inventory gives the model: ${cpu.model.evidence})`)
      : unknown(`${cpu.coresPerSocket.evidence}; ${hit.reason}`);
  } else if (!cpu.coresPerSocket.known && cpu.model.known && !catalogue) {
    cpu.coresPerSocket = unknown(`${cpu.coresPerSocket.evidence}; no CPU catalogue given`);
  }
  const { sockets, coresPerSocket, logicalCpus } = cpu;
  if (!cpu.threadsPerCore.known && logicalCpus.known && sockets.known && coresPerSocket.known) {
    const perCore = logicalCpus.value / (sockets.value * coresPerSocket.value);
    cpu.threadsPerCore =
      Number.isInteger(perCore) && perCore >= 1
        ? known(
            perCore,
            `logical CPUs / (sockets × cores per socket) = ${logicalCpus.value} / (${sockets.value} × ${coresPerSocket.value}) from ${joinEvidence([logicalCpus.evidence, sockets.evidence, coresPerSocket.evidence])}`,
          )
        : unknown(
            `${logicalCpus.value} logical CPUs are not a whole multiple of ${sockets.value} × ${coresPerSocket.value} cores (${joinEvidence([logicalCpus.evidence, coresPerSocket.evidence])})`,
          );
  }
  const { threadsPerCore } = cpu;
  if (!cpu.sockets.known && logicalCpus.known && coresPerSocket.known && threadsPerCore.known) {
    const n = logicalCpus.value / (coresPerSocket.value * threadsPerCore.value);
    if (Number.isInteger(n) && n >= 1) {
      cpu.sockets = known(
        n,
        `logical CPUs / (cores × threads per core) = ${logicalCpus.value} / (${coresPerSocket.value} × ${threadsPerCore.value}) from ${joinEvidence([logicalCpus.evidence, coresPerSocket.evidence, threadsPerCore.evidence])}`,
      );
    }
  }
  if (!cpu.logicalCpus.known && !cpu.logicalCpus.conflicting && cpu.sockets.known && coresPerSocket.known && threadsPerCore.known) {
    cpu.logicalCpus = known(
      cpu.sockets.value * coresPerSocket.value * threadsPerCore.value,
      `sockets × cores × threads per core from ${joinEvidence([cpu.sockets.evidence, coresPerSocket.evidence, threadsPerCore.evidence])}`,
    );
  }
  return { ...facts, cpu };
}
