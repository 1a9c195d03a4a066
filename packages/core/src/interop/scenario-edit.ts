/**
 * Writing what an importer read back into a scenario file: the base scenario's YAML with one
 * section replaced (its other keys and comments kept). Pure: text in, text out.
 */
import { isMap, isSeq, parseDocument, YAMLMap, type Document } from 'yaml';
import type { NodeGroup } from '../model/scenario.js';

/** A node group as the scenario file writes it (the inverse of normalize for `nodes:`). */
export function nodeGroupYaml(g: NodeGroup): Record<string, unknown> {
  return {
    role: g.role,
    hardware: g.hardware,
    count: g.count,
    ...(g.rack !== undefined ? { rack: g.rack } : { placement: g.placement }),
    ...(g.namePrefix !== g.role ? { name: g.namePrefix } : {}),
    ...(g.retire !== undefined ? { retire: g.retire } : {}),
  };
}

/**
 * The base text with `nodes:` replaced by `nodes` (each group on one flow line), and any
 * other top-level keys in `set` replaced or added (a path of keys: ['network', 'vips']).
 * @param comment written above `nodes:` (say where the groups come from)
 */
export function replaceScenarioSections(baseText: string, nodes: readonly NodeGroup[], comment: string, set: readonly { path: string[]; value: unknown }[] = []): string {
  const doc: Document = parseDocument(baseText);
  const seq = doc.createNode(nodes.map(nodeGroupYaml));
  for (const item of (seq as { items: { flow?: boolean }[] }).items) item.flow = true;
  if (isMap(doc.contents)) {
    doc.contents.set('nodes', seq);
    const pair = doc.contents.items.find((p) => (p.key as { value?: unknown })?.value === 'nodes' || p.key === 'nodes');
    if (pair?.key && typeof pair.key === 'object') (pair.key as { commentBefore?: string }).commentBefore = ` ${comment}`;
  } else {
    doc.contents = new YAMLMap();
    (doc.contents as YAMLMap).set('nodes', seq);
  }
  for (const s of set) if (doc.hasIn(s.path.slice(0, -1)) || s.path.length === 1) doc.setIn(s.path, s.value);
  return doc.toString({ lineWidth: 0 });
}

/** A rack as an importer read it: only the keys it knows are set. */
export interface RackUpdate {
  name: string;
  zone?: string;
  heightRu?: number;
  powerFeeds?: string[];
  /** The feed circuit, as the scenario writes it: "230 V", "32 A". */
  feed?: { voltage: string; breaker: string; phases: 1 | 3; continuousRatio: number };
}

/**
 * The base text with its `racks:` entries updated (same name: the keys given replace theirs,
 * the others are kept) and new racks appended. Racks the update does not name are kept.
 */
export function updateScenarioRacks(baseText: string, racks: readonly RackUpdate[]): string {
  const doc: Document = parseDocument(baseText);
  if (!isMap(doc.contents)) return baseText;
  let seq: unknown = doc.contents.get('racks', true);
  if (!isSeq(seq)) {
    seq = doc.createNode([]);
    doc.contents.set('racks', seq);
  }
  const items = (seq as { items: unknown[] }).items;
  for (const r of racks) {
    const existing = items.find((it) => isMap(it) && it.get('name') === r.name) as YAMLMap | undefined;
    const target = existing ?? (doc.createNode({ name: r.name }) as YAMLMap);
    if (r.zone !== undefined) target.set('zone', r.zone);
    if (r.heightRu !== undefined) target.set('heightRu', r.heightRu);
    if (r.powerFeeds !== undefined && r.powerFeeds.length > 0) {
      const feeds = doc.createNode(r.powerFeeds);
      (feeds as { flow?: boolean }).flow = true;
      target.set('powerFeeds', feeds);
    }
    if (r.feed !== undefined) {
      const feed = doc.createNode(r.feed);
      (feed as { flow?: boolean }).flow = true;
      target.set('feed', feed);
    }
    if (!existing) {
      target.flow = true;
      items.push(target);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
