/**
 * cephadm drive-group device filters, as Ceph evaluates them against a device:
 *
 * - ceph-volume reports a device's size as `human_readable_size` (src/ceph-volume/ceph_volume/
 *   util/disk.py `human_readable_size`): the byte count divided by 1024 while it is >= 1024,
 *   two decimals, labelled B, KB, MB, GB, TB, PB. A 20 TB (20e12 bytes) drive is "18.19 TB":
 *   the label says TB, the number is TiB.
 * - the size filter (src/python-common/ceph/deployment/drive_selection/matchers.py
 *   `SizeMatcher`) reads that string back with MB = 1e6, GB = 1e9, TB = 1e12 bytes: the drive
 *   above is 18.19e12 bytes to the filter, so `size: '20T:'` does NOT select a 20 TB drive and
 *   `size: '18T:19T'` does. Filters are `low:high`, `low:`, `:high` or an exact size, each an
 *   integer with M, G, T, MB, GB or TB (upper case; `_parse_filter`); bounds are inclusive.
 * - `rotational` is compared with the kernel's queue/rotational flag (1 HDD, 0 flash).
 */
import type { DiskSpec } from '../../model/scenario.js';

const SUFFIXES = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;
const MATCHER_FACTOR: Record<string, number> = { MB: 1e6, GB: 1e9, TB: 1e12, M: 1e6, G: 1e9, T: 1e12 };

/** ceph-volume's human_readable_size: { value (2 decimals), suffix }. 20e12 bytes -> 18.19 TB. */
export function cephVolumeSize(bytes: number): { value: number; suffix: (typeof SUFFIXES)[number] } {
  let size = bytes;
  let i = 0;
  while (size >= 1024 && i < SUFFIXES.length - 1) {
    size /= 1024;
    i++;
  }
  return { value: Math.round(size * 100) / 100, suffix: SUFFIXES[i]! };
}

/** The bytes SizeMatcher sees for a device: 20e12 -> "18.19 TB" -> 18.19e12. B, KB and PB count as 0 (the matcher's table has only MB, GB, TB). */
export function matcherBytes(bytes: number): number {
  const { value, suffix } = cephVolumeSize(bytes);
  return value * (MATCHER_FACTOR[suffix] ?? 0);
}

/** A parsed size filter, bounds in matcher bytes (inclusive). */
export interface SizeFilter {
  text: string;
  lowBytes?: number;
  highBytes?: number;
  exactBytes?: number;
}

/** `18T:19T`, `500G:`, `:2T`, `480G` -> bounds; undefined when SizeMatcher could not parse it. */
export function parseSizeFilter(text: string): SizeFilter | undefined {
  const one = (s: string): number | undefined => {
    const m = /^(\d+)([A-Z]{1,2})$/.exec(s);
    if (!m) return undefined;
    const f = MATCHER_FACTOR[m[2]!];
    return f === undefined ? undefined : Number(m[1]) * f;
  };
  const t = text.trim();
  if (t.includes(':')) {
    const [lo, hi] = t.split(':') as [string, string];
    const low = lo === '' ? undefined : one(lo);
    const high = hi === '' ? undefined : one(hi);
    if ((lo !== '' && low === undefined) || (hi !== '' && high === undefined) || (low === undefined && high === undefined)) return undefined;
    return { text: t, ...(low !== undefined ? { lowBytes: low } : {}), ...(high !== undefined ? { highBytes: high } : {}) };
  }
  const exact = one(t);
  return exact === undefined ? undefined : { text: t, exactBytes: exact };
}

/** Whether a device of `bytes` passes the filter, as SizeMatcher.compare decides. */
export function sizeMatches(filter: SizeFilter, bytes: number): boolean {
  const b = matcherBytes(bytes);
  if (filter.exactBytes !== undefined) return b === filter.exactBytes;
  if (filter.lowBytes !== undefined && b < filter.lowBytes) return false;
  if (filter.highBytes !== undefined && b > filter.highBytes) return false;
  return true;
}

/**
 * The size filter headroom writes for a disk of `bytes`: the integer bounds around its
 * matcher value, in the unit ceph-volume labels it with. 20e12 -> 18.19 TB -> "18T:19T";
 * 3.84e12 -> 3.49 TB -> "3T:4T"; 480e9 -> 447.03 GB -> "447G:448G".
 */
export function sizeFilterFor(bytes: number): string {
  const { value, suffix } = cephVolumeSize(bytes);
  const unit = suffix === 'TB' ? 'T' : suffix === 'GB' ? 'G' : 'M';
  const low = Math.floor(value);
  return `${low}${unit}:${low + 1}${unit}`;
}

/** A device filter of a drive group (the keys headroom reads: rotational, size, model, vendor, all). */
export interface DeviceFilter {
  rotational?: boolean;
  size?: SizeFilter;
  model?: string;
  vendor?: string;
  all?: boolean;
  /** Keys the filter has that headroom cannot evaluate against a scenario disk (model, vendor, paths). */
  unevaluated: string[];
}

/** Whether a scenario disk line passes a device filter (model and vendor are not in a scenario: they do not restrict). */
export function diskMatches(filter: DeviceFilter, disk: Pick<DiskSpec, 'sizeBytes' | 'kind'>): boolean {
  if (filter.all) return true;
  if (filter.rotational !== undefined && filter.rotational !== (disk.kind === 'hdd')) return false;
  if (filter.size && !sizeMatches(filter.size, disk.sizeBytes)) return false;
  return true;
}
