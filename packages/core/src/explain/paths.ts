/**
 * Paths into the normalized scenario, as ExplainedInput.from writes them: dotted keys,
 * `[i]` for an array index, `[name=x]` for the list item named x; a key or name that is not a
 * plain word (letters, digits, `_`, `-`) is JSON-quoted: `openstack.flavors["m1.small"].vcpus`.
 */

/** A path segment: a key, an array index, or the list item with this `name`. */
export type PathSegment = string | number | { name: string };

const PLAIN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Renders segments as a path: scenarioPath('ceph', 'pools', { name: 'volumes' }, 'share') = `ceph.pools[name=volumes].share`. */
export function scenarioPath(...segments: PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += `[name=${PLAIN.test(s.name) ? s.name : JSON.stringify(s.name)}]`;
    else if (PLAIN.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
