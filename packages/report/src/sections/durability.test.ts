/**
 * The durability subsection and the layouts page, rendered from core's results on the regional
 * cloud. The section only formats: the figures checked are the plan's own, formatted by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateLayouts, parseScenario } from '@headroom/core';
import { renderLayoutsHtml } from '../layouts-page.js';
import { formatOneInYears } from '../format.js';
import { explainedFigures, withoutExplanations } from '../fixtures/explained-html.js';
import { durabilitySection, formatProbability } from './durability.js';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '../../../../scenarios/regional-cloud.yaml'), 'utf8')).scenario!;
const plan = evaluate(scenario);

describe('formatting', () => {
  it('1 in N years', () => {
    // 348,568,789 years = 348.6 million; 3,342 = 3.3 thousand; 4.83e14 = 483.0 trillion; 7.25 -> one decimal below 10.
    expect([formatOneInYears(348_568_789), formatOneInYears(3342), formatOneInYears(4.83e14), formatOneInYears(7.25), formatOneInYears(null)]).toEqual([
      '1 in 348.6 million years',
      '1 in 3.3 thousand years',
      '1 in 483.0 trillion years',
      '1 in 7.3 years',
      'never (no failure rate)',
    ]);
    expect(formatOneInYears(2e15)).toBe('1 in 2.00e+15 years');
  });
  it('probabilities: a percentage from 0.1 %, else m × 10^e', () => {
    expect(String(formatProbability(0.0123))).toBe('1.23%');
    expect(String(formatProbability(2.8689e-9))).toBe('2.87 × 10<sup>-9</sup>');
    expect(formatProbability(null)).toBe('—');
  });
});

describe('durability subsection', () => {
  const explainedDoc = durabilitySection(plan).value;
  const doc = withoutExplanations(explainedDoc);

  it('one row per pool, the EC pool least durable, its figures explained', () => {
    const d = plan.storage.ceph!.durability!;
    expect(d.map((x) => x.pool)).toEqual(['volumes', 'vms', 'images', 'backups']);
    const backups = d.find((x) => x.pool === 'backups')!;
    expect(doc).toContain('<th scope="row">backups</th><td>ec42_hdd</td><td>6 wide, tolerates 2</td><td>hdd: 1.57%</td>');
    expect(explainedFigures(explainedDoc)).toContain(formatOneInYears(backups.oneInYears));
    expect(doc).toContain(`${backups.nines ?? 'x'}</td>`);
  });

  it('the worst rack: 2 of the 8 host domains; EC 4+2 (min_size 5) inactive in C(2,2)·C(6,4) = 15 of C(8,6) = 28 placements', () => {
    // EC 4+2 over 8 hosts, a rack of 2 lost: inactive when >= 2 shards are lost: C(2,2)·C(6,4) = 15 of C(8,6) = 28 -> 53.57 %.
    expect(doc).toContain('<th scope="row">backups</th><td>rack r1</td><td class="num">2 of 8</td><td class="num">53.57%</td><td class="num">0.00%</td>');
  });
});

describe('allocation padding table', () => {
  it('backups: 4 MiB RBD objects, 4 KiB units, 6 MiB allocated (6 shards of 1 MiB), factor 1.00, no padding', () => {
    const doc = durabilitySection(plan).value;
    expect(doc).toContain(
      '<th scope="row">backups</th><td class="num">4 MiB</td><td class="num">4 KiB</td><td class="num">6 MiB</td><td class="num">1.00</td><td class="num">none</td><td class="num">none</td>',
    );
  });
});

describe('layouts page', () => {
  it('every layout, the unhealthy ones with their reason', () => {
    const page = renderLayoutsHtml(evaluateLayouts(scenario), scenario.name);
    expect(page).toContain('<title>Regional cloud: Ceph layouts</title>');
    expect((page.match(/<tr( class="unhealthy")?><th scope="row">/g) ?? []).length).toBe(18);
    expect(page).toContain('EC 8+2, host: 8 hosts for 10 copies or shards: PGs never go active+clean');
  });
});
