/**
 * Issue 15: no NaN or Infinity reaches any output of the example scenarios: the plan (checked
 * number by number, before JSON.stringify turns NaN into null), the plan text, the HTML report
 * (the rack chart wrote opacity="NaN" when every host had one state), the BOM CSV.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario, procurementCsv } from '../packages/core/src/index.js';
import { renderText } from '../packages/cli/src/render-text.js';
import { renderHtml } from '../packages/report/src/index.js';
import { nonFinitePaths } from './helpers/finite.js';
import { inventoryOptions } from './helpers/inventories.js';

const root = join(import.meta.dirname, '..');
const files = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const NON_FINITE_TEXT = /\bNaN\b|Infinity/;

describe('issue 15: no NaN or Infinity in the outputs of scenarios/', () => {
  for (const file of files) {
    it(`${file}: plan, text, report and BOM`, async () => {
      const text = readFileSync(join(root, 'scenarios', file), 'utf8');
      const { scenario } = parseScenario(text, { fileName: file, ...inventoryOptions(join(root, 'scenarios', file), text) });
      const plan = evaluate(scenario!);
      expect(nonFinitePaths(plan)).toEqual([]);
      expect(renderText(plan)).not.toMatch(NON_FINITE_TEXT);
      const html = await renderHtml(plan);
      expect(html.match(/.{0,80}(\bNaN\b|Infinity).{0,20}/g) ?? []).toEqual([]);
      if (plan.procurement) expect(procurementCsv(plan.procurement)).not.toMatch(NON_FINITE_TEXT);
    }, 60_000);
  }
});
