/**
 * Explained figures in Chromium (Debian's /usr/bin/chromium via playwright-core): the formula
 * box opens from the keyboard without any script, floats below the figure without moving the
 * table, follows the dark colour scheme, and print shows the figure alone. Saves a screenshot
 * of an open box to test/artifacts/explain-open.png.
 *
 * Skipped, with a message, only when /usr/bin/chromium is absent (CI installs it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainedSamplePlan } from '../packages/report/src/fixtures/sample-explanations.js';
import { renderHtml } from '../packages/report/src/index.js';
import { CHROMIUM, hasChromium, launchChromium } from './helpers/chromium.js';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

// Browser globals used inside evaluate() callbacks (the tests' TypeScript has no DOM lib).
declare function getComputedStyle(e: unknown): { textDecorationStyle: string; textDecorationLine: string; backgroundColor: string; color: string };
declare const document: { elementFromPoint(x: number, y: number): { closest(selector: string): unknown } | null };

if (!hasChromium) console.warn(`explain.browser.test: skipped, ${CHROMIUM} is absent`);

/** The Placement table cell explained in the sample: VCPU capacity 760 of the cmp-r760 hosts. */
const FIGURE = 'table.placement details.why';

describe.skipIf(!hasChromium)('explained figures in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-explain-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, await renderHtml(explainedSamplePlan));
    url = pathToFileURL(file).href;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(colorScheme: 'light' | 'dark'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    return page;
  }

  it('opens from the keyboard, below the figure, over the table without moving it', async () => {
    const page = await open('light');
    const details = page.locator(FIGURE).first();
    const summary = details.locator('summary');
    const body = details.locator('.why-body');
    const row = page.locator('table.placement tbody tr').first();
    await summary.scrollIntoViewIfNeeded();
    const rowBefore = await row.boundingBox();
    const tableBefore = await page.locator('table.placement').boundingBox();
    expect(await body.isVisible()).toBe(false);
    // the figure reads as the number, underlined with dots
    expect(await summary.innerText()).toBe('760');
    expect(await summary.evaluate((e) => getComputedStyle(e).textDecorationStyle)).toBe('dotted');

    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await details.evaluate((e) => (e as unknown as { open: boolean }).open)).toBe(true);
    expect(await body.isVisible()).toBe(true);
    const s = (await summary.boundingBox())!;
    const b = (await body.boundingBox())!;
    expect(b.y).toBeGreaterThanOrEqual(s.y + s.height - 1);
    expect(b.width).toBeGreaterThan(200);
    expect(await body.innerText()).toContain('capacity = (total − reserved) × allocation_ratio');
    // nothing moved: the row and the table keep their size and place
    expect(await row.boundingBox()).toEqual(rowBefore);
    expect(await page.locator('table.placement').boundingBox()).toEqual(tableBefore);
    // the box is painted above what follows it
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('.why-body') !== null, [b.x + b.width / 2, b.y + b.height - 6]);
    expect(hit).toBe(true);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'explain-open.png'), clip: { x: 0, y: Math.max(0, s.y - 200), width: 1280, height: 640 } });

    // Space closes it again (a <summary> is a button)
    await page.keyboard.press('Space');
    expect(await body.isVisible()).toBe(false);
    await page.close();
  });

  it('keeps every box on the page, wherever its figure sits', async () => {
    const page = await open('light');
    const width = page.viewportSize()!.width;
    const all = page.locator('details.why');
    const n = await all.count();
    expect(n).toBe(4); // the sample's three explanations: Raw capacity (in the summary and the Storage section), volumes usable, cmp-r760 VCPU capacity
    for (let i = 0; i < n; i++) {
      const d = all.nth(i);
      await d.locator('summary').scrollIntoViewIfNeeded();
      await d.locator('summary').click();
      const b = (await d.locator('.why-body').boundingBox())!;
      expect(b.x, `box ${i}`).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, `box ${i}`).toBeLessThanOrEqual(width);
      await d.locator('summary').click();
    }
    await page.close();
  });

  it('follows the dark colour scheme', async () => {
    const page = await open('dark');
    const details = page.locator(FIGURE).first();
    await details.locator('summary').click();
    const colours = await details.locator('.why-body').evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]);
    // --bg and --fg of the dark palette (#161719, #e6e6e6)
    expect(colours).toEqual(['rgb(22, 23, 25)', 'rgb(230, 230, 230)']);
    await page.close();
  });

  it('prints the figure as plain text, the box hidden even when open', async () => {
    const page = await open('light');
    const details = page.locator(FIGURE).first();
    await details.locator('summary').click();
    await page.emulateMedia({ media: 'print' });
    expect(await details.locator('.why-body').isVisible()).toBe(false);
    expect(await details.locator('summary').evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('none');
    await page.close();
  });
});
