/// <reference lib="dom" />
/**
 * Printing: the two reference scenarios' reports (written by the built CLI) printed to PDF by
 * Chromium on A4 and on Letter, the way "save as PDF" does. Checks, from the PDF itself (a
 * tagged PDF, read by test/helpers/pdf.ts):
 * - a sane page count;
 * - every section (h2) starts a new page, in order, and no page is blank;
 * - no chart is split: each chart figure (caption and SVG) is drawn on one page;
 * - the decision summary (the first section, up to the appendix's first heading) prints on at
 *   most 4 pages, for the people who sign.
 * And, in print media at the printable width of each paper: every chart asks not to be split
 * and fits a page, nothing is wider than the page, and the colours are light even when the
 * reader's system is dark.
 *
 * The PDFs and a screenshot of the first printed page (print media, 794 × 1123 px = A4 at
 * 96 px/in) go to test/artifacts/ for review. Skipped, with a message, only when
 * /usr/bin/chromium is absent (CI installs it; report.browser.test.ts fails there without it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type StructElement } from './helpers/pdf.js';
import { CHROMIUM, hasChromium, launchChromium, writeReport } from './helpers/chromium.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const artifacts = join(here, 'artifacts');
const REFERENCE = ['reference-pilot', 'regional-cloud'];

/** CSS px per mm at 96 px per inch. */
const PX_PER_MM = 96 / 25.4;
/**
 * The printable area of each paper with the report's `@page { margin: 14mm 12mm 16mm }`,
 * in CSS px: A4 210 × 297 mm -> (210 − 24) × (297 − 30) = 186 × 267 mm = 703.0 × 1009.1 px;
 * Letter 8.5 × 11 in = 215.9 × 279.4 mm -> 191.9 × 249.4 mm = 725.3 × 942.6 px.
 */
const PAPER = {
  A4: { width: (210 - 24) * PX_PER_MM, height: (297 - 30) * PX_PER_MM },
  Letter: { width: (215.9 - 24) * PX_PER_MM, height: (279.4 - 30) * PX_PER_MM },
} as const;

/**
 * Page count bounds. Lower: every one of the 10 sections (SECTIONS in render.ts) starts a
 * page, so fewer than 10 pages means the section breaks are gone. Upper: 60. Measured with
 * Chromium 156: reference-pilot (10 hosts) 25 pages on A4, 25 on Letter; regional-cloud
 * (52 hosts) 30 on A4, 33 on Letter (after the decision summary of issue 17: passing checks folded).
 * The pages grow with the tables (a row per host, per check), so a plan a few times the
 * regional cloud's size stays below 60; more means a layout fault such as a table printing a
 * row per page or blank pages between sections.
 */
const MIN_PAGES = 10;
const MAX_PAGES = 60;
/**
 * The decision summary (verdict, what runs out, orders, rack loss, the whole bill, the risk
 * band, worst findings, runway) is the document procurement signs: at most 4 pages. Measured
 * with Chromium 156 on A4: 3 pages for both reference scenarios.
 */
const MAX_DECISION_PAGES = 4;

