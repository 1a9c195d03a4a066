import type { Diagnostic } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';

export interface ParseOptions {
  /** File name used in diagnostics' locations. */
  fileName?: string;
}
/** `scenario` is present only when there is no error-severity diagnostic. */
export interface ParseResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}

/** STUB — being written. YAML text -> normalized Scenario, or every diagnostic at once. */
export function parseScenario(_text: string, _options: ParseOptions = {}): ParseResult {
  throw new Error('parseScenario: not yet implemented');
}
