/**
 * Explanations of each pool's durability (storage/durability.ts): the device failure rate λ
 * from the AFR, the probability of losing data in a year, "1 in N years", and the expected
 * bytes lost per year. Values are the plan's own (CephPoolDurability); the expressions
 * reproduce them with mathjs.
 */
import type { PlanResult } from '../model/plan.js';
import { type ExplanationSet, input } from './common.js';
import { explainId } from './ids.js';
import { scenarioPath } from './paths.js';

const SOURCE =
  "headroom [model], the copyset form of the RAID MTTDL estimate: Kampe's RADOS reliability model (ceph/ceph-tools models/reliability, RadosRely.py: " +
  'data is lost when every copy of a PG fails within the recovery time), Backblaze erasure-coding-durability (P+1 shards lost before they are replaced), ' +
  'Cidon et al., Copysets, USENIX ATC 2013';

/** Adds the durability explanations of every pool that has one. */
export function explainDurability(plan: PlanResult, out: ExplanationSet): void {
  const ceph = plan.storage.ceph;
  for (const d of ceph?.durability ?? []) {
    const afrKey = plan.scenario.ceph.durability && Object.hasOwn(plan.scenario.ceph.durability.afr, d.afrKey) ? d.afrKey : null;
    const lambdaId = explainId.poolFailureRate(d.pool);
    out.add({
      id: lambdaId,
      label: `Failure rate of one OSD device of pool ${d.pool} (${d.deviceClasses.join(', ')}; the highest AFR among them)`,
      value: d.failureRatePerHour,
      unit: 'per hour',
      formula: 'λ = −ln(1 − AFR) ÷ 8766 h: the constant rate under which a device fails within a year with probability AFR (8766 h = 365.25 days)',
      expression: '-log1p(-afr) / 8766',
      inputs: [input('afr', `annual failure rate (${d.afrSource})`, d.afr, '', afrKey === null ? undefined : scenarioPath('ceph', 'durability', 'afr', afrKey))],
      source: `${SOURCE}; λ from AFR as Kampe's RelyFuncts.Pfail inverts it (P = 1 − e^(−λ·YEAR))`,
    });
    if (d.annualLossProbability === null || d.recoveryHours === null) continue;
    const inputs = [
      input(
        'G',
        `PGs that count: min(pg_num ${d.pgNum} (${d.pgSource}), ${d.possibleSets} distinct sets of ${d.tolerated + 1} OSDs in different failure domains ÷ C(n, m+1))`,
        d.effectivePgs,
        'PGs',
        explainId.poolPgNum(d.pool),
      ),
      input('n', 'PG width: size, or k + m', d.width, 'OSDs'),
      input('m', 'copies or shards a PG may lose', d.tolerated, 'OSDs'),
      input('lambda', 'failure rate of one device', d.failureRatePerHour, 'per hour', lambdaId),
      input('T', `recovery window: time to re-protect ${d.recoverySubject} (detection + down-out interval + data ÷ rate)`, d.recoveryHours, 'h'),
    ];
    const rate = 'G * (m + 1) * combinations(n, m + 1) * lambda^(m + 1) * T^m';
    const probId = explainId.poolLossProbability(d.pool);
    out.add({
      id: probId,
      label: `Probability that pool ${d.pool} loses data in a year (independent device failures)`,
      value: d.annualLossProbability,
      unit: '',
      formula: "P(year) = 1 − e^(−8766·Λ), Λ = G·(m+1)·C(n, m+1)·λ^(m+1)·T^m data-loss events per hour: m + 1 of a PG's n OSDs down within one another's recovery window",
      expression: `-expm1(-8766 * ${rate})`,
      inputs,
      source: SOURCE,
    });
    if (d.oneInYears !== null) {
      out.add({
        id: explainId.poolOneInYears(d.pool),
        label: `Pool ${d.pool} loses data once in this many years (on average)`,
        value: d.oneInYears,
        unit: 'years',
        formula: `N = 1 ÷ P(year); ${d.nines ?? 0} nines of annual durability = floor(−log10 P)`,
        expression: '1 / p',
        inputs: [input('p', 'probability of losing data in a year', d.annualLossProbability, '', probId)],
        source: SOURCE,
      });
    }
    if (d.expectedBytesLostPerYear !== null) {
      out.add({
        id: explainId.poolExpectedBytesLost(d.pool),
        label: `Bytes pool ${d.pool} is expected to lose per year (each event loses the PGs on the failed OSDs)`,
        value: d.expectedBytesLostPerYear,
        unit: 'bytes',
        formula: 'E = 8766·Λ × stored ÷ G: events per year × the data of one PG (it does not depend on G: more PGs, more frequent but smaller losses)',
        expression: `8766 * ${rate} * stored / G`,
        inputs: [...inputs, input('stored', `stored bytes at ${ceph?.recovery.month ?? 'the month with the most data'}`, d.storedBytes, 'bytes')],
        source: SOURCE,
      });
    }
  }
}
