/**
 * `ceph osd dump -f json` -> pools, full ratios, erasure-code profiles, OSD up/in.
 *
 * Semantics (src/osd/OSDMap.cc OSDMap::dump, src/osd/osd_types.cc pg_pool_t::dump):
 *  - pool `type` 1 is replicated, 3 is erasure; `size` is the replica count or k+m.
 *  - `crush_rule` (Luminous+; `crush_ruleset` before) is the rule id.
 *  - `erasure_code_profile` names a profile of `erasure_code_profiles`, whose values are
 *    strings (`"k": "4"`). A replicated pool can carry a profile name too: Luminous's
 *    `osd pool create <pool> <pg> <pgp> replicated <name>` stored its positional rule
 *    name there; it is kept as `profileName` and only used as a clue to a rule's name.
 *  - `full_ratio`, `backfillfull_ratio`, `nearfull_ratio` are fractions, printed from floats
 *    (0.949999988079071 is 0.95f).
 *  - raw used rate (OSDMap::pool_raw_used_rate): size for replicated, (k+m)/k for erasure.
 */
import { COMMAND_LINE, detectCephCommand } from './detect.js';
import { isObj, num, parseCephJsonText, str, wrongCommand, type Obj } from './json.js';
import { found, type ParsedOutput } from './osd-df.js';

export interface CephStatePool {
  id: number;
  name: string;
  type: 'replicated' | 'erasure';
  /** Replica count, or k + m. */
  size: number;
  minSize: number;
  ruleId: number;
  /** `erasure_code_profile` as printed ('' when none). */
  profileName: string;
  /** Erasure pools: data and coding chunks from the profile (strings parsed to numbers). */
  k?: number;
  m?: number;
  /** Raw bytes written per client byte: size, or (k+m)/k. */
  rawUsedRate: number;
}

export interface CephOsdDump {
  pools: CephStatePool[];
  /** Fractions; undefined when not printed (before Luminous they lived in the PGMap). */
  fullRatio?: number;
  backfillfullRatio?: number;
  nearfullRatio?: number;
  erasureCodeProfiles: Record<string, Record<string, string>>;
  osds: { id: number; up: boolean; in: boolean; weight: number }[];
}

function readProfiles(v: unknown): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (!isObj(v)) return out;
  for (const [name, p] of Object.entries(v)) {
    if (!isObj(p)) continue;
    out[name] = Object.fromEntries(Object.entries(p).map(([k, x]) => [k, String(x)]));
  }
  return out;
}

/**
 * Parses `ceph osd dump -f json`. Errors: `ceph.json.invalid`, `ceph.json.wrong_command`;
 * an erasure pool whose profile is missing or lacks k/m gets an error and rate k+m / k unknown
 * (the pool is kept with rawUsedRate 0, i.e. no MAX AVAIL).
 */
/** The largest pool size read: k+m of the widest erasure code profiles in use (Ceph caps replicated pools at 10). */
const MAX_POOL_SIZE = 64;

/** Line and column of the n-th `"key":` in a JSON text; 1:1 when not found. */
function keyLineCol(text: string, key: string, n: number): { line: number; col: number } {
  const re = new RegExp(`"${key}"\\s*:`, 'g');
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= n; i++) {
    m = re.exec(text);
    if (!m) return { line: 1, col: 1 };
  }
  const before = text.slice(0, m!.index);
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, col: m!.index - before.lastIndexOf('\n') };
}

