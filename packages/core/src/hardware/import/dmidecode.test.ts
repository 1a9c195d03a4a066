/**
 * Every file of test/fixtures/real/dmidecode imported; each expected value was read by hand
 * in the file (line numbers in the comments). ECC comes from DMI type 16 "Error Correction
 * Type" only; memory is the sum of the type 17 "Size" of installed DIMMs (dmidecode's MB are
 * MiB); a socket counts when its type 4 Status is "Populated, ..."; threads per core =
 * Thread Count / Core Enabled; virtualization from type 4 Characteristics "Enhanced
 * Virtualization". dmidecode lists no disks and no NICs: NVMe count unknown everywhere.
 */
import { describe, expect, it } from 'vitest';
import { factsOf, GIB, importReal, realFiles, realText, v } from '../../../../../test/helpers/real-fixtures.js';
import { importInventory } from './detect.js';

interface Expected {
  file: string;
  product: string;
  eccType: string;
  ecc: boolean;
  sockets: number;
  coresPerSocket: number;
  threadsPerCore: number;
  logicalCpus: number;
  memoryGiB: number;
  virtualization: 'vt-x' | 'unknown';
  model: string;
}

const EXPECTED: Expected[] = [
  // type 16 l. 428-429 Multi-bit ECC; type 4 l. 121/182 Populated, Core Enabled 10 (l. 130), Thread Count 10 (l. 131):
  // SMT off; 12 × 16384 MB (l. 440-704) = 196608 MiB; Enhanced Virtualization l. 137
  {
    file: 'Dell_DSS7500',
    product: 'DSS7500',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 10,
    threadsPerCore: 1,
    logicalCpus: 20,
    memoryGiB: 192,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E5-2630 v4 @ 2.20GHz',
  },
  // l. 416 Multi-bit ECC; l. 145/206 Populated; Core Enabled 14 (l. 154), Thread Count 28 (l. 155);
  // 8 × 8192 MB (l. 427, 451, 475, 499, 715, 739, 763, 787), the other 16 slots "No Module Installed"; EV l. 161
  {
    file: 'Dell_PowerEdge_M630',
    product: 'PowerEdge M630',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 14,
    threadsPerCore: 2,
    logicalCpus: 56,
    memoryGiB: 64,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E5-2683 v3 @ 2.00GHz',
  },
  // two arrays l. 126, 135 Multi-bit ECC; l. 903/1012 Populated; 12 cores (l. 912), 24 threads (l. 913);
  // 4 × 16384 MB (l. 235, 259, 427, 451); EV l. 919
  {
    file: 'HP_BL460c_Gen10',
    product: 'ProLiant BL460c Gen10',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 12,
    threadsPerCore: 2,
    logicalCpus: 48,
    memoryGiB: 64,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) Gold 6126 CPU @ 2.60GHz',
  },
  // l. 274, 283 Multi-bit ECC; l. 97/206 Populated; 10 cores (l. 106), 20 threads (l. 107);
  // 6 × 8192 MB (l. 294, 342, 462, 486, 534, 654); EV l. 113
  {
    file: 'HP_BL460c_Gen9',
    product: 'ProLiant BL460c Gen9',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 10,
    threadsPerCore: 2,
    logicalCpus: 40,
    memoryGiB: 48,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E5-2640 v4 @ 2.40GHz',
  },
  // l. 408, 417 Single-bit ECC; l. 109 "Populated, Enabled", l. 165 "Populated, Idle": 2 sockets; 6 cores (l. 118),
  // 12 threads (l. 119); 8 × 4096 MB + 2 × 16384 MB (l. 668, 956) = 65536 MiB;
  // Characteristics (l. 120) list only "64-bit capable": virtualization not stated
  {
    file: 'HP_DL380p_Gen8',
    product: 'ProLiant DL380p Gen8',
    eccType: 'Single-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 6,
    threadsPerCore: 2,
    logicalCpus: 24,
    memoryGiB: 64,
    virtualization: 'unknown',
    model: 'Intel(R) Xeon(R) CPU E5-2620 0 @ 2.00GHz',
  },
  // l. 129, 138 Multi-bit ECC; l. 938/1047 Populated; 14 cores (l. 947), 28 threads (l. 948);
  // 4 × "32 GB" (l. 238, 262, 430, 454); EV l. 954
  {
    file: 'HP_ProLiant_BL460c_Gen10_Graphics_Exp',
    product: 'ProLiant BL460c Gen10 Graphics Exp',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 14,
    threadsPerCore: 2,
    logicalCpus: 56,
    memoryGiB: 128,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) Gold 6132 CPU @ 2.60GHz',
  },
  // l. 165 Multi-bit ECC; one socket l. 97; 4 cores (l. 106), 8 threads (l. 107); 4 × 16384 MB (l. 176-248); EV l. 113
  {
    file: 'HP_ProLiant_m710x',
    product: 'ProLiant m710x Server Cartridge',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 1,
    coresPerSocket: 4,
    threadsPerCore: 2,
    logicalCpus: 8,
    memoryGiB: 64,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E3-1585L v5 @ 3.00GHz',
  },
  // l. 398, 407 Single-bit ECC; l. 127 Enabled, l. 183 Idle; 4 cores (l. 136), 4 threads (l. 137);
  // 8 × 16384 MB (l. 442, 490, 514, 538, 586, 634, 658, 682); no Enhanced Virtualization
  {
    file: 'HP_SL4540_Gen8',
    product: 'ProLiant SL4540 Gen8',
    eccType: 'Single-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 4,
    threadsPerCore: 1,
    logicalCpus: 8,
    memoryGiB: 128,
    virtualization: 'unknown',
    model: 'Intel(R) Xeon(R) CPU E5-2407 v2 @ 2.40GHz',
  },
  // l. 208 Single-bit ECC; l. 185 Populated; 4 cores (l. 194), 8 threads (l. 195); 2 × 16384 MB (l. 243, 291); EV l. 201
  {
    file: 'QCT_X10E-9N',
    product: 'QuantaMicro X10E-9N',
    eccType: 'Single-bit ECC',
    ecc: true,
    sockets: 1,
    coresPerSocket: 4,
    threadsPerCore: 2,
    logicalCpus: 8,
    memoryGiB: 32,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E3-1240 v6 @ 3.70GHz',
  },
  // l. 592, 837 Multi-bit ECC; SOCKET 0 Populated (l. 1192), SOCKET 1 Unpopulated (l. 1223): 1 socket;
  // 8 cores (l. 1201), 16 threads (l. 1202); 4 × 16384 MB (l. 611, 668, 725, 782); EV l. 1208
  {
    file: 'SM_SSG-6028R',
    product: 'SSG-6028R-OSD072P',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 1,
    coresPerSocket: 8,
    threadsPerCore: 2,
    logicalCpus: 16,
    memoryGiB: 64,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz',
  },
  // l. 404, 509 Multi-bit ECC; l. 815/924 Populated; 10 cores (l. 824), 20 threads (l. 825);
  // 4 × 16384 MB (l. 415, 439, 520, 544); EV l. 831
  {
    file: 'SM_SYS-6018R',
    product: 'SYS-6018R-TDTPR',
    eccType: 'Multi-bit ECC',
    ecc: true,
    sockets: 2,
    coresPerSocket: 10,
    threadsPerCore: 2,
    logicalCpus: 40,
    memoryGiB: 64,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E5-2630 v4 @ 2.20GHz',
  },
  // l. 282 Single-bit ECC; l. 259 Populated; 4 cores (l. 268), 8 threads (l. 269); 2 × 16384 MB (l. 317, 365); EV l. 275
  {
    file: 'SYS-5039MS-H12TRF-OS012.txt',
    product: 'SYS-5039MS-H12TRF-OS012',
    eccType: 'Single-bit ECC',
    ecc: true,
    sockets: 1,
    coresPerSocket: 4,
    threadsPerCore: 2,
    logicalCpus: 8,
    memoryGiB: 32,
    virtualization: 'vt-x',
    model: 'Intel(R) Xeon(R) CPU E3-1245 v5 @ 3.50GHz',
  },
  // l. 310 "Error Correction Type: None" (type 16), while the type 7 cache blocks say "Single-bit ECC"
  // (l. 149, 165): non-ECC. l. 123 Populated; 8 cores (l. 132), 8 threads (l. 133); 4 × 8192 MB (l. 321-393)
  {
    file: 'unknown.txt',
    product: 'SR',
    eccType: 'None',
    ecc: false,
    sockets: 1,
    coresPerSocket: 8,
    threadsPerCore: 1,
    logicalCpus: 8,
    memoryGiB: 32,
    virtualization: 'unknown',
    model: 'Intel(R) Atom(TM) CPU  C2750  @ 2.40GHz',
  },
];

