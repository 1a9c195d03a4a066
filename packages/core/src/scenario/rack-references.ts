/**
 * Cross-field rules of racks' power feed circuits (`racks[].feed`), checked on the raw YAML
 * like references.ts: the circuit is given either by its breaker (voltage and breaker) or by
 * its usable power, and what it carries is above zero.
 */
import { parseQuantity } from '../units/quantity.js';
import type { RawIssue } from './references.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * `rack.feed.invalid_circuit` (error) for a `feed:` that gives neither `usable` nor both
 * `voltage` and `breaker`, that gives `usable` with voltage or breaker (which one counts?), or
 * whose voltage, breaker or usable power is zero (a feed that carries nothing).
 */
export function checkFeedCircuits(raw: Obj): RawIssue[] {
  const out: RawIssue[] = [];
  list(raw.racks).forEach((r, i) => {
    if (!isObj(r) || !isObj(r.feed)) return;
    const f = r.feed;
    const path = ['racks', i, 'feed'];
    const has = (k: string): boolean => f[k] !== undefined;
    if (has('usable') && (has('voltage') || has('breaker'))) {
      out.push({
        code: 'rack.feed.invalid_circuit',
        path,
        message: 'the feed gives both usable and a breaker (voltage, breaker): give one of the two',
        hint: 'usable is the continuous power one feed carries; voltage and breaker derive it (× 0.8)',
      });
      return;
    }
    if (!has('usable') && !(has('voltage') && has('breaker'))) {
      out.push({
        code: 'rack.feed.invalid_circuit',
        path,
        message: `the feed needs ${has('voltage') ? 'breaker' : has('breaker') ? 'voltage' : 'voltage and breaker, or usable'}`,
        hint: 'e.g. feed: { voltage: 230 V, breaker: 32 A } or feed: { usable: 7.4 kW }',
      });
      return;
    }
    for (const [k, kind] of [
      ['voltage', 'voltage'],
      ['breaker', 'current'],
      ['usable', 'power'],
    ] as const) {
      if (!has(k)) continue;
      const q = parseQuantity(f[k], kind);
      if (q.ok && q.value === 0)
        out.push({
          code: 'rack.feed.invalid_circuit',
          path: [...path, k],
          message: `${k} is 0: the feed would carry nothing`,
          hint: "give the circuit's real rating, e.g. voltage: 230 V, breaker: 32 A, or usable: 7.4 kW",
        });
    }
  });
  return out;
}