export function parseOsdDump(text: string, fileName: string): ParsedOutput<CephOsdDump> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['osd dump']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'osd dump' || !isObj(r.value)) return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['osd dump'], found(kind))] };
  const v = r.value;
  const erasureCodeProfiles = readProfiles(v.erasure_code_profiles);
  const pools: CephStatePool[] = [];
  (v.pools as unknown[]).forEach((p, index) => {
    if (!isObj(p)) return;
    const id = num(p.pool);
    const name = str(p.pool_name);
    const size = num(p.size);
    const ruleId = num(p.crush_rule) ?? num(p.crush_ruleset);
    if (id === undefined || name === undefined || size === undefined || ruleId === undefined) {
      r.diagnostics.push({
        code: 'ceph.json.invalid_field',
        severity: 'error',
        path: ['pools', index],
        message: `pools[${index}] lacks pool, pool_name, size or crush_rule: skipped`,
        location: { file: fileName, line: 1, col: 1 },
      });
      return;
    }
    if (!Number.isInteger(size) || size < 1 || size > MAX_POOL_SIZE) {
      // size 1e308 made the placement loops spin (issue 15); Ceph itself refuses a size over 10 (replicated)
      r.diagnostics.push({
        code: 'ceph.json.invalid_field',
        severity: 'error',
        path: ['pools', index, 'size'],
        message: `pool ${name}: size ${size} is not a replica or shard count (a whole number from 1 to ${MAX_POOL_SIZE}): skipped`,
        location: { file: fileName, ...keyLineCol(text, 'size', index) },
        hint: 'the output is corrupt or edited: run ceph osd dump -f json again',
      });
      return;
    }
    const type = num(p.type) === 3 ? 'erasure' : 'replicated';
    const pool: CephStatePool = { id, name, type, size, minSize: num(p.min_size) ?? size, ruleId, profileName: str(p.erasure_code_profile) ?? '', rawUsedRate: size };
    if (type === 'erasure') readEc(pool, erasureCodeProfiles, p, fileName, index, r.diagnostics);
    pools.push(pool);
  });
  const osds = (v.osds as unknown[]).filter(isObj).map((o: Obj) => ({ id: num(o.osd) ?? -1, up: num(o.up) === 1, in: num(o.in) === 1, weight: num(o.weight) ?? 0 }));
  const data: CephOsdDump = { pools, erasureCodeProfiles, osds };
  // Ratios a cluster can have: 0 < nearfull <= backfillfull <= full <= 1 (OSDMap::check_full_ratios). Others are
  // refused at the key (a baseline written from them would not load: `headroom import` exit 3, issue 15).
  const ratio = (key: 'full_ratio' | 'backfillfull_ratio' | 'nearfull_ratio'): number | undefined => {
    const x = num(v[key]);
    if (x === undefined || (x > 0 && x <= 1)) return x;
    r.diagnostics.push({
      code: 'ceph.json.invalid_field',
      severity: 'error',
      path: [key],
      message: `${key} ${x} is not a ratio between 0 and 1`,
      location: { file: fileName, ...keyLineCol(text, key, 0) },
      hint: 'the output is corrupt or edited: run ceph osd dump -f json again',
    });
    return undefined;
  };
  const full = ratio('full_ratio');
  if (full !== undefined) data.fullRatio = full;
  const bf = ratio('backfillfull_ratio');
  if (bf !== undefined) data.backfillfullRatio = bf;
  const nf = ratio('nearfull_ratio');
  if (nf !== undefined) data.nearfullRatio = nf;
  if (full !== undefined && bf !== undefined && nf !== undefined && !(nf <= bf && bf <= full)) {
    r.diagnostics.push({
      code: 'ceph.json.invalid_field',
      severity: 'error',
      path: ['nearfull_ratio'],
      message: `nearfull_ratio ${nf} <= backfillfull_ratio ${bf} <= full_ratio ${full} does not hold`,
      location: { file: fileName, ...keyLineCol(text, 'nearfull_ratio', 0) },
      hint: 'Ceph warns about this too (OSD_OUT_OF_ORDER_FULL): fix the ratios with ceph osd set-*-ratio, then capture again',
    });
  }
  return { data, diagnostics: r.diagnostics };
}

function readEc(
  pool: CephStatePool,
  profiles: CephOsdDump['erasureCodeProfiles'],
  p: Obj,
  fileName: string,
  index: number,
  diagnostics: ParsedOutput<unknown>['diagnostics'],
): void {
  const prof = profiles[pool.profileName];
  const k = prof ? Number(prof.k) : Number.NaN;
  const m = prof ? Number(prof.m) : Number.NaN;
  if (Number.isInteger(k) && k > 0 && k <= 64 && Number.isInteger(m) && m >= 0 && m <= 64) {
    pool.k = k;
    pool.m = m;
    pool.rawUsedRate = (k + m) / k;
    return;
  }
  pool.rawUsedRate = 0;
  diagnostics.push({
    code: 'ceph.json.invalid_field',
    severity: 'error',
    path: ['pools', index, 'erasure_code_profile'],
    message: `erasure pool ${pool.name}: profile "${pool.profileName}" is not in erasure_code_profiles or lacks k and m: its raw used rate is unknown`,
    location: { file: fileName, line: 1, col: 1 },
  });
  void p;
}