if (!hasChromium) console.warn(`report.pdf.test: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);

/** Every element of `el`'s subtree, `el` first. */
function subtree(el: StructElement): StructElement[] {
  return [el, ...el.children.flatMap(subtree)];
}

/** The chart figures of a tagged PDF: a Figure (the HTML <figure>) holding a Figure with alt text (the SVG). */
function chartFigures(elements: StructElement[]): { figure: StructElement; svg: StructElement }[] {
  return elements
    .filter((e) => e.type === 'Figure' && e.alt === undefined)
    .map((figure) => ({ figure, svg: subtree(figure).find((e) => e !== figure && e.type === 'Figure' && e.alt !== undefined) }))
    .filter((f): f is { figure: StructElement; svg: StructElement } => f.svg !== undefined);
}

describe.skipIf(!hasChromium)('reference reports printed to PDF', () => {
  let browser: Browser;
  let dir: string;
  const urls = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-pdf-'));
    for (const name of REFERENCE) {
      const out = join(dir, `${name}.html`);
      writeReport(join(root, 'scenarios', `${name}.yaml`), out);
      urls.set(name, pathToFileURL(out).href);
    }
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(urls.get(name)!, { waitUntil: 'load' });
    return page;
  }

  for (const name of REFERENCE) {
    for (const format of ['A4', 'Letter'] as const) {
      it(`${name}, ${format}: sane page count, a page per section, no blank page, no chart split`, async () => {
        const page = await open(name, { width: 1280, height: 800 });
        const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.id));
        const titles = await page.$$eval('figure.chart svg', (svgs) => svgs.map((s) => s.querySelector('title')?.textContent ?? ''));
        const pdf = await page.pdf({ format, tagged: true, printBackground: true });
        await page.close();
        writeFileSync(join(artifacts, `${name}-${format}.pdf`), pdf);
        const { pageCount, elements } = readPdf(pdf);
        console.info(`${name} ${format}: ${pageCount} pages`);

        expect(pageCount).toBeGreaterThanOrEqual(MIN_PAGES);
        expect(pageCount).toBeLessThanOrEqual(MAX_PAGES);

        // sections: one H2 per section heading, each on its own page, in order, the first on page 1
        const h2 = elements.filter((e) => e.type === 'H2');
        expect(h2.length).toBe(headings.length);
        expect(h2.every((e) => e.pages.length === 1)).toBe(true);
        const starts = h2.map((e) => e.pages[0]!);
        expect(starts[0]).toBe(0);
        for (let i = 1; i < starts.length; i++) expect(starts[i], headings[i]).toBeGreaterThan(starts[i - 1]!);
        // the decision summary: the pages before the appendix's first section
        expect(headings[0]).toBe('summary');
        console.info(`${name} ${format}: decision summary ${starts[1]} pages`);
        expect(starts[1]!).toBeLessThanOrEqual(MAX_DECISION_PAGES);

        // no blank page: every page carries tagged content
        const drawn = new Set(elements.flatMap((e) => e.pages));
        expect(drawn.size).toBe(pageCount);

        // charts: as many chart figures in the PDF as in the page, in order, each on one page
        const charts = chartFigures(elements);
        expect(titles.length).toBeGreaterThanOrEqual(4);
        expect(charts).toHaveLength(titles.length);
        charts.forEach(({ figure, svg }, i) => {
          expect(svg.alt!.startsWith(titles[i]!), `${svg.alt} / ${titles[i]}`).toBe(true);
          expect(figure.pages, titles[i]).toHaveLength(1);
          expect(svg.pages).toEqual(figure.pages);
        });
      });

      it(`${name}, ${format} width in print media: charts keep whole and fit a page, nothing wider than the page, light colours`, async () => {
        const paper = PAPER[format];
        const page = await open(name, { width: Math.floor(paper.width), height: Math.floor(paper.height) });
        await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
        const figures = await page.$$eval('figure.chart', (figs) =>
          figs.map((f) => ({ id: f.id, breakInside: getComputedStyle(f).breakInside, height: f.getBoundingClientRect().height })),
        );
        expect(figures.length).toBeGreaterThanOrEqual(4);
        for (const f of figures) {
          expect(f.breakInside, f.id).toBe('avoid');
          expect(f.height, f.id).toBeLessThan(paper.height);
        }
        const widest = await page.evaluate(() => {
          let worst = { right: 0, what: '' };
          for (const el of Array.from(document.querySelectorAll('main *'))) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > worst.right) worst = { right: r.right, what: `${el.tagName}.${el.className}` };
          }
          return { ...worst, scroll: document.documentElement.scrollWidth };
        });
        expect(widest.right, widest.what).toBeLessThanOrEqual(Math.floor(paper.width) + 0.5);
        expect(widest.scroll).toBeLessThanOrEqual(Math.floor(paper.width));
        // dark system, print: still black on white
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
        expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(27, 27, 27)');
        // interactive decoration is not printed; the sort buttons print as plain header text
        // (display: contents: Chromium prints a button blank where a table's header row repeats)
        expect(await page.locator('a.self-link:visible, nav.toc:visible, details.chart-data:visible').count()).toBe(0);
        const buttons = await page.$$eval('th > button.sort', (bs) => bs.map((b) => getComputedStyle(b).display));
        expect(buttons.length).toBeGreaterThan(20);
        expect(new Set(buttons)).toEqual(new Set(['contents']));
        if (format === 'A4') {
          await page.setViewportSize({ width: 794, height: 1123 });
          await page.screenshot({ path: join(artifacts, `${name}-print-first-page.png`) });
          const fan = page.locator('#chart-risk');
          if ((await fan.count()) > 0) await fan.screenshot({ path: join(artifacts, `${name}-risk-fan.png`) });
        }
        await page.close();
      });
    }
  }

  it('the PDF check sees a figure split when nothing keeps it together (the check can fail)', async () => {
    // A caption at the bottom of page 1 and an SVG that does not fit under it: without
    // break-inside: avoid the caption stays on page 1 and the SVG goes to page 2.
    const page = await browser.newPage();
    const svg =
      '<svg role="img" aria-labelledby="t" width="600" height="400" viewBox="0 0 600 400"><title id="t">Chart X</title><rect width="600" height="400" fill="gray"/></svg>';
    const spacer = `<div style="height: ${Math.round(PAPER.A4.height - 150)}px">spacer</div>`;
    const split = [];
    for (const avoid of [false, true]) {
      await page.setContent(
        `<!DOCTYPE html><html lang="en"><head><style>@page { margin: 14mm 12mm 16mm; } body { margin: 0; }</style></head><body>${spacer}<figure style="break-inside: ${avoid ? 'avoid' : 'auto'}; margin: 0"><figcaption>Caption</figcaption><div>${svg}</div></figure></body></html>`,
      );
      const charts = chartFigures(readPdf(await page.pdf({ format: 'A4', tagged: true })).elements);
      expect(charts).toHaveLength(1);
      split.push(charts[0]!.figure.pages);
    }
    await page.close();
    expect(split).toEqual([[0, 1], [1]]);
  });
});
