import { describe, expect, it } from 'vitest';
import {
  countAsNumber,
  coveredCount,
  firstFree,
  formatCidr,
  formatIp,
  formatRange,
  inRange,
  parseCidr,
  parseIp,
  parseRange,
  rangesOverlap,
  rangeSize,
  usableRange,
  cidrRange,
} from './ip.js';

const cidr = (t: string) => {
  const c = parseCidr(t);
  if (!c.ok) throw new Error(t);
  return c.cidr;
};

describe('addresses', () => {
  it('IPv4 as a 32-bit integer: 10.1.0.1 = 10 x 2^24 + 1 x 2^16 + 1', () => {
    expect(parseIp('10.1.0.1')).toEqual({ family: 4, value: 167_837_697n }); // 167,772,160 + 65,536 + 1
    expect(formatIp({ family: 4, value: 167_837_697n })).toBe('10.1.0.1');
  });

  it('refuses shorthand, octal-looking and out-of-range IPv4, and IPv6 zone ids', () => {
    for (const bad of ['10.1', '010.1.0.1', '256.1.1.1', '10.1.0.1.5', 'host', '', 'fe80::1%eth0']) expect(parseIp(bad), bad).toBeUndefined();
  });

  it('IPv6 in RFC 5952 form', () => {
    expect(formatIp(parseIp('2001:0DB8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
  });
});

describe('CIDR blocks (RFC 4632) and usable host addresses', () => {
  it('a /24 has 2^8 - 2 = 254 host addresses: .1 to .254', () => {
    const u = usableRange(cidr('10.1.0.0/24'));
    expect(formatRange(u)).toBe('10.1.0.1-10.1.0.254');
    expect(rangeSize(u)).toBe(254n);
  });

  it('a /30 has 2, a /31 both of its 2 (RFC 3021), a /32 its one', () => {
    expect(rangeSize(usableRange(cidr('10.1.0.0/30')))).toBe(2n); // 4 - network - broadcast
    expect(rangeSize(usableRange(cidr('10.1.0.0/31')))).toBe(2n);
    expect(rangeSize(usableRange(cidr('10.1.0.7/32')))).toBe(1n);
  });

  it('an IPv6 /64 has 2^64 - 1 host addresses (no broadcast; the Subnet-Router anycast is left out), too many for a JS number', () => {
    const u = usableRange(cidr('2001:db8::/64'));
    expect(rangeSize(u)).toBe(2n ** 64n - 1n);
    expect(countAsNumber(rangeSize(u))).toBeNull();
    expect(countAsNumber(254n)).toBe(254);
  });

  it('host bits set are reported, with the network address', () => {
    const c = parseCidr('10.1.0.5/24');
    expect(c.ok && c.hostBitsSet).toBe(true);
    expect(c.ok && formatCidr(c.cidr)).toBe('10.1.0.0/24');
    expect(parseCidr('2001:db8::/48')).toMatchObject({ ok: true, hostBitsSet: false });
  });

  it('refuses what is not a CIDR', () => {
    for (const bad of ['10.1.0.0', '10.1.0.0/33', '10.1/16', '2001:db8::/129', '10.1.0.0/24/1', 'x/8']) expect(parseCidr(bad).ok, bad).toBe(false);
  });

  it('overlap: 10.0.0.0/8 holds 10.1.0.0/24; neighbouring /24s and different families do not overlap', () => {
    expect(rangesOverlap(cidrRange(cidr('10.0.0.0/8')), cidrRange(cidr('10.1.0.0/24')))).toBe(true);
    expect(rangesOverlap(cidrRange(cidr('10.1.0.0/24')), cidrRange(cidr('10.1.1.0/24')))).toBe(false);
    expect(rangesOverlap(cidrRange(cidr('2001:db8::/32')), cidrRange(cidr('2001:db8:1::/48')))).toBe(true);
    expect(rangesOverlap(cidrRange(cidr('0.0.0.0/0')), cidrRange(cidr('::/0')))).toBe(false);
  });
});

describe('ranges', () => {
  it('parses "a-b" and single addresses; refuses reversed or mixed ranges', () => {
    expect(rangeSize(parseRange('10.1.0.2-10.1.0.9')!)).toBe(8n); // 9 - 2 + 1
    expect(rangeSize(parseRange('10.1.0.5')!)).toBe(1n);
    expect(parseRange('10.1.0.9-10.1.0.2')).toBeUndefined();
    expect(parseRange('10.1.0.1-2001:db8::1')).toBeUndefined();
    expect(inRange(parseRange('2001:db8::10-2001:db8::20')!, parseIp('2001:db8::1a')!)).toBe(true);
  });

  it('counts overlapping ranges once: .2-.9 and .5-.12 cover .2-.12 = 11 addresses', () => {
    const within = usableRange(cidr('10.1.0.0/24'));
    expect(coveredCount([parseRange('10.1.0.2-10.1.0.9')!, parseRange('10.1.0.5-10.1.0.12')!], within)).toBe(11n);
    // clipped to the usable range: .0 is not a host address
    expect(coveredCount([parseRange('10.1.0.0-10.1.0.3')!], within)).toBe(3n);
  });

  it('hands out the first free addresses: pool .1-.10 without .1 and .3-.4 gives .2, .5, .6', () => {
    const free = firstFree(parseRange('10.1.0.1-10.1.0.10')!, [parseRange('10.1.0.1')!, parseRange('10.1.0.3-10.1.0.4')!], 3);
    expect(free.map(formatIp)).toEqual(['10.1.0.2', '10.1.0.5', '10.1.0.6']);
    expect(firstFree(parseRange('10.1.0.1-10.1.0.2')!, [], 5)).toHaveLength(2); // runs out
  });
});
