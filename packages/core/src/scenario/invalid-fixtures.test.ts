/**
 * Every file in test/fixtures/invalid/ states, in `# expect: <code> <line>:<col>` header
 * lines, the diagnostics it must produce; the columns were counted by hand in the file.
 * The test asserts the exact [code, line, col] list, not the message wording.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.js';

const dir = join(import.meta.dirname, '../../../../test/fixtures/invalid');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('invalid fixtures', () => {
  it('there are invalid fixtures to check', () => expect(files.length).toBeGreaterThanOrEqual(4));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const expected = [...text.matchAll(/^# expect: (\S+) (\d+):(\d+)$/gm)]
        .map((m) => [m[1], Number(m[2]), Number(m[3])] as const)
        .sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0]!.localeCompare(b[0]!));
      expect(expected.length).toBeGreaterThan(0);
      const r = parseScenario(text, { fileName: f });
      expect(r.scenario).toBeUndefined();
      const got = r.diagnostics.map((d) => [d.code, d.location.line, d.location.col] as const);
      expect(got).toEqual(expected);
      for (const d of r.diagnostics) expect(d.location.file).toBe(f);
    });
  }
});
