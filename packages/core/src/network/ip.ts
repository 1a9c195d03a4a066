/**
 * IP addresses, CIDR blocks and address ranges as exact integers (bigint), parsed with
 * ipaddr.js. IPv4 is supported fully; IPv6 for parsing, containment, overlap and
 * sequential assignment (counts of IPv6 space are only reported when they fit a JS number).
 *
 * Usable host addresses of a block (what a node, a VIP or a gateway can be given):
 *   IPv4 prefix <= 30: network + 1 .. broadcast - 1 (the network and broadcast addresses
 *                      are not host addresses, RFC 919/922);
 *   IPv4 /31: both addresses (RFC 3021 point-to-point); IPv4 /32: the one address;
 *   IPv6: network + 1 .. last (the all-zeros interface id is the Subnet-Router anycast
 *         address, RFC 4291 2.6.1; IPv6 has no broadcast).
 * Worked example: 10.1.0.0/24 -> 10.1.0.1 .. 10.1.0.254, 2^8 - 2 = 254 addresses.
 *
 * Pure; never throws for user text (parse functions return undefined).
 */
import ipaddr from 'ipaddr.js';

export type IpFamily = 4 | 6;

/** An address as an integer of its family (IPv4: 32 bits, IPv6: 128 bits). */
export interface Ip {
  family: IpFamily;
  value: bigint;
}

/** A CIDR block: `network` has no host bits set. */
export interface Cidr {
  family: IpFamily;
  network: bigint;
  prefix: number;
}

/** An inclusive range of addresses of one family, start <= end. */
export interface IpRange {
  family: IpFamily;
  start: bigint;
  end: bigint;
}

export const FAMILY_BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

/**
 * Parses one address. IPv4 must be four decimal parts ("10.1.0.1"; "10.1" and octal forms
 * are refused); IPv6 in any RFC 4291 text form, without a zone id.
 */
export function parseIp(text: string): Ip | undefined {
  const t = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) {
    const octets = ipaddr.IPv4.parse(t).octets;
    return { family: 4, value: octets.reduce((v, o) => (v << 8n) | BigInt(o), 0n) };
  }
  if (t.includes(':') && ipaddr.IPv6.isValid(t) && !t.includes('%')) {
    const parts = ipaddr.IPv6.parse(t).parts;
    return { family: 6, value: parts.reduce((v, p) => (v << 16n) | BigInt(p), 0n) };
  }
  return undefined;
}

/** Formats an address: IPv4 dotted decimal, IPv6 in RFC 5952 form ("2001:db8::1"). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) {
    const octets = [24n, 16n, 8n, 0n].map((s) => Number((ip.value >> s) & 0xffn));
    return octets.join('.');
  }
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/** Number of addresses in a block of this prefix: 2^(bits - prefix). */
export function blockSize(family: IpFamily, prefix: number): bigint {
  return 1n << BigInt(FAMILY_BITS[family] - prefix);
}

export type CidrParse = { ok: true; cidr: Cidr; hostBitsSet: boolean } | { ok: false };

/**
 * Parses "address/prefix". `hostBitsSet` is true when the address is not the network
 * address of its block ("10.1.0.5/24"); `cidr.network` is then the masked address.
 */
export function parseCidr(text: string): CidrParse {
  const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(text);
  if (!m) return { ok: false };
  const ip = parseIp(m[1]!);
  const prefix = Number(m[2]);
  if (!ip || prefix > FAMILY_BITS[ip.family]) return { ok: false };
  const size = blockSize(ip.family, prefix);
  const network = ip.value - (ip.value % size);
  return { ok: true, cidr: { family: ip.family, network, prefix }, hostBitsSet: network !== ip.value };
}

/** "10.1.0.0/24", "2001:db8::/64". */
export function formatCidr(c: Cidr): string {
  return `${formatIp({ family: c.family, value: c.network })}/${c.prefix}`;
}

/** The whole block as a range: network .. network + size - 1. */
export function cidrRange(c: Cidr): IpRange {
  return { family: c.family, start: c.network, end: c.network + blockSize(c.family, c.prefix) - 1n };
}

/** The usable host addresses of a block (rules in the file comment). */
export function usableRange(c: Cidr): IpRange {
  const all = cidrRange(c);
  if (c.family === 6) return c.prefix === 128 ? all : { ...all, start: all.start + 1n };
  if (c.prefix >= 31) return all;
  return { family: 4, start: all.start + 1n, end: all.end - 1n };
}

/** Parses "a-b" (inclusive) or a single address "a". Both ends of one family, start <= end. */
export function parseRange(text: string): IpRange | undefined {
  const parts = text.split('-');
  if (parts.length > 2) return undefined;
  const start = parseIp(parts[0]!);
  const end = parts.length === 2 ? parseIp(parts[1]!) : start;
  if (!start || !end || start.family !== end.family || start.value > end.value) return undefined;
  return { family: start.family, start: start.value, end: end.value };
}

/** "10.1.0.2-10.1.0.9", or "10.1.0.2" for a one-address range. */
export function formatRange(r: IpRange): string {
  const a = formatIp({ family: r.family, value: r.start });
  return r.start === r.end ? a : `${a}-${formatIp({ family: r.family, value: r.end })}`;
}

/** Addresses in a range: end - start + 1. */
export function rangeSize(r: IpRange): bigint {
  return r.end - r.start + 1n;
}

/** True when `ip` lies in `r` (same family). */
export function inRange(r: IpRange, ip: Ip): boolean {
  return r.family === ip.family && ip.value >= r.start && ip.value <= r.end;
}

/** True when `inner` lies wholly in `outer` (same family). */
export function rangeWithin(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && inner.start >= outer.start && inner.end <= outer.end;
}

/** True when two ranges share at least one address (same family). */
export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/**
 * The size of the union of ranges clipped to `within`: how many distinct addresses of
 * `within` they cover (overlapping ranges are counted once).
 */
export function coveredCount(ranges: readonly IpRange[], within: IpRange): bigint {
  const clipped = ranges
    .filter((r) => rangesOverlap(r, within))
    // biome-ignore lint/complexity/useMathMinMax: addresses are bigints, which Math.max and Math.min reject
    .map((r) => ({ start: r.start > within.start ? r.start : within.start, end: r.end < within.end ? r.end : within.end }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let count = 0n;
  let until = within.start - 1n;
  for (const r of clipped) {
    const start = r.start > until ? r.start : until + 1n;
    if (r.end >= start) count += r.end - start + 1n;
    if (r.end > until) until = r.end;
  }
  return count;
}

/**
 * The first `count` addresses of `pool` that no range of `taken` covers, in ascending
 * order (fewer when the pool runs out). Used to give nodes their addresses.
 */
export function firstFree(pool: IpRange, taken: readonly IpRange[], count: number): Ip[] {
  const out: Ip[] = [];
  const sorted = taken.filter((r) => rangesOverlap(r, pool)).sort((a, b) => (a.start < b.start ? -1 : 1));
  let v = pool.start;
  while (out.length < count && v <= pool.end) {
    const blocker = sorted.find((r) => v >= r.start && v <= r.end);
    if (blocker) {
      v = blocker.end + 1n;
      continue;
    }
    out.push({ family: pool.family, value: v });
    v += 1n;
  }
  return out;
}

/** A bigint count as a JS number when it is exact (<= 2^53), else null (IPv6 blocks). */
export function countAsNumber(n: bigint): number | null {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : null;
}