describe('dmidecode captures (test/fixtures/real/dmidecode)', () => {
  it('covers every file of the directory', () => {
    expect(EXPECTED.map((e) => e.file).sort()).toEqual(realFiles('dmidecode'));
  });

  for (const e of EXPECTED) {
    it(`${e.file}: ${e.eccType}, ${e.sockets} × ${e.coresPerSocket} cores × ${e.threadsPerCore} threads, ${e.memoryGiB} GiB`, () => {
      const r = importReal('dmidecode', e.file);
      expect(r.format).toBe('dmidecode');
      expect(r.diagnostics).toEqual([]);
      const f = factsOf('dmidecode', e.file);
      const { file: _file, ...want } = e;
      expect({
        product: v(f.system.product),
        eccType: v(f.memory.eccType),
        ecc: v(f.memory.ecc),
        sockets: v(f.cpu.sockets),
        coresPerSocket: v(f.cpu.coresPerSocket),
        threadsPerCore: v(f.cpu.threadsPerCore),
        logicalCpus: v(f.cpu.logicalCpus),
        memoryGiB: f.memory.installedBytes.known ? f.memory.installedBytes.value / GIB : 'unknown',
        virtualization: v(f.cpu.virtualization),
        model: v(f.cpu.model),
      }).toEqual(want);
      // no disks, no NICs in dmidecode: unknown, never zero
      expect(v(f.disks)).toBe('unknown');
      expect(v(f.nics)).toBe('unknown');
    });
  }

  it('the ECC evidence names the type 16 line, never a type 7 cache line', () => {
    // unknown.txt l. 310 (type 16) says None; l. 149 and 165 (type 7) say Single-bit ECC
    expect(factsOf('dmidecode', 'unknown.txt').memory.ecc.evidence).toBe('unknown.txt:310: DMI type 16 (System Memory) Error Correction Type');
    // Dell_DSS7500 l. 213 (type 7) says Parity, l. 429 (type 16) Multi-bit ECC
    expect(factsOf('dmidecode', 'Dell_DSS7500').memory.ecc.evidence).toBe('Dell_DSS7500:429: DMI type 16 (System Memory) Error Correction Type');
  });

  it('Enhanced Virtualization is evidence of VT-x; its absence leaves virtualization unknown', () => {
    expect(factsOf('dmidecode', 'Dell_DSS7500').cpu.virtualization.evidence).toContain('Dell_DSS7500:137: DMI type 4 Characteristics "Enhanced Virtualization"');
    expect(factsOf('dmidecode', 'HP_DL380p_Gen8').cpu.virtualization.evidence).toContain('HP_DL380p_Gen8:120: DMI type 4 Characteristics do not list Enhanced Virtualization');
  });

  it('a real capture cut after 300 lines is inventory.truncated at its last line', () => {
    // QCT_X10E-9N: l. 4 promises "37 structures"; l. 300 is `\tSerial Number: 328CB9DF` (1 tab + 23 characters)
    const cut = realText('dmidecode', 'QCT_X10E-9N').split('\n').slice(0, 300).join('\n');
    const r = importInventory(cut, { fileName: 'QCT_X10E-9N' });
    expect(r.facts).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['inventory.truncated', 300, 25]]);
  });
});

describe('dmidecode: broken captures', () => {
  it('fewer structures than the header promises: inventory.truncated at the last line', () => {
    const lines = [
      '# dmidecode 3.0',
      'SMBIOS 3.0 present.',
      '3 structures occupying 100 bytes.',
      '',
      'Handle 0x0001, DMI type 1, 27 bytes',
      'System Information',
      '\tManufacturer: Acme',
      '',
      'Handle 0x0038, DMI type 16, 23 bytes',
      'Physical Memory Array',
      '\tUse: System Memory',
      '\tError Correction Type: Multi-bi',
    ];
    const r = importInventory(lines.join('\n'), { fileName: 'cut.txt' });
    expect(r.facts).toBeUndefined();
    // 2 handles for 3 promised; the last line is l. 12, `\tError Correction Type: Multi-bi`, 32 characters: col 33
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['inventory.truncated', 12, 33]]);
  });

  it('no DMI structure at all: inventory.empty', () => {
    const r = importInventory('# dmidecode 3.3\n# No SMBIOS nor DMI entry point found, sorry.\n', { fileName: 'vm.txt' });
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['inventory.empty', 2, 46]]);
  });
});
