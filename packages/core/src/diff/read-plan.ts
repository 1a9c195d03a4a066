/**
 * Reads a plan JSON (`headroom plan --format json`) for `diff` and `report --previous`: the
 * text is checked to be JSON, a headroom plan, and of this headroom's plan schema version.
 * Pure: the caller reads the file.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { COMPARABLE_PLAN_SCHEMA_VERSIONS, PLAN_SCHEMA_VERSION, type PlanResult } from '../model/plan.js';
import { jsonErrorOffset, lineCol } from '../network/json-position.js';

/** True when `text` looks like a plan JSON rather than a scenario (a JSON object with `"generator"` and `"months"`). */
export function looksLikePlanJson(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes('"generator"') && text.includes('"months"');
}

/**
 * The plan in `text`, or coded diagnostics: `plan.json.invalid` (at the first offending
 * character), `plan.not_a_plan` (no generator headroom, months, resources or scenario),
 * `plan.schema_version` (at the schemaVersion key: a version not in COMPARABLE_PLAN_SCHEMA_VERSIONS).
 */
export function readPlanJson(text: string, fileName: string): { plan?: PlanResult; diagnostics: Diagnostic[] } {
  const at = (offset: number): { file: string; line: number; col: number } => ({ file: fileName, ...lineCol(text, Math.max(0, offset)) });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    return {
      diagnostics: [
        {
          code: 'plan.json.invalid',
          severity: 'error',
          path: [],
          message: 'the plan is not valid JSON (or is truncated)',
          location: at(Math.max(0, offset)),
          hint: 'write it again with headroom plan <scenario> --format json > plan.json',
        },
      ],
    };
  }
  const obj = data as Partial<PlanResult> | null;
  if (
    typeof obj !== 'object' ||
    obj === null ||
    Array.isArray(obj) ||
    obj.generator?.name !== 'headroom' ||
    !Array.isArray(obj.months) ||
    !Array.isArray(obj.resources) ||
    typeof obj.scenario !== 'object'
  ) {
    return {
      diagnostics: [
        {
          code: 'plan.not_a_plan',
          severity: 'error',
          path: [],
          message: 'not a headroom plan: no generator "headroom", months, resources or scenario',
          location: at(0),
          hint: 'give a scenario file, or a plan written by headroom plan <scenario> --format json',
        },
      ],
    };
  }
  if (!COMPARABLE_PLAN_SCHEMA_VERSIONS.includes(obj.schemaVersion as number)) {
    const key = text.indexOf('"schemaVersion"');
    return {
      diagnostics: [
        {
          code: 'plan.schema_version',
          severity: 'error',
          path: ['schemaVersion'],
          message: `the plan is of plan schema version ${JSON.stringify(obj.schemaVersion ?? null)}, this headroom (${PLAN_SCHEMA_VERSION}) cannot compare it`,
          location: at(key),
          hint: 'run this headroom on the scenario the plan came from, and compare the scenarios',
        },
      ],
    };
  }
  return { plan: obj as PlanResult, diagnostics: [] };
}
