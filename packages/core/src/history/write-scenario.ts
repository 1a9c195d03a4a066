/**
 * Writes fitted growths into a scenario's text (demand.growthBy.<path>), keeping everything
 * else, comments included (yaml Document API). Pure: text in, text out; the CLI writes the
 * file atomically. Rates are rounded to 5 decimals (0.001 %/month), R² to 4.
 */
import { isMap, parseDocument } from 'yaml';
import type { BandedGrowth, GrowthBy } from '../model/demand.js';

const r5 = (x: number): number => Number(x.toFixed(5));

/** The YAML value of one growth: { kind, perMonth, p10, p90, fit: { ... } }. */
function entry(g: BandedGrowth): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: g.kind, perMonth: r5(g.perMonth) };
  if (g.p10 !== undefined) out.p10 = r5(g.p10);
  if (g.p90 !== undefined) out.p90 = r5(g.p90);
  if (g.fit) out.fit = { ...g.fit, r2: Number(g.fit.r2.toFixed(4)) };
  return out;
}

/**
 * Sets demand.growthBy.compute / pools.<name> / floatingIps / flavors.<name> / traffic from
 * `growthBy` (entries not given stay as they are). An error when the text is not a YAML
 * mapping (nothing is written then).
 */
export function writeGrowthBy(text: string, growthBy: GrowthBy): { text: string } | { error: string } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { error: `the scenario is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  if (doc.contents !== null && !isMap(doc.contents)) return { error: 'the scenario is not a YAML mapping' };
  const set = (path: string[], g: BandedGrowth | undefined): void => {
    if (!g) return;
    const node = doc.createNode(entry(g), { flow: true });
    doc.setIn(['demand', 'growthBy', ...path], node);
  };
  set(['compute'], growthBy.compute);
  for (const [k, g] of Object.entries(growthBy.flavors ?? {})) set(['flavors', k], g);
  for (const [k, g] of Object.entries(growthBy.pools ?? {})) set(['pools', k], g);
  set(['floatingIps'], growthBy.floatingIps);
  set(['traffic'], growthBy.traffic);
  return { text: doc.toString({ lineWidth: 0 }) };
}
