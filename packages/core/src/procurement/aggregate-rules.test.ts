/**
 * Purchase rules per host aggregate (procurement.aggregates): a PCPU shortfall (only the nfv
 * aggregate's hosts offer PCPU) buys the nfv rule's model, a VGPU shortfall the gpu rule's,
 * and the general rule buys neither. Worked by hand on scenarios/nfv-gpu-cloud.yaml (its
 * figures in the comment at the top of the file) with more NFV and GPU demand and no growth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate.js';
import { parseScenario } from '../scenario/parse.js';

const base = readFileSync(join(import.meta.dirname, '../../../../scenarios/nfv-gpu-cloud.yaml'), 'utf8');

function variant(): string {
  const demand = base
    .replace('- { flavor: nfv.vrouter, count: 6, availabilityZone: az1 }', '- { flavor: nfv.vrouter, count: 17 }')
    .replace('- { flavor: nfv.vrouter, count: 5, availabilityZone: az2 }', '- { flavor: nfv.vrouter, count: 17 }')
    .replace('- { flavor: nfv.upf, count: 1, availabilityZone: az2 }', '- { flavor: nfv.upf, count: 1 }')
    .replace('- { flavor: gpu.l40s-12q, count: 30 }', '- { flavor: gpu.l40s-12q, count: 40 }')
    .replace('growth: { kind: compound, perMonth: 0.02 }', 'growth: { kind: compound, perMonth: 0 }');
  const i = demand.indexOf('procurement:');
  return `${demand.slice(0, i)}procurement:
  roles:
    compute: { hardware: cmp-r760, batch: 1, leadTimeWeeks: 12 }
  aggregates:
    nfv: { hardware: nfv-r760, batch: 1, leadTimeWeeks: 16 }
    gpu: { hardware: gpu-r760xa, batch: 1, leadTimeWeeks: 16 }
`;
}

describe('procurement.aggregates', () => {
  const parsed = parseScenario(variant(), { fileName: 'nfv-gpu-variant.yaml' });
  const plan = evaluate(parsed.scenario!);

  it('validates', () => expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('PCPU short -> one nfv-r760 into aggregate nfv; VGPU short -> one gpu-r760xa into aggregate gpu; no general host', () => {
    // PCPU: demand 34 x 8 + 12 = 284; 4 nfv hosts x 112 = 448, one host tolerated: 336,
    // x 0.80 = 268.8 < 284. One more: 560 - 112 = 448 x 0.80 = 358.4 >= 284 -> 1 host.
    // VGPU: demand 40; 4 x 16 = 64 - 16 = 48 x 0.80 = 38.4 < 40. One more: 80 - 16 = 64 x 0.80 = 51.2 >= 40 -> 1 host.
    // Both cross in month 0 (no growth), so both are delivered in 2027-01, already late.
    const p = plan.procurement!.purchases.map((x) => [x.role, x.aggregate, x.hardware, x.quantity, x.deliveryMonthIndex, x.reasons.map((r) => r.resource)]);
    expect(p).toEqual([
      ['compute', 'nfv', 'nfv-r760', 1, 0, ['compute.pcpu']],
      ['compute', 'gpu', 'gpu-r760xa', 1, 0, ['compute.vgpu']],
    ]);
    expect(plan.procurement!.uncovered).toEqual([]);
    // utilisation of PCPU before 284 / 336 = 0.845, after 284 / 448 = 0.634
    const pcpu = plan.procurement!.purchases[0]!.reasons[0]!;
    expect(pcpu.utilisationBefore).toBeCloseTo(284 / 336, 12);
    expect(pcpu.utilisationAfter).toBeCloseTo(284 / 448, 12);
  });

  it('the bought hosts join their aggregate: PCPU 448 + 112 = 560 in the fleet after delivery, VGPU 64 + 16 = 80', () => {
    const end = plan.fleet!.hosts.filter((h) => h.purchased).map((h) => [h.name, h.hardware, h.aggregates]);
    expect(end).toEqual([
      ['compute-new-01', 'nfv-r760', ['nfv']],
      ['compute-new-02', 'gpu-r760xa', ['gpu']],
    ]);
  });

  it('explanation ids carry the aggregate: procurement.purchase.compute.nfv.2027-01.quantity', () => {
    expect(plan.explanations!['procurement.purchase.compute.nfv.2027-01.quantity']!.value).toBe(1);
    expect(plan.explanations!['procurement.purchase.compute.gpu.2027-01.quantity']!.value).toBe(1);
  });

  it('a rule naming an unknown model: ref.unknown_hardware at procurement.aggregates.<name>.hardware', () => {
    const bad = parseScenario(variant().replace('nfv: { hardware: nfv-r760,', 'nfv: { hardware: nfv-r750,'), { fileName: 'bad.yaml' });
    expect(bad.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path.join('.')])).toEqual([['ref.unknown_hardware', 'procurement.aggregates.nfv.hardware']]);
  });
});
