import { describe, expect, it } from 'vitest';
import { bondBandwidth } from './links.js';
import { fanOut, replicationFanOut } from './traffic.js';
import { overlayOverheadBytes } from './mtu.js';

const G = 1e9;

describe('effective bandwidth by bond mode (Linux bonding.rst, IEEE 802.1AX)', () => {
  it('2 x 25 Gbit/s in 802.3ad: 50 aggregate, 25 for one flow, 25 after losing a link', () => {
    expect(bondBandwidth('802.3ad', [25 * G, 25 * G])).toEqual({ aggregateBitsPerSecond: 50 * G, singleFlowBitsPerSecond: 25 * G, afterLinkLossBitsPerSecond: 25 * G });
  });

  it('balance-xor hashes like 802.3ad: 4 x 10 Gbit/s -> 40, 10, 30', () => {
    expect(bondBandwidth('balance-xor', [10 * G, 10 * G, 10 * G, 10 * G])).toEqual({
      aggregateBitsPerSecond: 40 * G,
      singleFlowBitsPerSecond: 10 * G,
      afterLinkLossBitsPerSecond: 30 * G,
    });
  });

  it('active-backup uses one link: 2 x 25 -> 25, 25, 25; primary 25 with a 1 Gbit/s backup -> 25, 25, 1', () => {
    expect(bondBandwidth('active-backup', [25 * G, 25 * G])).toEqual({ aggregateBitsPerSecond: 25 * G, singleFlowBitsPerSecond: 25 * G, afterLinkLossBitsPerSecond: 25 * G });
    expect(bondBandwidth('active-backup', [1 * G, 25 * G], 1)).toEqual({ aggregateBitsPerSecond: 25 * G, singleFlowBitsPerSecond: 25 * G, afterLinkLossBitsPerSecond: 1 * G });
  });

  it('a single port: its speed, nothing after the loss', () => {
    expect(bondBandwidth('port', [25 * G])).toEqual({ aggregateBitsPerSecond: 25 * G, singleFlowBitsPerSecond: 25 * G, afterLinkLossBitsPerSecond: 0 });
  });
});

describe('replication fan-out (Ceph architecture: the primary OSD sends the other copies or chunks)', () => {
  it('replicated size 3 sends 2 copies; EC 4+2 sends 5 chunks of 1/4 = 1.25; the worst pool counts', () => {
    expect(fanOut({ name: 'v', type: 'replicated', size: 3, minSize: 2, share: 1 })).toBe(2);
    expect(fanOut({ name: 'b', type: 'erasure', k: 4, m: 2, minSize: 5, share: 1 })).toBe(1.25);
    expect(
      replicationFanOut([
        { name: 'b', type: 'erasure', k: 4, m: 2, minSize: 5, share: 0.5 },
        { name: 'v', type: 'replicated', size: 3, minSize: 2, share: 0.5 },
      ]),
    ).toEqual({ factor: 2, pool: 'v' });
    expect(replicationFanOut([])).toBeNull();
  });
});

describe('overlay overhead (neutron-lib constants)', () => {
  it('VXLAN 30 + 20 = 50 over IPv4, 30 + 40 = 70 over IPv6; Geneve (OVN) 38 + 20 = 58, 78', () => {
    expect([overlayOverheadBytes('vxlan', 4), overlayOverheadBytes('vxlan', 6), overlayOverheadBytes('geneve', 4), overlayOverheadBytes('geneve', 6)]).toEqual([50, 70, 58, 78]);
  });
});
