import { describe, expect, it } from 'vitest';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { expandHosts } from '../fleet/hosts.js';
import { makeScenario } from '../model/test-scenario.js';
import { planProcurement, scheduleProcurement } from './schedule.js';
import { growingScenario } from './test-growing.js';

describe('scheduleProcurement (the plan and the timeline it was checked on)', () => {
  it('gives planProcurement’s plan and the timeline buildFleetTimeline builds from it', () => {
    for (const fd of ['host', 'rack'] as const) {
      for (const retire of [false, true]) {
        const s = growingScenario(fd, retire);
        const hosts = expandHosts(s).hosts;
        const scheduled = scheduleProcurement(s)!;
        expect(scheduled.plan).toEqual(planProcurement(s));
        expect(new Set(scheduled.plan.purchases.map((p) => p.role))).toEqual(new Set(['compute', 'storage']));
        // compute and storage bought in one month: the search finds compute first, as billOfMaterials sorts them
        expect(scheduled.timeline).not.toBeNull();
        const built = buildFleetTimeline(s, hosts, scheduled.plan.purchases, scheduled.plan.addedRacks);
        expect(built.epochs.length).toBeGreaterThan(3);
        expect(scheduled.timeline).toEqual(built);
      }
    }
  });

  it('is null without a procurement section', () => {
    expect(scheduleProcurement(makeScenario())).toBeNull();
  });
});
