/**
 * A purchase's `placement` (hosts per rack) is counted in a Map while placing and copied into
 * the object at the end: it must be the count of the purchase's hosts per rack, the racks in the
 * order each first received a host (the object's key order, which the JSON plan shows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.js';
import { planProcurement } from './schedule.js';

describe('purchase placement', () => {
  it.each(['regional-cloud.yaml', 'nfv-gpu-cloud.yaml'])('%s: hosts per rack in first-placed order', (file) => {
    const text = readFileSync(join(import.meta.dirname, '../../../../scenarios', file), 'utf8');
    const { scenario } = parseScenario(text, { fileName: file });
    const plan = planProcurement(scenario!)!;
    expect(plan.purchases.length).toBeGreaterThan(0);
    let multi = 0;
    for (const p of plan.purchases) {
      const expected: [string, number][] = [];
      for (const h of p.hosts) {
        const e = expected.find((x) => x[0] === h.rack);
        if (e) e[1] += 1;
        else expected.push([h.rack, 1]);
      }
      expect(Object.entries(p.placement)).toEqual(expected);
      if (expected.length > 1) multi += 1;
    }
    // some purchase spreads over several racks, so the order of the keys is checked
    if (file === 'regional-cloud.yaml') expect(multi).toBeGreaterThan(0);
  });
});
