/**
 * Explained figures: the disclosure markup, escaping, the plain fallback, and (on the
 * reference pilot, evaluated by core) that every explained figure of a whole report sits where
 * a <details> may: never inside a <p>.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html } from '../escape.js';
import { explainedFigures } from '../fixtures/explained-html.js';
import { explainedSamplePlan } from '../fixtures/sample-explanations.js';
import { samplePlan, XSS_PAYLOAD } from '../fixtures/sample-plan.js';
import { renderHtml } from '../render.js';
import { explained } from './explain.js';

const ESCAPED_PAYLOAD = '&lt;img src=x onerror=alert(1)&gt;';

describe('explained()', () => {
  it('renders the figure as a <details> disclosure with the formula, the inputs and the source', () => {
    const out = explained(explainedSamplePlan, 'compute.inventory.cmp-r760.VCPU', '760').value;
    expect(out.startsWith('<details class="why"><summary>760</summary><div class="why-body" role="note">')).toBe(true);
    expect(out.endsWith('</div></details>')).toBe(true);
    expect(out).toContain('<strong>Placement VCPU capacity of one cmp-r760 host (compute-01, compute-02, compute-03)</strong>: 760 vCPU');
    expect(out).toContain('<p class="why-formula">capacity = (total − reserved) × allocation_ratio</p>');
    expect(out).toContain('As computed: <code>(total - reserved) * allocation_ratio</code>');
    expect(out).toContain('<thead><tr><th scope="col">Symbol</th><th scope="col">Input</th><th scope="col">Value</th><th scope="col">From</th></tr></thead>');
    expect(out).toContain(
      '<tr><th scope="row"><code>reserved</code></th><td>reserved_host_cpus</td><td class="why-value">2 vCPU</td><td><code>openstack.reserved.hostCpus</code></td></tr>',
    );
    // a ratio shows as a factor; ratios below 1 also as a percentage
    expect(out).toContain('<td class="why-value">4.0</td>');
    expect(out).toContain('<p class="why-source">Source: openstack/placement placement/objects/resource_provider.py</p>');
  });

  it('formats bytes as TB with TiB, and names another explanation by its label', () => {
    const out = explained(explainedSamplePlan, 'storage.pool.volumes.usable', '129.0 TB').value;
    // 129.024e12 bytes = 129.02 TB = 117.35 TiB (129.024e12 / 2^40 = 117.346)
    expect(out).toContain('129.02 TB (117.35 TiB)');
    // 552.96e12 bytes = 552.96 TB = 502.91 TiB; from storage.raw, which the plan explains: its label
    expect(out).toContain('<td class="why-value">552.96 TB (502.91 TiB)</td><td>Raw Ceph capacity: 72 OSDs</td>');
    expect(out).toContain('<td class="why-value">0.7 (70.0%)</td>');
    // a from that is no explanation of the plan is shown as a path
    expect(out).toContain('<td><code>storage.pool.volumes.rawUsedRate</code></td>');
  });

  it('escapes everything the plan says: label, formula, input labels, paths, source', () => {
    const out = explained(explainedSamplePlan, 'storage.pool.volumes.usable', html`<b>129.0 TB</b>`).value;
    expect(out).not.toContain(XSS_PAYLOAD);
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toContain('<b>Not bold</b>');
    expect(out.split(ESCAPED_PAYLOAD).length - 1).toBe(3); // label, input label, source
    expect(out).toContain('&lt;b&gt;Not bold&lt;/b&gt;');
    expect(out).toContain('<code>ceph.pools[name=volumes].share&quot;&gt;&lt;img src=x&gt;</code>');
    // the figure itself is the caller's markup (SafeHtml), kept as given
    expect(out).toContain('<summary><b>129.0 TB</b></summary>');
  });

  it('renders the figure alone when the plan has no such explanation, or no explanations at all', () => {
    expect(explained(explainedSamplePlan, 'compute.inventory.cmp-r760.MEMORY_MB', '1,024').value).toBe('1,024');
    expect(explained(samplePlan, 'compute.inventory.cmp-r760.VCPU', '760').value).toBe('760');
    // plain text is escaped like any other
    expect(explained(samplePlan, 'x', '<i>').value).toBe('&lt;i&gt;');
    // an inherited property name is no explanation
    expect(explained(explainedSamplePlan, 'constructor', '7').value).toBe('7');
  });
});

describe('a report with explanations', async () => {
  const doc = await renderHtml(explainedSamplePlan);
  const plain = await renderHtml(samplePlan);

  it('explains the figures the plan explains, in place, and leaves the others plain', () => {
    expect(doc).toContain('<td class="num"><details class="why"><summary>760</summary><div class="why-body" role="note">');
    expect(doc).toContain('<dt>Raw capacity</dt><dd><details class="why"><summary>553.0 TB</summary>');
    // MEMORY_MB capacity has no explanation in this plan: a plain cell
    expect(doc).toMatch(/<td><code>MEMORY_MB<\/code><\/td>(<td class="num">[^<]*<\/td>){5}/);
    // the summary's key figures explain the raw capacity too (it comes first in the document)
    // volumes' usable = 552.96 TB raw / 3 (raw used rate of size 3) = 184.32 TB
    expect(explainedFigures(doc)).toEqual(['553.0 TB', '760', '553.0 TB', '184.3 TB']);
  });

  it('says how to read dotted figures, only when the plan has explanations', () => {
    expect(doc).toContain('Dotted figures explain themselves');
    expect(plain).not.toContain('Dotted figures explain themselves');
    expect(plain).not.toContain('class="why"');
  });

  it('keeps the payload as text', () => {
    expect(doc).not.toContain(XSS_PAYLOAD);
    expect(doc).not.toMatch(/<img/i);
  });
});

/** Tags that may not contain a <details> (phrasing-content parents), and the explained figures found inside one. */
function misplacedDisclosures(doc: string): string[] {
  const open: string[] = [];
  const bad: string[] = [];
  for (const m of doc.matchAll(/<(\/?)(p|span|strong|em|code|summary|details|a|label|button|caption|h[1-6])\b[^>]*>/g)) {
    const [, closing, name] = m;
    if (closing) {
      const i = open.lastIndexOf(name!);
      if (i >= 0) open.splice(i, 1);
      continue;
    }
    if (name === 'details' && m[0].startsWith('<details class="why"')) {
      const phrasing = open.filter((t) => t !== 'details');
      if (phrasing.length > 0) bad.push(`${phrasing.join('>')} at ${m.index}: ${doc.slice(m.index!, m.index! + 80)}`);
    }
    open.push(name!);
  }
  return bad;
}

