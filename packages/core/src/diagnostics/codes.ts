/**
 * The registry of diagnostic codes (problems in a scenario file). Codes are permanent: a
 * code never changes meaning once released; a new meaning gets a new code. Findings
 * (results about the planned cloud) are documented where they are produced.
 */
export const DIAGNOSTIC_CODES = {
  'yaml.syntax': 'The file is not valid YAML',
  'yaml.duplicate_key': 'A mapping has the same key twice',
  'yaml.warning': 'The YAML parser warned about something (e.g. an unresolved tag)',
  'schema.required': 'A required key is missing',
  'schema.invalid_type': 'A value has the wrong type (e.g. text where a number belongs)',
  'schema.unknown_key': 'A key the format does not know (often a typo)',
  'schema.invalid_value': 'A value outside the allowed set (e.g. a role that does not exist)',
  'schema.invalid_format': 'A string in the wrong format (e.g. a month not written YYYY-MM)',
  'schema.too_small': 'A number below its minimum (e.g. a negative count)',
  'schema.too_big': 'A number above its maximum',
  'schema.missing_unit': 'A bare number where a quantity with a unit belongs',
  'schema.invalid_unit': 'A quantity in the wrong unit (e.g. GHz for memory, bits for bytes)',
  'schema.invalid_quantity': 'Text that is not a quantity',
  'schema.version_unsupported': 'A schemaVersion this headroom does not read',
  'ref.unknown_hardware': 'A node group names a hardware model that is not defined',
  'ref.unknown_rack': 'A node group names a rack that is not defined',
  'ref.unknown_flavor': 'Demand names a flavor that is not defined',
  'ref.unknown_pool': 'Stored data is given for a pool that is not defined',
  'ref.duplicate_name': 'Two racks or two pools have the same name',
  'ceph.ratios.order': 'Ceph ratios must satisfy nearfull <= backfillfull <= full',
  'ceph.pool.min_size_range': 'min_size must be within 1..size (replicated) or k..k+m (erasure)',
  'ceph.pool.shares_exceed_one': 'Pool shares of the raw capacity add up to more than 1',
  // Inventory files (hardware/import/*): positioned in the inventory file
  'inventory.empty': 'An inventory file is empty, or holds no data of its format (dmidecode without DMI structures)',
  'inventory.invalid_json': 'An inventory file is not valid JSON (a trailing comma, a missing quote)',
  'inventory.truncated': 'An inventory file ends early (JSON cut inside a value, dmidecode with fewer structures than its header says)',
  'inventory.unknown_format': 'An inventory file is not in a format headroom reads (or is another tool\'s output)',
  'inventory.wrong_format': 'An inventory file is not in the format its `format:` says',
  'inventory.inconsistent': 'An inventory contradicts itself (lscpu CPU(s) is not sockets × cores × threads); the fact is left unknown',
  // Inventories in a scenario (scenario/inventories.ts): positioned at hardware.<key>.inventory
  'inventory.not_provided': 'The text of an inventory the scenario names was not given to parseScenario',
  'inventory.unreadable': 'An inventory file the scenario names cannot be read',
  'inventory.invalid': 'An inventory file the scenario names has errors (reported in that file)',
  'inventory.missing_fact': 'A fact the plan needs (sockets, cores, threads, memory) is not in the inventory: add it to the entry',
  'inventory.partial': 'Part of an inventory cannot be planned with (an interface without a speed) and is left out',
  // The CPU catalogue (hardware/catalogue.ts)
  'catalogue.invalid': 'The CPU catalogue CSV lacks a required column',
  'catalogue.invalid_row': 'A CPU catalogue row lacks a model or whole core/thread counts and is skipped',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
