/**
 * Browser check of the HTML report: render the sample plan, open it from a file:// URL in
 * Chromium (Debian's /usr/bin/chromium via playwright-core) and check that the charts are
 * drawn, nothing is fetched, nothing logs an error and the markup payload in the sample
 * stays text. Saves a full-page screenshot to test/artifacts/report-sample.png.
 *
 * Skipped, with a message, only when /usr/bin/chromium is absent (CI installs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePlan, XSS_PAYLOAD } from '../packages/report/src/fixtures/sample-plan.js';
import { renderHtml } from '../packages/report/src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');

if (!hasChromium) {
  console.warn(`report.browser.test: skipped, ${CHROMIUM} is absent (install Debian's chromium: apt-get install -y chromium)`);
}

// In CI the browser tests must run: .ci/run installs chromium, so its absence is a failure.
it.runIf(!!process.env.CI)('chromium is installed in CI', () => {
  expect(hasChromium).toBe(true);
});

describe.skipIf(!hasChromium)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let fileUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, await renderHtml(samplePlan));
    fileUrl = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws the charts, fetches nothing, logs no error, keeps the payload as text (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      const page = await context.newPage();
      const requests: string[] = [];
      const consoleErrors: string[] = [];
      const pageErrors: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });

      await page.goto(fileUrl, { waitUntil: 'load' });

      // Charts: inline SVGs with drawn line marks (the rack elevation draws boxes: below).
      const charts = await page.$$eval('figure.chart:not(.rack-elevation) svg', (svgs) =>
        svgs.map((svg) => ({
          lines: svg.querySelectorAll('.mark-line path').length,
          title: svg.querySelector('title')?.textContent ?? '',
          width: svg.getBoundingClientRect().width,
        })),
      );
      expect(charts.length).toBeGreaterThanOrEqual(3);
      for (const c of charts) {
        expect(c.lines).toBeGreaterThan(0);
        expect(c.title).not.toBe('');
        expect(c.width).toBeGreaterThan(300);
      }

      // The rack elevation: 3 rack panels + 9 host boxes + power bars, host names as text.
      const racks = await page.$eval('figure.rack-elevation svg', (svg) => ({
        boxes: svg.querySelectorAll('.mark-rect path').length,
        labels: [...svg.querySelectorAll('.rack_labels_marks text')].map((t) => t.textContent),
        title: svg.querySelector('title')?.textContent ?? '',
      }));
      expect(racks.boxes).toBeGreaterThanOrEqual(12);
      expect(racks.labels).toContain('compute-01');
      expect(racks.title).toBe('Rack elevations and power');

      // Nothing but the file itself was requested.
      expect(requests).toEqual([fileUrl]);
      expect(consoleErrors).toEqual([]);
      expect(pageErrors).toEqual([]);

      // The payload is text, not an element, and nothing ran.
      expect(dialogs).toEqual([]);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(0);
      const text = await page.locator('body').innerText();
      expect(text).toContain(XSS_PAYLOAD);

      // Every section heading is there.
      for (const id of ['summary', 'compute', 'storage', 'control-plane', 'racks', 'nodes', 'findings', 'glossary']) {
        expect(await page.locator(`h2#${id}`).count()).toBe(1);
      }

      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, colorScheme === 'light' ? 'report-sample.png' : 'report-sample-dark.png'), fullPage: true });
      await context.close();
    });
  }
});

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const root = join(here, '..');
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

/**
 * The reports users get: each scenario in scenarios/ through the built `headroom report`
 * (the README's path), opened in Chromium. Screenshots of the first screen go to
 * test/artifacts/<scenario>.png for review.
 */
describe.skipIf(!hasChromium)('scenario reports from the built CLI, in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-scenarios-'));
    const bin = join(root, 'packages/cli/dist/bin.js');
    if (!existsSync(bin)) execFileSync('npx', ['-y', 'pnpm@10.34.8', 'run', 'build'], { cwd: root, stdio: 'ignore' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const file of scenarios) {
    it(`${file}: charts drawn, no request, no console error`, async () => {
      const out = join(dir, file.replace(/\.yaml$/, '.html'));
      try {
        execFileSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'report', join(root, 'scenarios', file), '-o', out, '--fail-on', 'none'], { stdio: 'pipe' });
      } catch (e) {
        throw new Error(`headroom report failed: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
      }
      const url = pathToFileURL(out).href;
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(url, { waitUntil: 'load' });
      const lines = await page.$$eval('figure.chart:not(.heatmap):not(.rack-elevation) svg', (svgs) => svgs.map((svg) => svg.querySelectorAll('.mark-line path').length));
      // every scenario declares racks: one elevation with its boxes
      const boxes = await page.$$eval('figure.rack-elevation svg', (svgs) => svgs.map((svg) => svg.querySelectorAll('.mark-rect path').length));
      expect(boxes).toHaveLength(1);
      expect(boxes[0]).toBeGreaterThan(0);
      // printed on A4 (186 mm wide between the margins), the elevation stays under 18 cm high so it fits a page
      await page.setViewportSize({ width: Math.round((186 / 25.4) * 96), height: 1000 });
      await page.emulateMedia({ media: 'print' });
      const heightCm = await page.$eval('figure.rack-elevation svg', (svg) => (svg.getBoundingClientRect().height / 96) * 2.54);
      expect(heightCm).toBeLessThanOrEqual(18);
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 1000 });
      // the failure heat map, when a loss harms within the horizon: one rect per domain row and month
      const cells = await page.$$eval('figure.heatmap svg', (svgs) => svgs.map((svg) => svg.querySelectorAll('.mark-rect path').length));
      for (const n of cells) expect(n).toBeGreaterThan(0);
      // compute vCPU + RAM, and one chart per Ceph pool: at least 4 charts, each with lines
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const n of lines) expect(n).toBeGreaterThan(0);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      // the summary comes first and names the verdict
      const first = await page.locator('main h2, body h2').first().textContent();
      expect(first).toBe('Summary');
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, file.replace(/\.yaml$/, '.png')) });
      await page.close();
    });
  }
});
