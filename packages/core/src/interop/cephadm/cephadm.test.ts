/**
 * cephadm: ceph-volume's size units worked by hand, the specs of scenarios/regional-cloud.yaml,
 * and spec out -> in -> the same OSDs per host.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.js';
import { cephadmExport } from './export.js';
import { cephVolumeSize, diskMatches, matcherBytes, parseSizeFilter, sizeFilterFor, sizeMatches } from './filters.js';
import { osdCounts, placementHas, readCephadmSpecs } from './import.js';

const root = join(import.meta.dirname, '../../../../..');
const regionalText = readFileSync(join(root, 'scenarios/regional-cloud.yaml'), 'utf8');
const regional = parseScenario(regionalText, { fileName: 'regional-cloud.yaml' }).scenario!;

describe('ceph-volume sizes and drive-group size filters', () => {
  it('human_readable_size divides by 1024 and labels the result TB', () => {
    // 20e12 / 1024^4 = 18.1899 -> "18.19 TB"; 3.84e12 / 1024^4 = 3.4925 -> "3.49 TB"; 480e9 / 1024^3 = 447.03 GB
    expect(cephVolumeSize(20e12)).toEqual({ value: 18.19, suffix: 'TB' });
    expect(cephVolumeSize(3.84e12)).toEqual({ value: 3.49, suffix: 'TB' });
    expect(cephVolumeSize(480e9)).toEqual({ value: 447.03, suffix: 'GB' });
    expect(cephVolumeSize(512)).toEqual({ value: 512, suffix: 'B' });
  });

  it('SizeMatcher reads that label as 10^12: a 20 TB drive is 18.19e12 bytes to the filter', () => {
    expect(matcherBytes(20e12)).toBe(18.19e12);
    expect(matcherBytes(512)).toBe(0); // B is not in the matcher's table
    expect(sizeMatches(parseSizeFilter('20T:')!, 20e12)).toBe(false); // the trap
    expect(sizeMatches(parseSizeFilter('18T:19T')!, 20e12)).toBe(true);
    expect(sizeMatches(parseSizeFilter(':500G')!, 480e9)).toBe(true);
    expect(sizeMatches(parseSizeFilter('447G')!, 480e9)).toBe(false); // exact: 447.03e9 != 447e9
  });

  it('parses only what Ceph parses: integers, upper-case M/G/T units', () => {
    expect(parseSizeFilter('10G:50G')).toEqual({ text: '10G:50G', lowBytes: 10e9, highBytes: 50e9 });
    expect(parseSizeFilter('2TB:')).toEqual({ text: '2TB:', lowBytes: 2e12 });
    expect(parseSizeFilter('1.5T')).toBeUndefined();
    expect(parseSizeFilter('18t:')).toBeUndefined();
    expect(parseSizeFilter(':')).toBeUndefined();
    expect(parseSizeFilter('10P')).toBeUndefined();
  });

  it('headroom writes integer bounds around the matcher value', () => {
    expect(sizeFilterFor(20e12)).toBe('18T:19T');
    expect(sizeFilterFor(3.84e12)).toBe('3T:4T');
    expect(sizeFilterFor(480e9)).toBe('447G:448G');
  });

  it('rotational separates HDD from flash', () => {
    const f = { rotational: true, unevaluated: [] };
    expect(diskMatches(f, { kind: 'hdd', sizeBytes: 1e12 })).toBe(true);
    expect(diskMatches(f, { kind: 'nvme', sizeBytes: 1e12 })).toBe(false);
  });
});

describe('cephadmExport(regional-cloud)', () => {
  const out = cephadmExport(regional);

  it('one OSD spec for the R760xd2: 24 HDD OSDs, 4 NVMe DB devices, db_slots 24 / 4 = 6', () => {
    expect(out.findings).toEqual([]);
    expect(out.osdSpecs).toEqual([
      {
        serviceId: 'headroom-sto-r760xd2',
        hardware: 'sto-r760xd2',
        hosts: ['storage-01', 'storage-02', 'storage-03', 'storage-04', 'storage-05', 'storage-06', 'storage-07', 'storage-08'],
        data: { rotational: true, size: '18T:19T' },
        db: { rotational: false, size: '3T:4T' },
        dbSlots: 6,
        osdsPerHost: 24,
      },
    ]);
  });

  it('monitors on the three controllers (Ceph default: 3 mons for 3+ hosts), 2 managers; host specs carry the management address', () => {
    expect(out.mon).toEqual(['control-01', 'control-02', 'control-03']);
    expect(out.mgr).toEqual(['control-01', 'control-02']);
    expect(out.hosts.find((h) => h.hostname === 'storage-01')).toEqual({ hostname: 'storage-01', addr: '10.20.0.53', labels: ['osd'] });
    expect(out.hosts.find((h) => h.hostname === 'control-01')!.labels).toEqual(['mon', '_admin', 'mgr']);
  });

  it('reads back: 24 OSDs on each of the 8 storage hosts, as planned', () => {
    const back = readCephadmSpecs(out.text, 'specs.yaml');
    expect(back.diagnostics).toEqual([]);
    expect(back.services.map((s) => s.serviceType)).toEqual(['mon', 'mgr', 'osd']);
    expect(back.services[2]!.dbSlots).toBe(6);
    const counts = osdCounts(back, regional);
    expect(counts).toHaveLength(8);
    expect(counts.every((c) => c.planned === 24 && c.fromSpecs === 24)).toBe(true);
  });

  it('a spec whose size filter misses the drives (20T: on 20 TB drives) makes no OSD', () => {
    const wrong = out.text.replace('size: 18T:19T', "size: '20T:'");
    expect(osdCounts(readCephadmSpecs(wrong, 'specs.yaml'), regional)[0]).toMatchObject({ planned: 24, fromSpecs: 0 });
  });
});

describe('readCephadmSpecs: bad input, positioned', () => {
  it('a bad size filter, a document without service_type, an osd spec without data_devices', () => {
    const text = [
      'service_type: osd',
      'service_id: a',
      'placement:',
      '  label: osd',
      'spec:',
      '  data_devices:',
      "    size: '1.5T:'",
      '---',
      'hostname: x',
      '---',
      'service_type: osd',
      'service_id: b',
      'placement: { host_pattern: "stor*" }',
      '',
    ].join('\n');
    const r = readCephadmSpecs(text, 's.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['cephadm.size_filter.invalid', 7], // the filter's line
      ['cephadm.spec.invalid', 9],
      ['cephadm.spec.invalid', 11],
    ]);
    expect(readCephadmSpecs('a: [', 's.yaml').diagnostics[0]!.code).toBe('interop.yaml.syntax');
  });

  it('placement by label and host_pattern', () => {
    expect(placementHas({ hosts: [], label: 'osd' }, 'h1', ['osd'])).toBe(true);
    expect(placementHas({ hosts: [], hostPattern: 'storage-0?' }, 'storage-07', [])).toBe(true);
    expect(placementHas({ hosts: [], hostPattern: 'storage-0?' }, 'storage-10', [])).toBe(false);
    expect(placementHas({ hosts: ['a'] }, 'b', [])).toBe(false);
  });
});
