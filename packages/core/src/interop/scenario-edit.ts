/**
 * Writing what an importer read back into a scenario file: the base scenario's YAML with one
 * section replaced (its other keys and comments kept). Pure: text in, text out.
 */
import { isMap, parseDocument, YAMLMap, type Document } from 'yaml';
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
