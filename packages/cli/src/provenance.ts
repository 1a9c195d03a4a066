/**
 * Where a plan came from: SHA-256 of the scenario text and of every file it read (inventories,
 * state outputs), by the path as given. The CLI reads the files, so it hashes them; evaluate
 * copies the record into the plan (PlanResult.provenance). No clock.
 */
import { createHash } from 'node:crypto';
import type { Provenance } from '@headroom/core';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The provenance of `file` (its text) and the other files it read (name -> text), names sorted. */
export function provenanceOf(file: string, text: string, inputs: Iterable<[string, string]>): Provenance {
  return {
    scenario: { file, sha256: sha256(text) },
    inputs: [...inputs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name, t]) => ({ file: name, sha256: sha256(t) })),
  };
}
