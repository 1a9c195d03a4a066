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
  'ref.duplicate_member': 'A rack lists the same switch or power feed twice',
  'ceph.ratios.order': 'Ceph ratios must satisfy nearfull <= backfillfull <= full',
  'ceph.pool.min_size_range': 'min_size must be within 1..size (replicated) or k..k+m (erasure)',
  'ceph.pool.shares_exceed_one': 'Pool shares of the raw capacity add up to more than 1',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
