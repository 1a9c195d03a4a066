/**
 * `headroom bom` end to end on the built binary: the CSV parses as a table (RFC 4180) with a
 * header row and units in the column names; -o writes the same bytes; JSON; exit codes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, headroom } from './helpers/run-cli.js';

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'headroom-bom-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('headroom bom', () => {
  it('CSV on stdout: a rectangular table, a header with units, the hand-worked first order', () => {
    const r = headroom('bom', 'scenarios/regional-cloud.yaml');
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    const header = rows[0]!;
    expect(header).toEqual(
      expect.arrayContaining([
        'order_by',
        'delivery_month',
        'role',
        'quantity',
        'unit_price_EUR',
        'total_price_EUR',
        'power_typical_W',
        'power_max_W',
        'heat_typical_BTU_per_h',
        'height_RU',
      ]),
    );
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row).toHaveLength(header.length);
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    // 2 × HPE DL380 Gen11 at 45,000 EUR, 800 W typical and 1,600 W max each
    // (scenarios/regional-cloud.yaml): 1,600 W typical, 3,200 W max, 1,600 × 3.412 = 5,459.2 BTU/h, 2 × 2 RU.
    expect(first).toMatchObject({
      order_by: '2028-01-08',
      delivery_month: '2028-04',
      role: 'compute',
      quantity: '2',
      unit_price_EUR: '45000',
      total_price_EUR: '90000',
      power_typical_W: '1600',
      power_max_W: '3200',
      heat_typical_BTU_per_h: '5459.2',
      height_RU: '4',
    });
    // no storage host: the pools share the hdd rules' raw space (test/procurement.test.ts)
    expect(rows.slice(1).some((row) => row[header.indexOf('role')] === 'storage')).toBe(false);
  });

  it('-o writes the same CSV atomically; --format json is the procurement plan', () => {
    const out = join(dir, 'bom.csv');
    const w = headroom('bom', 'scenarios/regional-cloud.yaml', '-o', out);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(headroom('bom', 'scenarios/regional-cloud.yaml').stdout);
    const j = headroom('bom', 'scenarios/regional-cloud.yaml', '--format', 'json');
    expect(j.code).toBe(0);
    const plan = JSON.parse(j.stdout) as { purchases: { orderBy: string }[]; currency: string };
    expect(plan.currency).toBe('EUR');
    expect(plan.purchases[0]!.orderBy).toBe('2028-01-08');
  });

  it('--table cost: the whole bill with units in the column names; --table months: CAPEX and OPEX per month', () => {
    const r = headroom('bom', 'scenarios/regional-cloud.yaml', '--table', 'cost');
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    const header = rows[0]!;
    expect(header).toEqual(['item', 'hardware', 'kind', 'quantity', 'quantity_unit', 'unit_price_EUR', 'amount_EUR', 'basis', 'unpriced']);
    const line = (item: string) => Object.fromEntries(header.map((h, i) => [h, rows.find((x) => x[0] === item)![i]]));
    // 12 compute servers bought (6 orders of 2), 4 cabled 25 Gbit/s ports each (network: bond0 + bond1 of 2 ports):
    // 48 cables × 12 = 576 EUR, 96 optics × 45 = 4,320 EUR; spares 3 % × 540,000 = 16,200 EUR
    expect(line('servers')).toMatchObject({ hardware: 'cmp-dl380g11', quantity: '12', unit_price_EUR: '45000', amount_EUR: '540000' });
    expect(line('cables')).toMatchObject({ quantity: '48', amount_EUR: '576' });
    expect(line('optics')).toMatchObject({ quantity: '96', amount_EUR: '4320' });
    expect(line('spares')).toMatchObject({ quantity: '540000', quantity_unit: 'EUR of server CAPEX', unit_price_EUR: '0.03', amount_EUR: '16200' });
    const m = parseCsv(headroom('bom', 'scenarios/regional-cloud.yaml', '--table', 'months').stdout);
    expect(m[0]).toEqual(['month', 'capex_EUR', 'opex_EUR', 'cumulative_EUR', 'servers_in_service', 'racks_in_service', 'it_load_typical_W', 'energy_kWh']);
    expect(m).toHaveLength(25); // header + 24 months
    // Jan 2027: 52 servers, 34,110 W typical (the scenario's header) × PUE 1.45 × 730 h = 36,105.435 kWh
    expect(m[1]!.slice(4)).toEqual(['52', '6', '34110', '36105.435']);
    const j = JSON.parse(headroom('bom', 'scenarios/regional-cloud.yaml', '--format', 'json').stdout) as { cost: { capexTotalAmount: number } };
    // 540,000 + 576 + 4,320 + 16,200 = 561,096
    expect(j.cost.capexTotalAmount).toBe(561_096);
  });

  it('the whole bill needs no procurement: section (the pilot, bought as it is)', () => {
    const r = headroom('bom', 'scenarios/reference-pilot.yaml', '--table', 'cost');
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    // 6 ToR switches (a pair in each of 3 racks) × 14,000 = 84,000 EUR
    expect(rows.find((x) => x[0] === 'tor-switches')!.slice(3, 7)).toEqual(['6', 'switch', '14000', '84000']);
  });

  it('a scenario without procurement: exit 2 with a message, nothing on stdout', () => {
    const r = headroom('bom', 'scenarios/reference-pilot.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no procurement: section/);
  });
});

describe('headroom simulate', () => {
  it('with low = likely = high, P10 = P50 = P90 = the deterministic plan', () => {
    // the deterministic plan (test/procurement.test.ts): 6 orders of 2 gen B hosts (12 × 45,000 =
    // 540,000 EUR), no storage host; the first delivery at month 15.
    const r = headroom('simulate', 'scenarios/regional-cloud.yaml', '--growth', '0.045,0.045,0.045', '--runs', '3', '--format', 'json');
    expect(r.code).toBe(0);
    const sim = JSON.parse(r.stdout) as { capexTotalAmount: unknown; hosts: { compute: unknown; storage: unknown }; firstDeliveryMonthIndex: unknown };
    expect(sim.capexTotalAmount).toEqual({ p10: 540_000, p50: 540_000, p90: 540_000 });
    expect(sim.hosts).toEqual({ compute: { p10: 12, p50: 12, p90: 12 }, storage: { p10: 0, p50: 0, p90: 0 } });
    expect(sim.firstDeliveryMonthIndex).toEqual({ p10: 15, p50: 15, p90: 15 });
  });

  it('the text gives dates and the currency; --runs takes up to 100,000', () => {
    // the deterministic plan: first delivery 2028-04 (month 15), ordered by 2028-01-08 (test/procurement.test.ts)
    const r = headroom('simulate', 'scenarios/regional-cloud.yaml', '--growth', '0.045,0.045,0.045', '--runs', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CAPEX total \(EUR\) +540,000 +540,000 +540,000/);
    expect(r.stdout).toMatch(/first delivery \(month\) +2028-04 +2028-04 +2028-04/);
    expect(r.stdout).toMatch(/first order by +2028-01-08 +2028-01-08 +2028-01-08/);
    expect(r.stderr).toBe(''); // no progress: not a terminal
    const json = JSON.parse(headroom('simulate', 'scenarios/regional-cloud.yaml', '--growth', '0.045,0.045,0.045', '--runs', '2', '--format', 'json').stdout) as {
      currency: string;
      firstDeliveryMonth: unknown;
    };
    expect(json.currency).toBe('EUR');
    expect(json.firstDeliveryMonth).toEqual({ p10: '2028-04', p50: '2028-04', p90: '2028-04' });
    expect(headroom('simulate', 'scenarios/regional-cloud.yaml', '--growth', '0.045,0.045,0.045', '--runs', '100001').code).toBe(2);
  });

  it('a bad --growth is exit 2 with a message', () => {
    const r = headroom('simulate', 'scenarios/regional-cloud.yaml', '--growth', '0.05,0.03');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/low,likely,high/);
  });
});
