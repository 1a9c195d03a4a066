import { describe, expect, it } from 'vitest';
import type { PlanResult } from '@headroom/core';
import { sampleFailure } from '../fixtures/sample-failure.js';
import { samplePlan, XSS_PAYLOAD } from '../fixtures/sample-plan.js';
import { failureRows, failureSection, rowLabel } from './failure.js';

const plan: PlanResult = { ...structuredClone(samplePlan), failure: structuredClone(sampleFailure) };

describe('failure section', async () => {
  const doc = (await failureSection(plan)).value;

  it('groups domains whose loss does the same thing, in kind order', () => {
    // compute-01..03 share harm, month and severity; control-01 and storage-01 differ from them
    expect(failureRows(sampleFailure).map(rowLabel)).toEqual(['host control-01', '3 hosts like compute-01', 'host storage-01', 'rack r1', 'switch r1-tor-a']);
  });

  it('says how many tolerated losses stop something and from when (month 9 of a Jan 2027 start = Oct 2027)', () => {
    // tolerated with an outage: compute-01..03 (month 9); storage-01 only degrades; rack r1 is not tolerated.
    expect(doc).toContain('<p class="verdict verdict-fail">3 tolerated losses stop something (instances, quorum or I/O) within the horizon, the first from Oct 2027.</p>');
    expect(doc).toContain('The plan must survive losing 1 host per role, no rack, no zone, 1 switch, 1 power feed, with no maintenance allowance.');
  });

  it('draws the heat map of harmful losses and the matrix with a cell per subsystem', () => {
    expect(doc).toContain('id="chart-failure-heat"');
    expect(doc).toContain('3 hosts like compute-01 from Oct 2027');
    expect(doc).toContain('rack r1 (not tolerated) from Oct 2027');
    expect(doc).toContain('<table class="failure-matrix">');
    for (const col of ['Compute', 'Control plane', 'Ceph', 'Network']) expect(doc).toContain(`<th scope="col">${col}</th>`);
    expect(doc).not.toContain('<th scope="col">Power</th>'); // no domain touches power here
    expect(doc).toContain('<span class="badge sev-error">error</span> <strong>from Oct 2027</strong>');
    expect(doc).toContain('<span class="badge status-pass">ok</span>');
  });

  it('escapes scenario strings in messages', () => {
    expect(doc).not.toContain(XSS_PAYLOAD);
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('a plan without a failure analysis gets a note, not a crash', async () => {
    const bare = (await failureSection(samplePlan)).value;
    expect(bare).toContain('<h2 id="failure">Failure domains</h2>');
    expect(bare).toContain('no failure analysis');
  });

  it('tolerated losses that only degrade: an amber verdict', async () => {
    // only storage-01 (cannot re-protect, month 0) is left harmful
    const degraded: PlanResult = { ...plan, failure: { ...sampleFailure, impacts: sampleFailure.impacts.filter((i) => i.subsystem !== 'compute') } };
    const d = (await failureSection(degraded)).value;
    expect(d).toContain('<p class="verdict verdict-warn">1 tolerated loss leaves the cloud degraded');
  });

  it('no harmful tolerated loss: a passing verdict and no heat map', async () => {
    const calm: PlanResult = {
      ...plan,
      failure: { ...sampleFailure, impacts: sampleFailure.impacts.filter((i) => i.harms.length === 0) },
    };
    const d = (await failureSection(calm)).value;
    expect(d).toContain('No tolerated loss causes harm within the horizon.');
    expect(d).not.toContain('chart-failure-heat');
  });
});
