/**
 * The network section, rendered from the reference pilot's plan (core's evaluate on
 * scenarios/reference-pilot.yaml). The figures asserted were worked by hand in the
 * scenario's comments; the section only formats them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '@headroom/core';
import { explainedFigures, withoutExplanations } from '../fixtures/explained-html.js';
import { samplePlan } from '../fixtures/sample-plan.js';
import { formatBitrate, networkSection } from './network.js';

const plan = evaluate(parseScenario(readFileSync(join(import.meta.dirname, '../../../../scenarios/reference-pilot.yaml'), 'utf8')).scenario!);

describe('network section', async () => {
  const explainedDoc = (await networkSection(plan)).value;
  // the figures as the cells show them (the formula boxes of explained figures left out)
  const doc = withoutExplanations(explainedDoc);

  it('explains its headline figures: usable and host addresses, link bandwidths and loads, fan-out, recovery bandwidth', () => {
    const figures = explainedFigures(explainedDoc);
    // mgmt 10.10.0.0/24: 254 usable, 190 host addresses; recovery 100 Gbit/s; fan-out 2.0
    for (const f of ['254', '190', '50 Gbit/s', '25 Gbit/s', '3.53 Gbit/s', '100 Gbit/s', '2.0']) expect(figures).toContain(f);
  });

  it('bit rates in Gbit/s (decimal, bits)', () => {
    expect([formatBitrate(25e9), formatBitrate(3.529e9), formatBitrate(175e9), formatBitrate(null)]).toEqual(['25 Gbit/s', '3.53 Gbit/s', '175 Gbit/s', '—']);
  });

  it('the VLAN/subnet table: mgmt VLAN 100, 10.10.0.0/24, 190 host addresses, 10 hosts, never runs out', () => {
    const row = doc.slice(doc.indexOf('<th scope="row">mgmt'), doc.indexOf('</tr>', doc.indexOf('<th scope="row">mgmt')));
    expect(row).toContain('<td class="num">100</td><td><code>10.10.0.0/24</code>');
    expect(row).toContain('<td class="num">190</td><td class="num">10 / 10</td>');
    expect(row).toContain('beyond Dec 2028');
    expect(doc).toContain('geneve, +58 bytes, tenants 1,500');
  });

  it('the port and bond map: 802.3ad bonds of 50 Gbit/s, 25 for one flow', () => {
    expect(doc).toContain(
      '<td>802.3ad, hash layer3+4, LACP fast, miimon 100 ms</td><td>nic0p0, nic1p0</td><td class="num">9,000</td><td class="num">50 Gbit/s</td><td class="num">25 Gbit/s</td><td class="num">25 Gbit/s</td>',
    );
    expect(doc).toContain('provider <span class="small">VLAN 200</span> <span class="small">(no address)</span>');
  });

  it('bandwidth: storage replication 2 Gbit/s each way, 3.53 Gbit/s in the last month, 7.1 % peak', () => {
    expect(doc).toContain(
      '<td>ceph-cluster</td><td>bond1</td><td class="num">50 Gbit/s</td><td class="num">25 Gbit/s</td><td class="num">2 Gbit/s / 2 Gbit/s</td><td class="num">3.53 Gbit/s</td><td class="num">7.1%</td>',
    );
    expect(doc).toContain('50 Gbit/s per host on ceph-cluster (bond1) × 2 survivors = 100 Gbit/s');
  });

  it('floating IPs chart and oversubscription', () => {
    expect(doc).toContain('id="chart-network-fips"');
    expect(doc).toContain('Floating IPs needed grow from 40 to 71; the provider allocation pools hold 231.');
    expect(doc).toContain('<td class="num">175 Gbit/s</td><td class="num">200 Gbit/s</td><td class="num">0.88:1</td>');
  });

  it('a plan without a network section says so', async () => {
    expect((await networkSection(samplePlan)).value).toContain('has no <code>network:</code> section');
  });
});
