/** STUB — being written. The JSON Schema (draft 2020-12) of the scenario file, generated from the zod schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  throw new Error('scenarioJsonSchema: not yet implemented');
}
