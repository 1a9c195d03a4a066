/**
 * Every file in scenarios/ loads with zero errors, evaluates, leaves its input unchanged,
 * and matches its golden plan (test/golden/<name>.plan.json). A golden diff is reviewed
 * like code: regenerate with `UPDATE_GOLDEN=1 npm test` and read the diff before committing.
 * The hand-worked checks of each formula live in the unit tests beside the code; the
 * reference pilot's headline numbers are also worked by hand in reference-pilot.test.ts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '../packages/core/src/index.js';
import { inventoryOptions } from './helpers/inventories.js';

const root = join(import.meta.dirname, '..');
const files = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('scenarios/', () => {
  it('holds the reference pilot and a larger scenario', () => {
    expect(files).toContain('reference-pilot.yaml');
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(join(root, 'scenarios', file), 'utf8');
      // scenarios may name inventory files (hardware.<key>.inventory): read them as the CLI does
      const parsed = parseScenario(text, { fileName: `scenarios/${file}`, ...inventoryOptions(join(root, 'scenarios', file), text) });

      it('loads with zero diagnostics', () => {
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.scenario).toBeDefined();
      });

      it('points editors at the JSON Schema', () => {
        expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/packages\/core\/scenario\.schema\.json$/m);
      });

      it('evaluates without touching its input, deterministically', () => {
        const scenario = parsed.scenario!;
        const before = structuredClone(scenario);
        const a = evaluate(scenario);
        expect(scenario).toEqual(before);
        expect(evaluate(structuredClone(before))).toEqual(a);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      });

      it('matches its golden plan', () => {
        const plan = evaluate(parsed.scenario!);
        const golden = join(root, 'test/golden', file.replace(/\.yaml$/, '.plan.json'));
        const json = JSON.stringify(plan, null, 2) + '\n';
        if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
          if (process.env.CI) throw new Error(`golden plan missing for ${file}: run UPDATE_GOLDEN=1 npm test and review it`);
          writeFileSync(golden, json);
        }
        expect(json).toBe(readFileSync(golden, 'utf8'));
      });
    });
  }
});
