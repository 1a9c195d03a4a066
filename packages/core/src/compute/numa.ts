/**
 * NUMA fit: how many instances of a flavor with a NUMA topology (pinned CPUs, huge pages or
 * hw:numa_nodes) a host's NUMA cells hold, as the NUMATopologyFilter checks it.
 *
 * Source: openstack/nova `nova/virt/hardware.py` `_numa_fit_instance_cell` (per guest cell:
 * page size from `_numa_cell_supports_pagesize_request`; pinned -> no memory or CPU
 * overcommit: pcpus <= the cell's free pcpuset, memory <= its free small pages; shared ->
 * vCPUs <= the cell's cpuset and, with the filter's limits, usage <= len(cpuset) ×
 * cpu_allocation_ratio and memory usage <= cell memory × ram_allocation_ratio),
 * `numa_fit_instance_to_host` (every guest cell on a distinct host cell),
 * `nova/objects/numa.py` `can_fit_pagesize` (memory <= free pages × size and a whole number
 * of pages).
 */
import type { NumaCellPlan } from '../model/plan.js';
import type { InstanceNuma } from './extra-specs.js';

/** The small page size, KiB (x86). */
export const SMALL_PAGE_KIB = 4;

/** Free amounts of one NUMA cell. */
export interface CellFree {
  /** Pinnable CPUs free (pcpuset). */
  pcpus: number;
  /** Shared vCPU room: len(cpuset) × cpu_allocation_ratio less what instances use. */
  vcpus: number;
  /** Small-page memory free, MiB (cell memory less its huge pages); for shared instances memory × ram_allocation_ratio. */
  memoryMib: number;
  /** Huge pages free (of `hugePageKib`). */
  hugePages: number;
  hugePageKib: number;
  /** The cell's whole cpuset and small-page memory: one guest cell may never exceed them (no overcommit against itself). */
  cpusetSize: number;
  smallMemoryMib: number;
}

/** The free amounts of an empty cell: shared CPUs × cpu ratio, small-page memory (× ram ratio for shared instances, applied in guestCellsIn). */
export function emptyCell(cell: NumaCellPlan, cpuAllocationRatio: number): CellFree {
  const hpKib = cell.hugePages?.sizeKib ?? 0;
  const hpCount = cell.hugePages?.count ?? 0;
  const smallMib = Math.max(0, cell.memoryMib - (hpKib * hpCount) / 1024);
  return {
    pcpus: cell.dedicatedCpus,
    vcpus: cell.sharedCpus * cpuAllocationRatio,
    memoryMib: smallMib,
    hugePages: hpCount,
    hugePageKib: hpKib,
    cpusetSize: cell.sharedCpus,
    smallMemoryMib: smallMib,
  };
}

/** What one guest cell takes from a host cell: pinned CPUs, shared vCPUs, small-page MiB, huge pages. */
export interface GuestCellUse {
  pcpus: number;
  vcpus: number;
  memoryMib: number;
  hugePages: number;
}

/**
 * How many guest cells of `numa` fit in a cell with free amounts `free`, and what one takes
 * (null: none fits, or the page size cannot hold the memory):
 * - pinned CPUs p = cellPcpus + emulatorPcpus (the emulator thread's PCPU is charged to every
 *   guest cell: exact for one node, an over-count for more): floor(free pcpus / p);
 * - shared vCPUs v = cellVcpus: v <= cpuset size, floor(free vcpus / v);
 * - memory m MiB: a huge page request (large, any, or a size) needs m × 1,024 KiB to be a
 *   whole number of pages: floor(free pages / pages per guest cell); `any` falls back to small
 *   pages when huge pages run out or do not divide m; small pages (no request, or small):
 *   m <= the cell's small-page memory, floor(free small MiB × ratio / m), ratio =
 *   ram_allocation_ratio for shared instances without a page request, else 1 (pinned and
 *   page-sized memory is not overcommitted).
 */
export function guestCellsIn(free: CellFree, numa: InstanceNuma, ramAllocationRatio: number): { count: number; use: GuestCellUse } | null {
  let count = Number.POSITIVE_INFINITY;
  const p = numa.cellPcpus + numa.emulatorPcpus;
  const v = numa.cellVcpus;
  const m = numa.cellMemoryMib;
  const use: GuestCellUse = { pcpus: p, vcpus: v, memoryMib: 0, hugePages: 0 };
  if (p > 0) count = Math.min(count, Math.floor(free.pcpus / p));
  if (v > 0) {
    if (v > free.cpusetSize) return null;
    count = Math.min(count, Math.floor(free.vcpus / v + 1e-9));
  }
  const pinned = numa.policy !== 'shared';
  const smallFit = (): number => {
    if (m > free.smallMemoryMib) return 0;
    const ratio = pinned || numa.pageSize !== null ? 1 : ramAllocationRatio;
    return Math.floor((free.memoryMib * ratio) / m + 1e-9);
  };
  const ps = numa.pageSize;
  const wantsHuge = ps === 'large' || ps === 'any' || (typeof ps === 'number' && ps !== SMALL_PAGE_KIB);
  let memCount: number;
  if (wantsHuge) {
    const sizeOk = free.hugePageKib > 0 && (typeof ps !== 'number' || ps === free.hugePageKib);
    const pages = sizeOk && (m * 1024) % free.hugePageKib === 0 ? (m * 1024) / free.hugePageKib : 0;
    const hugeCount = pages > 0 ? Math.floor(free.hugePages / pages) : 0;
    if (hugeCount > 0 || ps !== 'any') {
      memCount = hugeCount;
      use.hugePages = pages;
    } else {
      memCount = smallFit();
      use.memoryMib = m;
    }
  } else {
    memCount = smallFit();
    use.memoryMib = m;
  }
  count = Math.min(count, memCount);
  if (!Number.isFinite(count) || count <= 0) return null;
  return { count, use };
}

/**
 * Instances whose `nodes` guest cells each land on a distinct host cell, given how many guest
 * cells each host cell holds (`perCell`): the largest k with Σ_c min(k, perCell[c]) >= nodes × k
 * (a cell holds at most one guest cell of each instance). nodes = 1: Σ perCell.
 * Example: perCell [3, 3, 1], nodes 2: k = 3 needs 6 <= 3 + 3 + 1 = 7 -> 3; k = 4 needs 8 > 7.
 */
export function instancesOnCells(perCell: readonly number[], nodes: number): number {
  if (nodes <= 1) return perCell.reduce((s, k) => s + k, 0);
  if (perCell.length < nodes) return 0;
  const upper = Math.floor(perCell.reduce((s, k) => s + k, 0) / nodes);
  let lo = 0;
  let hi = upper;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const room = perCell.reduce((s, k) => s + Math.min(mid, k), 0);
    if (room >= nodes * mid) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Instances of `numa` that fit on a host's empty cells: instancesOnCells over the guest cells
 * each empty cell holds (guestCellsIn). 0 when some guest cell fits no cell (a request larger
 * than any cell: it never schedules on this host, whatever Placement's totals say).
 * Example (issue 19): a 40-vCPU pinned flavor on cells of 32 dedicated CPUs: 40 > 32 -> 0.
 */
export function numaFitCount(cells: readonly NumaCellPlan[], numa: InstanceNuma, cpuAllocationRatio: number, ramAllocationRatio: number): number {
  const perCell = cells.map((c) => guestCellsIn(emptyCell(c, cpuAllocationRatio), numa, ramAllocationRatio)?.count ?? 0);
  return instancesOnCells(perCell, numa.nodes);
}
