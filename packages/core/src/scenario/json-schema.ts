/**
 * The JSON Schema (draft 2020-12) of the scenario file, generated from the zod schema, so
 * that editors (yaml-language-server, VS Code) complete and check scenario files. Quantities
 * appear as strings with a unit pattern; defaults and descriptions come from the zod schema.
 */
import { z } from 'zod';
import { QUANTITY_SCHEMAS, ScenarioFileSchema, quantityPattern } from '../model/schema.js';

const EXAMPLES = {
  bytes: ['512 GiB', '3.84 TB'],
  bitrate: ['25 Gbit/s'],
  power: ['450 W', '12 kW'],
  byterate: ['100 MB/s'],
  voltage: ['230 V', '400 V'],
  current: ['32 A'],
} as const;

/** The JSON Schema of scenario files (input side: what a user types). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioFileSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const kind = QUANTITY_SCHEMAS.get(ctx.zodSchema as object);
      if (!kind) return;
      const description = ctx.jsonSchema.description;
      for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[k];
      Object.assign(ctx.jsonSchema, {
        type: 'string',
        pattern: quantityPattern(kind),
        examples: [...EXAMPLES[kind]],
        ...(description ? { description } : {}),
      });
    },
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://headroom.dev/schema/scenario-v1.json',
    title: 'headroom scenario (schemaVersion 1)',
    ...schema,
  };
}