describe('the reference pilot’s report', async () => {
  const text = readFileSync(join(import.meta.dirname, '../../../../scenarios/reference-pilot.yaml'), 'utf8');
  const plan = evaluate(parseScenario(text).scenario!);
  const doc = await renderHtml(plan);

  it('explains the headline figures of every section', () => {
    const figures = explainedFigures(doc);
    expect(figures.length).toBeGreaterThan(60);
    const ids = [
      explainId.computeInventory('cmp-r760', 'VCPU'),
      explainId.computeTotal('VCPU'),
      explainId.computeTolerated('MEMORY_MB'),
      explainId.computeDemand('VCPU'),
      explainId.poolUsable('volumes'),
      explainId.poolSafeUsable('volumes'),
      explainId.poolMaxAvail('volumes'),
      explainId.storageRaw(),
      explainId.quorum(),
      explainId.recoveryBandwidth(),
      explainId.resourceUtilisation('compute.memory', 'last'),
    ];
    for (const id of ids) {
      const e = plan.explanations![id]!;
      // the box of each is in the report, with its label (escaped like any text)
      expect(doc, id).toContain(`<strong>${e.label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</strong>`);
    }
    // 3 × (2 × 32 × 2 − 4) × 4.0 = 1,488 vCPU; quorum 2
    expect(figures).toContain('1,488 vCPU');
    expect(figures).toContain('2');
  });

  it('never puts a disclosure inside a paragraph or other phrasing content (the parser would break the paragraph)', () => {
    expect(misplacedDisclosures(doc)).toEqual([]);
    // the check finds one when there is one
    expect(misplacedDisclosures(`<p>a ${explained(plan, explainId.quorum(), '2').value}</p>`)).toHaveLength(1);
  });
});
