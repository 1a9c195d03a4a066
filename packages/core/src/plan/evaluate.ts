import type { Scenario } from '../model/scenario.js';
import type { PlanResult } from './types.js';

/** STUB — being written. Evaluates a normalized scenario; never throws for user data. */
export function evaluate(_scenario: Scenario): PlanResult {
  throw new Error('evaluate: not yet implemented');
}
