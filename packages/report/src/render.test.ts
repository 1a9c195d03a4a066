import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '@headroom/core';
import { samplePlan, XSS_PAYLOAD } from './fixtures/sample-plan.js';
import { renderHtml, SECTIONS } from './index.js';
import { SORT_SCRIPT } from './sort-script.js';

const ESCAPED_PAYLOAD = '&lt;img src=x onerror=alert(1)&gt;';

/** A deep copy of the sample plan, changed by `edit`. */
function variant(edit: (plan: PlanResult) => void): PlanResult {
  const plan = structuredClone(samplePlan);
  edit(plan);
  return plan;
}

/** Every tag's name and attributes (the report and vega always double-quote attribute values). */
function tags(doc: string): { name: string; attrs: [string, string][] }[] {
  return [...doc.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: [...(m[2] ?? '').matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)].map((a): [string, string] => [a[1]!.toLowerCase(), a[2] ?? '']),
  }));
}

/** The document with vega's namespace declarations removed: they name a namespace, they fetch nothing. */
function withoutXmlns(doc: string): string {
  return doc.replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
}

describe('renderHtml', async () => {
  const doc = await renderHtml(samplePlan);

  it('is one HTML document', () => {
    expect(doc.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(doc.trimEnd().endsWith('</html>')).toBe(true);
    expect(doc).toContain('<meta charset="utf-8">');
    expect(doc).toContain('<title>Pilot production cloud: capacity plan</title>');
  });

  it('is deterministic: the same plan renders to the same bytes, whatever was rendered before', async () => {
    const again = await renderHtml(samplePlan);
    expect(again).toBe(doc);
    await renderHtml(variant((p) => (p.scenario.name = 'Another cloud')));
    expect(await renderHtml(structuredClone(samplePlan))).toBe(doc);
  });

  it('does not change the plan', async () => {
    const before = JSON.stringify(samplePlan);
    await renderHtml(samplePlan);
    expect(JSON.stringify(samplePlan)).toBe(before);
  });

  it('has every section, as a heading with an id, in order, linked from the table of contents', () => {
    let last = -1;
    for (const [id, heading] of SECTIONS) {
      const at = doc.indexOf(`<h2 id="${id}">${heading} <a class="self-link" href="#${id}" aria-label="Link to this section">#</a></h2>`);
      expect(at, id).toBeGreaterThan(last);
      last = at;
      expect(doc).toContain(`<a href="#${id}">`);
      expect(doc).toContain(`aria-labelledby="${id}"`);
    }
  });

  it('summary: verdict, bottleneck with its runway month, counts by severity, worst findings', () => {
    const summary = doc.slice(doc.indexOf('<h2 id="summary">'), doc.indexOf('<h2 id="compute">'));
    expect(summary).toContain('The plan does not hold for the 24-month horizon: RAM runs out in Oct 2027.');
    expect(summary).toContain('Runway: <strong>9 months</strong>, ending Oct 2027');
    expect(summary).toMatch(/count-n">3<\/span> errors/);
    expect(summary).toMatch(/count-n">4<\/span> warnings/);
    expect(summary).toMatch(/count-n">2<\/span> info/);
    // worst first: the three errors lead the list
    const worst = summary.slice(summary.indexOf('<ol class="worst">'));
    expect(worst.indexOf('ceph.pool.<wbr>too_<wbr>few_<wbr>failure_<wbr>domains')).toBeLessThan(worst.indexOf('capacity.<wbr>runway'));
  });

  it('compute: two charts, Placement table, flavor fit, DISK_GB note', () => {
    expect(doc).toContain('id="chart-compute-vcpu"');
    expect(doc).toContain('id="chart-compute-ram"');
    for (const col of ['Resource class', 'Total', 'Reserved', 'Allocation ratio', 'Capacity', 'max_unit']) {
      expect(doc).toContain(`<th scope="col">${col}</th>`);
    }
    // compute-01 VCPU: total 192, reserved 2, ratio 4.0, capacity 760, max_unit 192
    expect(doc).toContain('<td><code>VCPU</code></td><td class="num">192</td><td class="num">2</td><td class="num">4.0</td><td class="num">760</td><td class="num">192</td>');
    expect(doc).toContain('Flavor fit');
    expect(doc).toContain('<strong>never</strong>');
    expect(doc).toContain('id="compute-disk-note"');
    // threshold line and tolerated capacity are in the legend
    expect(doc).toContain('Threshold 80% of capacity without compute-01');
    expect(doc).toContain('Capacity without compute-01');
  });

  it('storage: raw, pools table, one chart per rule set (the pools sharing its OSDs) with the threshold line', () => {
    expect(doc).toContain('553.0 TB in 72 OSDs');
    for (const col of ['Type', 'Size or k+m', 'min_size', 'Raw used rate', 'Share (PGs)', 'Usable', 'Nearfull usable']) {
      expect(doc).toContain(`<th scope="col">${col}</th>`);
    }
    expect(doc).toContain('<td>k=4, m=2</td>');
    expect(doc).toContain('id="chart-storage-rule-1"');
    expect(doc).not.toContain('id="chart-storage-rule-2"');
    // the tolerated capacity is what can be re-protected after the set's limiting failure
    expect(doc).toContain('without one 7.68 TB OSD of storage-01');
    // the rule set: the fullest OSD's factor and its source, each pool's part
    expect(doc).toContain('× 1.0938');
    expect(doc).toContain('replicated_rule, backups: upmap balancer, 1 + 5 ÷ 53.3 PGs per OSD');
    expect(doc).toContain('<th scope="row">volumes</th><td>replicated_rule, backups</td><td class="num">120.0 TB</td><td class="num">72.7%</td>');
  });

  it('storage, Ceph view: CRUSH tree and rules, MAX AVAIL vs what fits, PGs, hosts, recovery, fill charts', () => {
    const storage = doc.slice(doc.indexOf('<h2 id="storage">'), doc.indexOf('<h2 id="control-plane">'));
    const expected = [
      ...['storage-crush', 'storage-ceph-pools', 'storage-hosts', 'storage-fill', 'chart-ceph-fill-1', 'chart-ceph-fill-2'].map((id) => `id="${id}"`),
      // classes with CRUSH weights in TiB: 72 x 7.68e12 / 2^40 = 502.91 TiB
      '<th scope="row"><code>ssd</code></th><td class="num">72</td><td class="num">553.0 TB</td><td class="num">502.91 TiB</td>',
      '<code>chooseleaf indep 0 type host</code>',
      // volumes: ceph df 120.1 TB, still fits 120.1 TB, safe usable 111.3 TB, pg_num 1,024
      '<th scope="row">volumes</th><td>replicated_rule</td><td class="num">40.0 TB</td><td class="num">120.1 TB</td><td class="num">120.1 TB</td><td class="num">111.3 TB</td><td>one 7.68 TB OSD of storage-01</td><td class="num">1,024</td>',
      // backups: ceph df says 240.2 TB, CRUSH can place nothing (never clean on 3 hosts): flagged
      '240.2 TB <span class="badge sev-warning">overstated</span>',
      '-3 domains',
      'mon_max_pg_per_osd 250',
      // host sizing: 24 x 4 + 16 = 112 GiB needed, 64 GiB installed
      '112 GiB / 64 GiB <span class="badge status-fail">short</span>',
      '<span class="badge sev-warning">never</span>',
      'backfillfull 90%',
    ];
    for (const text of expected) expect(storage).toContain(text);
  });

  it('storage without the Ceph view (an older plan) still renders', async () => {
    // an older plan: no Ceph view, and a resource per pool (storage.pool.<name>)
    const old = await renderHtml(
      variant((p) => {
        delete p.storage.ceph;
        const id = 'storage.rule.replicated_rule+backups';
        p.resources = p.resources.map((r) => (r.id === id ? { ...r, id: 'storage.pool.volumes' } : r));
        for (const m of p.months) {
          m.resources['storage.pool.volumes'] = m.resources[id]!;
          delete m.resources[id];
        }
      }),
    );
    expect(old).not.toContain('id="storage-crush"');
    expect(old).toContain('id="chart-storage-pool-1"');
    expect(old).not.toContain('id="chart-storage-rule-1"');
  });

  it('control plane, nodes per role, role checks, findings, glossary', () => {
    expect(doc).toContain('the quorum is <strong>2</strong>');
    expect(doc).toContain('<th scope="row">storage-03</th><td>storage</td><td><code>sto-r760xd2</code></td><td>Dell PowerEdge R760xd2</td><td>r3</td>');
    expect(doc).toContain('<span class="badge status-fail">fail</span>');
    expect(doc).toContain('<span class="badge status-unknown">unknown</span>');
    const findingsTable = doc.slice(doc.indexOf('<table class="findings">'), doc.indexOf('</table>', doc.indexOf('<table class="findings">')));
    expect(findingsTable.match(/<tr class="finding-/g)).toHaveLength(samplePlan.findings.length);
    for (const term of ['Allocation ratio', 'Placement capacity', 'MAX AVAIL', 'Nearfull ratio', 'Failure domain', 'Runway', 'Bottleneck', 'N+1']) {
      expect(doc).toMatch(new RegExp(`<dt id="term-[a-z0-9-]+">[^<]*${term.replace('+', '\\+')}`));
    }
  });

  it('escapes every scenario string: the payload is text, never markup', () => {
    expect(doc).not.toContain(XSS_PAYLOAD);
    expect(doc).not.toMatch(/<img/i);
    expect(doc).toContain(ESCAPED_PAYLOAD);
    // in the flavor table, the flavor fit header, the findings and the summary
    expect(doc.split(ESCAPED_PAYLOAD).length - 1).toBeGreaterThanOrEqual(5);
    expect(doc).toContain('&lt;b&gt;Not bold&lt;/b&gt; &amp; &quot;quoted&quot;');
  });

  it('escapes the title option', async () => {
    const titled = await renderHtml(samplePlan, { title: `Q3 <script>alert(1)</script> & co` });
    expect(titled).toContain('<title>Q3 &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>');
    expect(titled).not.toContain('<script>alert');
  });

  it('references no external resource: one inline script, no src, only in-page links, no url() but #ids, no http(s)', () => {
    const all = tags(doc);
    expect(all.length).toBeGreaterThan(1000);
    const names = new Set(all.map((t) => t.name));
    // exactly one script, inline, attribute-free, and it is the sort script
    expect(all.filter((t) => t.name === 'script')).toEqual([{ name: 'script', attrs: [] }]);
    expect(doc.match(/<script>([\s\S]*?)<\/script>/)?.[1]).toBe(SORT_SCRIPT);
    for (const banned of ['link', 'img', 'image', 'iframe', 'object', 'embed', 'use', 'foreignobject']) {
      expect(names.has(banned), banned).toBe(false);
    }
    for (const t of all) {
      for (const [attr, value] of t.attrs) {
        expect(attr, `${t.name} ${attr}`).not.toMatch(/^(src|srcset|on.*)$/);
        if (attr === 'href' || attr === 'xlink:href') expect(value).toMatch(/^#/);
      }
    }
    expect(doc).not.toMatch(/@import/i);
    for (const m of doc.matchAll(/url\(([^)]*)\)/gi)) expect(m[1]).toMatch(/^#/);
    expect(withoutXmlns(doc)).not.toMatch(/https?:\/\//i);
  });

  it('shows numbers with units', () => {
    expect(doc).toContain('40.0 TB'); // volumes stored at month 0: 40e12 bytes
    expect(doc).toContain('2,280 vCPU');
    expect(doc).toContain('3,048 GiB'); // 3,121,152 MiB / 1,024: memory stays in GiB, never TiB
    expect(doc).toContain('Oct 2027');
    expect(doc).toContain('1 TB = 10<sup>12</sup> bytes (not TiB)');
  });

  it('charts: inline SVG with <title>, <desc> and drawn lines; tables: every <th> has a scope', () => {
    // compute vCPU and RAM, raw used vs capacity per rule set (1: both rules take every OSD), OSD fill per rule (2), rack elevations
    const svgs = doc.match(/<svg role="img" aria-labelledby="[^"]+"/g) ?? [];
    expect(svgs.length).toBe(6);
    expect(doc.match(/<title id="chart-[a-z0-9-]+-title">/g)).toHaveLength(6);
    expect(doc.match(/<desc id="chart-[a-z0-9-]+-desc">/g)).toHaveLength(6);
    expect((doc.match(/class="mark-line role-mark/g) ?? []).length).toBeGreaterThanOrEqual(4);
    const ths = doc.match(/<th\b[^>]*>/g) ?? [];
    expect(ths.length).toBeGreaterThan(50);
    for (const th of ths) expect(th).toMatch(/scope="(col|row)"/);
    // every table is named: a <caption>, or an aria-label (the charts' data tables, titled by their <summary>)
    const tables = doc.match(/<table\b[^>]*>\s*(?:<caption>)?/g) ?? [];
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) expect(t).toMatch(/<caption>$|aria-label="Data table: [^"]+"/);
  });

  it('has a Content-Security-Policy that fetches nothing and allows only the sort script, by its hash', () => {
    const csp = doc.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    // the hash is computed here independently: base64 of the SHA-256 digest of the script's UTF-8 text
    const hash = createHash('sha256').update(Buffer.from(SORT_SCRIPT, 'utf8')).digest('base64');
    expect(csp).toBe(`default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`);
    // in <head>, before the stylesheet and anything it governs
    expect(doc.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(doc.indexOf('<style>'));
    expect(doc.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(doc.indexOf('</head>'));
  });

  it('gives every h2 and h3 an id and a self-link to it', () => {
    const headings = [...doc.matchAll(/<h([23])\b([^>]*)>([\s\S]*?)<\/h\1>/g)];
    expect(headings.length).toBeGreaterThan(20);
    for (const [, , attrs, content] of headings) {
      const id = attrs!.match(/^ id="([^"]+)"$/)?.[1];
      expect(id, attrs).toBeDefined();
      expect(content!.endsWith(` <a class="self-link" href="#${id}" aria-label="Link to this section">#</a>`), content).toBe(true);
    }
  });

  it('marks the findings severity cells with a sort rank, worst first', () => {
    expect(doc).toContain('<tr class="finding-error"><td data-sort="0"><span class="badge sev-error">');
    expect(doc).toContain('<tr class="finding-warning"><td data-sort="1">');
    expect(doc).toContain('<tr class="finding-info"><td data-sort="2">');
  });

  it('gives every element a unique id', () => {
    const ids = [...doc.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('renderHtml on other plans', () => {
  it('says the plan holds when nothing runs out and there is no error', async () => {
    const plan = variant((p) => {
      p.bottleneck = null;
      for (const r of p.resources) {
        r.runwayMonths = null;
        r.runwayMonthsAllHosts = null;
      }
      p.findings = p.findings.filter((f) => f.severity !== 'error');
      p.summary = { error: 0, warning: 4, info: 2 };
    });
    const doc = await renderHtml(plan);
    expect(doc).toContain('The plan holds for the 24-month horizon.');
    expect(doc).not.toContain('runway ends');
    expect(doc).toContain('beyond Dec 2028');
  });

  it('says capacity holds but errors need action', async () => {
    const plan = variant((p) => {
      p.bottleneck = null;
      for (const r of p.resources) r.runwayMonths = null;
    });
    expect(await renderHtml(plan)).toContain('Capacity holds for the 24-month horizon, but 3 error findings need action.');
  });

  it('charts local disk when the plan has a compute.disk resource', async () => {
    const plan = variant((p) => {
      p.resources.push({ id: 'compute.disk', label: 'Local disk', unit: 'GiB', threshold: 0.8, runwayMonths: null, runwayMonthsAllHosts: null });
      for (const m of p.months) {
        m.resources['compute.disk'] = { demand: 1000, capacity: 9000, capacityTolerated: 6000, thresholdLevel: 4800, utilisation: 1000 / 9000, utilisationTolerated: 1000 / 6000 };
      }
    });
    const doc = await renderHtml(plan);
    expect(doc).toContain('<h3 id="compute-disk">');
    expect(doc).toContain('id="chart-compute-disk"');
    expect(doc).toContain('Disk (GiB)');
  });

  it('renders a plan without months, findings, pools, DISK_GB note or racks', async () => {
    const plan = variant((p) => {
      p.months = [];
      p.findings = [];
      p.summary = { error: 0, warning: 0, info: 0 };
      p.storage.ceph!.pools = [];
      delete p.compute.diskNote;
      delete p.racks;
    });
    const doc = await renderHtml(plan);
    expect(doc).toContain('No month-by-month series for <code>compute.vcpu</code>');
    expect(doc).toContain('No findings.');
    expect(doc).toContain('No pools.');
    expect(doc).not.toContain('compute-disk-note');
    expect(doc).not.toContain('<svg');
  });
});
