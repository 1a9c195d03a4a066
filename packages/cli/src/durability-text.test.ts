import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../../../test/helpers/plan-fixture.js';
import { durabilityLine, formatOneInYears } from './render-text.js';
import { layoutsText } from './layouts-command.js';
import type { CephLayoutComparison, CephPoolDurability } from '@headroom/core';

describe('durability in the terminal', () => {
  it('1 in N years, as the report writes it', () => {
    // 34,057,712,820 years = 34.1 billion; 605,200 = 605.2 thousand.
    expect([formatOneInYears(34_057_712_820), formatOneInYears(605_200), formatOneInYears(12.4), formatOneInYears(null)]).toEqual([
      '1 in 34.1 billion years',
      '1 in 605.2 thousand years',
      '1 in 12 years',
      'never (no failure rate)',
    ]);
  });

  it('the summary line names the pool most likely to lose data', () => {
    const plan = fixturePlan();
    const pool = (name: string, p: number, nines: number): CephPoolDurability => ({
      pool: name,
      rule: 'r',
      width: 3,
      tolerated: 2,
      deviceClasses: ['hdd'],
      afr: 0.0157,
      afrKey: 'hdd',
      afrSource: 's',
      failureRatePerHour: 1.8e-6,
      recoveryHours: 0.95,
      recoverySubject: 'osd.0 (s1)',
      pgNum: 128,
      pgSource: 'pg_autoscaler',
      setsPerPg: 1,
      possibleSets: 1000,
      effectivePgs: 128,
      lossesPerHour: p / 8766,
      annualLossProbability: p,
      oneInYears: 1 / p,
      nines,
      storedBytes: 1e12,
      expectedBytesLostPerYear: 1,
      correlated: [],
      note: null,
    });
    expect(durabilityLine(plan)).toBeUndefined();
    const withDurability = { ...plan, storage: { ...plan.storage, ceph: { ...plan.storage.ceph!, durability: [pool('a', 1e-10, 10), pool('b', 4e-9, 8)] } } };
    // b: 1 / 4e-9 = 250,000,000 years.
    expect(durabilityLine(withDurability)).toBe('1 in 250.0 million years for pool b, the least durable (8 nines; independent device failures, AFR 1.57%, recovery window 57 min)');
    // 0.95 h = 57 min.
  });

  it('the layouts table: one line per layout, reasons below', () => {
    const c: CephLayoutComparison = {
      deviceClass: 'hdd',
      hardware: null,
      horizonSizing: 'not sized: 2 storage node groups (sizing adds hosts to a single group)',
      pools: ['volumes'],
      storedBytesMonth0: 40e12,
      storageHosts: 4,
      racks: 3,
      osdCount: 40,
      rawBytes: 320e12,
      tolerate: { hosts: 1, racks: 0 },
      capex: { amount: 80_000, currency: 'EUR' },
      rows: [
        {
          label: 'EC 4+2, host',
          type: 'erasure',
          size: null,
          k: 4,
          m: 2,
          failureDomain: 'host',
          width: 6,
          tolerated: 2,
          minSize: 5,
          writeAmplification: 1.5,
          domains: 4,
          domainsAfterFailure: 3,
          fewestDomains: 7,
          fewestHosts: 7,
          clean: false,
          healthyAfterLoss: false,
          servesIoAfterLoss: false,
          reason: '4 hosts for 6 copies or shards: PGs never go active+clean',
          usableBytes: 213.33e12,
          safeUsableBytes: 0,
          storedBytesMonth0: 40e12,
          storedBytesPeak: 40e12,
          runwayMonths: 0,
          annualLossProbability: null,
          oneInYears: null,
          nines: null,
          expectedBytesLostPerYear: null,
          worstRack: null,
          osdRecoverySeconds: null,
          hostRecoverySeconds: null,
          capexPerUsableTb: 375,
          capexPerSafeUsableTb: null,
          horizon: null,
        },
      ],
    };
    const text = layoutsText(c, 'Test');
    expect(text).toContain('Test: Ceph layouts on the hdd OSDs (40 OSDs, 320.0 TB raw, 4 hosts in 3 racks)');
    expect(text).toMatch(/EC 4\+2, host\s+never clean\s+213\.3 TB\s+-\s+-\s+1\.50\s+7\s+-\s+-\s+-\s+-\s+375 EUR\s+-\s+-\s+-\s+-\n/);
    expect(text).toContain('  horizon: not sized: 2 storage node groups (sizing adds hosts to a single group)\n');
    expect(text).toContain('  EC 4+2, host: 4 hosts for 6 copies or shards: PGs never go active+clean\n');
  });
});
