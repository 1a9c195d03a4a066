import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema.js';

describe('packages/core/scenario.schema.json', () => {
  it('is in step with the zod schema (regenerate with `npm run schema`)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../scenario.schema.json'), 'utf8');
    expect(committed).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  });
});
