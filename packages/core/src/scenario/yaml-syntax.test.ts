import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.js';
import { findIndentationMistake, findUnclosedBracket } from './yaml-syntax.js';

/** [line, col, message] of the yaml.syntax diagnostics of `text`. */
function syntax(text: string): [number, number, string][] {
  return parseScenario(text, { fileName: 'f.yaml' })
    .diagnostics.filter((d) => d.code === 'yaml.syntax')
    .map((d) => [d.location.line, d.location.col, d.message]);
}

describe('indentation mistakes are reported at the mis-indented line', () => {
  it('a key deeper than its siblings after a complete key: value (the parser stops on the line above)', () => {
    // line 4 "      heightRu: 1": 6 spaces; its sibling "model" (line 3) has 4
    expect(syntax('hardware:\n  a:\n    model: X\n      heightRu: 1\n')).toEqual([[4, 7, 'this key is indented 6 spaces; its siblings 4']]);
  });

  it('a key after a flow mapping value, deeper than its siblings', () => {
    // line 3: 4 spaces; allocationRatio (line 2) has 2
    expect(syntax('openstack:\n  allocationRatio: { cpu: 4.0 }\n    reserved: { hostCpus: 2 }\n')).toEqual([[3, 5, 'this key is indented 4 spaces; its siblings 2']]);
  });

  it("a key shallower than its siblings, at a column no block uses: one diagnostic, not the parser's three", () => {
    // line 4: 3 spaces, between 4 (model) and 2 (a): the nearest, 4 (a tie goes to the deeper)
    expect(syntax('hardware:\n  a:\n    model: X\n   heightRu: 1\n    cpu: {}\n')).toEqual([[4, 4, 'this key is indented 3 spaces; its siblings 4']]);
  });

  it('a list item deeper than the items before it', () => {
    expect(syntax('nodes:\n  - { role: control }\n    - { role: compute }\n')).toEqual([[3, 5, 'this list item is indented 4 spaces; its siblings 2']]);
  });

  it('block scalars, comments, plain scalars continued on deeper lines and mappings in list items are not mistakes', () => {
    const text = [
      'description: >-', //                 1
      '  text', //                          2
      '      deeper text', //               3 (inside the block scalar)
      'name: a plain value', //             4
      '  continued', //                     5 (plain scalar continuation)
      'pools:', //                          6
      '  - name: volumes', //               7
      '    size: 3   # comment', //         8
      '      # a comment deeper', //        9
      '  - name: vms', //                  10
      'racks:', //                         11
      '- { name: r1 }', //                 12 (a sequence at its key's column)
      'start: 2027-01', //                 13
    ].join('\n');
    expect(findIndentationMistake(text, 14)).toBeUndefined();
  });
});

describe('an unclosed flow collection is reported at its opening bracket', () => {
  it('{ never closed: at the brace, not on the next line', () => {
    // line 2 "  - { name: r1, zone: az1": the brace is column 5
    expect(syntax('racks:\n  - { name: r1, zone: az1\n  - { name: r2 }\n')).toEqual([[2, 5, 'this { opens a flow mapping that is never closed']]);
  });

  it('[ never closed, after a closed one; brackets inside quotes do not count', () => {
    const text = 'a: [1, 2]\nb: "[x"\nc: [ 1, 2\nd: 3\n';
    // line 3 "c: [ 1, 2": the bracket is column 4
    expect(findUnclosedBracket(text, text.indexOf('d:'))).toEqual({ kind: 'unclosed', line: 3, col: 4, bracket: '[' });
    expect(syntax(text)).toEqual([[3, 4, 'this [ opens a flow sequence that is never closed']]);
  });
});
