import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf, realCatalogue, realText, v } from '../../../../test/helpers/real-fixtures.js';
import { cpuModelKey, lookupCpu, parseCpuCatalogue } from './catalogue.js';
import { enrichCpuFacts } from './enrich.js';
import { emptyFacts, known } from '../model/hardware-facts.js';

describe('CPU catalogue (quattor-cpus.csv)', () => {
  it('the copy shipped in packages/core/data is the fixture', () => {
    const shipped = readFileSync(join(import.meta.dirname, '../../data/quattor-cpus.csv'), 'utf8');
    expect(shipped).toBe(realText('catalogue', 'quattor-cpus.csv'));
  });

  it('parses 1,124 of its 1,126 rows; the two without core counts are skipped with a warning', () => {
    const { catalogue, diagnostics } = parseCpuCatalogue(realText('catalogue', 'quattor-cpus.csv'), 'quattor-cpus.csv');
    expect(catalogue.size).toBe(1124);
    // l. 227 pentium_xeon.pan and l. 1127 xen_vcpu.pan have empty cores and max_threads
    expect(diagnostics.map((d) => [d.code, d.severity, d.location.line])).toEqual([
      ['catalogue.invalid_row', 'warning', 227],
      ['catalogue.invalid_row', 'warning', 1127],
    ]);
  });

  it('matches kernel model strings to catalogue rows written differently', () => {
    const c = realCatalogue();
    // dmidecode/lscpu write "@ 2.20GHz", the catalogue "@ 2.20 GHz" (l. 555: 10 cores, 20 threads, 2200 MHz, 85 W)
    expect(lookupCpu(c, 'Intel(R) Xeon(R) CPU E5-2630 v4 @ 2.20GHz')).toMatchObject({
      found: true,
      entry: { coresPerSocket: 10, threadsPerSocket: 20, baseClockMhz: 2200, tdpWatts: 85, line: 555 },
    });
    // dmidecode "Intel(R) Atom(TM) CPU  C2750  @ 2.40GHz" vs l. 186 "Intel(R) Atom CPU C2750 @ 2.40 GHz": 8 cores, 8 threads
    expect(lookupCpu(c, 'Intel(R) Atom(TM) CPU  C2750  @ 2.40GHz')).toMatchObject({ found: true, entry: { coresPerSocket: 8, threadsPerSocket: 8 } });
    // lscpu's odd "AMD: EPYC 7451 24-Core Processor" finds l. 42 "AMD EPYC 7451 24-Core Processor"
    expect(lookupCpu(c, 'AMD: EPYC 7451 24-Core Processor')).toMatchObject({ found: true, entry: { coresPerSocket: 24, line: 42 } });
    // a P suffix is another model: 7302P (l. 23) is not 7302 (l. 22)
    expect(lookupCpu(c, 'AMD EPYC 7302P 16-Core Processor')).toMatchObject({ found: true, entry: { line: 23 } });
    expect(cpuModelKey('AMD EPYC 7302P 16-Core Processor')).not.toBe(cpuModelKey('AMD EPYC 7302 16-Core Processor'));
  });

  it('a model listed twice with different counts is ambiguous and not used', () => {
    // l. 1046 "... Silver 4210R CPU @ 2.40 GHz" 20/40 and l. 1047 "... @ 2.40GHz" 10/20
    const r = lookupCpu(realCatalogue(), 'Intel(R) Xeon(R) Silver 4210R CPU @ 2.40GHz');
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toContain('2 times with different counts');
  });

  it('a VM\'s "AMD EPYC" matches no row', () => {
    expect(lookupCpu(realCatalogue(), 'AMD EPYC').found).toBe(false);
  });

  it('a CSV without the required columns is catalogue.invalid', () => {
    const r = parseCpuCatalogue('model,speed\nX,1\n', 'bad.csv');
    expect(r.diagnostics.map((d) => [d.code, d.location.line])).toEqual([['catalogue.invalid', 1]]);
    expect(r.catalogue.size).toBe(0);
  });

  it('quoted fields with commas', () => {
    const r = parseCpuCatalogue('model,cores,max_threads\n"Chip, the big one",4,8\n', 'q.csv');
    expect(lookupCpu(r.catalogue, 'Chip, the big one')).toMatchObject({ found: true, entry: { coresPerSocket: 4 } });
  });
});

describe('enrichCpuFacts', () => {
  const base = () => emptyFacts({ kind: 'inventory', file: 'f', format: 'ironic' }, () => 'f: none');

  it('never replaces a known fact', () => {
    const f = base();
    f.cpu.model = known('AMD EPYC 9124 16-Core Processor', 'f: model');
    f.cpu.coresPerSocket = known(8, 'f: cores');
    expect(v(enrichCpuFacts(f, realCatalogue()).cpu.coresPerSocket)).toBe(8);
  });

  it('32 threads of a 16-core model without a socket count stay ambiguous (1 socket with SMT, or 2 without)', () => {
    const f = base();
    f.cpu.model = known('AMD EPYC 9124 16-Core Processor', 'f: model');
    f.cpu.logicalCpus = known(32, 'f: count');
    const e = enrichCpuFacts(f, realCatalogue());
    expect([v(e.cpu.coresPerSocket), v(e.cpu.sockets), v(e.cpu.threadsPerCore)]).toEqual([16, 'unknown', 'unknown']);
  });

  it('sockets from logical CPUs / (cores × threads per core) when both are known', () => {
    const f = base();
    f.cpu.logicalCpus = known(96, 'f: count');
    f.cpu.coresPerSocket = known(24, 'f: cores');
    f.cpu.threadsPerCore = known(2, 'f: threads');
    expect(v(enrichCpuFacts(f).cpu.sockets)).toBe(2); // 96 / (24 × 2)
  });

  it('a thread count that is no whole multiple of the cores leaves threads per core unknown', () => {
    const f = base();
    f.cpu.logicalCpus = known(30, 'f: count');
    f.cpu.sockets = known(1, 'f: sockets');
    f.cpu.coresPerSocket = known(16, 'f: cores');
    expect(v(enrichCpuFacts(f).cpu.threadsPerCore)).toBe('unknown'); // 30 / 16 = 1.875
  });

  it('does not derive a logical CPU count the source contradicts (lscpu CPU(s) 1 vs 96)', () => {
    expect(v(enrichCpuFacts(factsOf('lscpu', 'redhat-cip-hardware-lscpu.txt'), realCatalogue()).cpu.logicalCpus)).toBe('unknown');
  });
});
