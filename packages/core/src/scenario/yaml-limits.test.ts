/**
 * Issue 15: hostile and careless YAML gets its own codes, positions and hints: deep nesting,
 * alias bombs, several documents, UTF-16 / NUL, CR-only line ends. And every error code the
 * invalid fixtures raise carries a hint, unless listed below with the reason it has none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../diagnostics/codes.js';
import { MAX_NESTING, parseScenario } from './parse.js';

const codes = (text: string) => parseScenario(text, { fileName: 's.yaml' }).diagnostics.map((d) => [d.code, d.location.line, d.location.col]);

describe('issue 15: YAML limits', () => {
  it('1,500 levels of flow nesting: yaml.too_deep at the bracket past the limit, not "Maximum call stack size exceeded"', () => {
    const r = parseScenario(`name: x\na: ${'['.repeat(1500)}${']'.repeat(1500)}\n`, { fileName: 's.yaml' });
    // line 2 "a: [[[...": the 64th bracket (indent level 1 + 63 brackets = 64; the 64th bracket makes 65) at col 3 + 64 = 67
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['yaml.too_deep', 2, 67]]);
    expect(r.diagnostics[0]!.message).not.toContain('call stack');
    expect(r.diagnostics[0]!.hint).toBeTruthy();
  });

  it('1,500 levels of block nesting: yaml.too_deep at the first line past the limit', () => {
    let text = '';
    for (let i = 0; i < 1500; i++) text += `${' '.repeat(i)}k:\n`;
    // line n has indent n-1 and is level n: line 65 is the first past 64, its key at col 65
    expect(codes(text)).toEqual([['yaml.too_deep', 65, 65]]);
  });

  it(`${MAX_NESTING} levels are fine for the depth check (the schema then speaks)`, () => {
    const text = `name: x\na: ${'['.repeat(MAX_NESTING - 2)}${']'.repeat(MAX_NESTING - 2)}\n`;
    expect(codes(text).map((c) => c[0])).not.toContain('yaml.too_deep');
  });

  it('an alias bomb: yaml.alias_limit at the last alias, not at a comment', () => {
    const text =
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n# comment\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    // line 6 "e: [*d,...": the ninth *d starts at col 4 + 8 x 3 + 1 = 29
    expect(codes(text)).toEqual([['yaml.alias_limit', 6, 29]]);
  });

  it('two documents: yaml.multiple_documents at the second, with a hint', () => {
    const r = parseScenario('a: 1\n---\nb: 2\n', { fileName: 's.yaml' });
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['yaml.multiple_documents', 2, 1]]);
    expect(r.diagnostics[0]!.message).not.toContain('parseAllDocuments');
    expect(r.diagnostics[0]!.hint).toContain('---');
  });

  it('UTF-16 read as text (NUL between characters, or a decoded byte order mark): input.encoding', () => {
    const utf16 = Buffer.from('name: x\n', 'utf16le').toString('latin1');
    expect(codes(utf16)).toEqual([['input.encoding', 1, 2]]);
    expect(codes('\uFFFD\uFFFDn\u0000a')).toEqual([['input.encoding', 1, 1]]);
    expect(codes('name: x\nb: "\u0000"\n')).toEqual([['input.encoding', 2, 5]]);
  });

  it('CR-only line ends read as line ends: the same diagnostics, lines and columns as with LF', () => {
    const lf = 'schemaVersion: 1\nname: x\nstart: 2027-01\nbogus: 1\n';
    expect(codes(lf.replace(/\n/g, '\r'))).toEqual(codes(lf));
    expect(codes(lf)).toContainEqual(['schema.unknown_key', 4, 1]);
  });
});

/** Error codes the invalid fixtures raise that carry no hint, and why. */
const HINTLESS_CODES: Readonly<Record<string, string>> = {
  'schema.unknown_key': 'the hint is a "did you mean" when a known key is close; otherwise the message names the key and `headroom schema` lists them',
};

describe('issue 15: hints', () => {
  const dir = join(import.meta.dirname, '../../../../test/fixtures/invalid');
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  const all = fixtures.flatMap((f) => parseScenario(readFileSync(join(dir, f), 'utf8'), { fileName: f }).diagnostics);

  it('every error code the invalid fixtures emit is registered and has a hint (or is listed as hint-less with a reason)', () => {
    const missing = new Set<string>();
    for (const d of all) {
      expect(Object.keys(DIAGNOSTIC_CODES)).toContain(d.code);
      if (d.severity === 'error' && !d.hint && !(d.code in HINTLESS_CODES)) missing.add(`${d.code} (${d.location.file}:${d.location.line}:${d.location.col})`);
    }
    expect([...missing]).toEqual([]);
  });

  it('the fixtures cover the codes the issue names', () => {
    const emitted = new Set(all.map((d) => d.code));
    for (const code of ['yaml.syntax', 'schema.required', 'ref.duplicate_name']) expect(emitted).toContain(code);
  });
});
