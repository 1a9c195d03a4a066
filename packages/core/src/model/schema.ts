/**
 * The scenario file format, v1: the single source of truth. The YAML a user writes is
 * `z.input<typeof ScenarioFileSchema>`; zod's output (units parsed to canonical numbers,
 * simple defaults applied) goes to `normalize`, which fills the remaining defaults and
 * renames quantities to carry their unit (`size` -> `sizeBytes`).
 *
 * Quantities are strings with explicit units (see units/quantity.ts); a bare number where
 * a unit belongs is `schema.missing_unit`. Every field has a description; the JSON Schema
 * (`headroom schema`) is generated from this file.
 */
import { z } from 'zod';
import { parseQuantity, type QuantityKind } from '../units/quantity.js';
import { networkSchema } from './network-schema.js';
import { computeSchemas } from './compute-schema.js';
import { costsSchema } from './cost-schema.js';
import { demandSchemas } from './demand-schema.js';
import { CEPH_RATIO_DEFAULTS } from './scenario.js';

/** Zod schemas of quantities, so the JSON Schema generator can describe them as strings with units. */
export const QUANTITY_SCHEMAS = new WeakMap<object, QuantityKind>();

const QUANTITY_PATTERN: Record<QuantityKind, string> = {
  bytes: '^\\s*[0-9.]+(e[-+]?[0-9]+)?\\s*(B|kB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)\\s*$',
  bitrate: '^\\s*[0-9.]+(e[-+]?[0-9]+)?\\s*((k|M|G|T)?(bit|b)/s|(k|M|G|T)bps)\\s*$',
  power: '^\\s*[0-9.]+(e[-+]?[0-9]+)?\\s*(W|kW|MW)\\s*$',
  byterate: '^\\s*[0-9.]+(e[-+]?[0-9]+)?\\s*(B|kB|MB|GB|TB|KiB|MiB|GiB|TiB)/s\\s*$',
  voltage: '^\\s*[0-9.]+(e[-+]?[0-9]+)?\\s*(V|kV)\\s*$',
  current: '^\\s*[0-9.]+(e[-+]?[0-9]+)?\\s*(A|kA)\\s*$',
};
export const quantityPattern = (kind: QuantityKind): string => QUANTITY_PATTERN[kind];

/**
 * A quantity with a unit, parsed to the canonical unit of its kind (bytes, bits/s, watts).
 * Errors carry headroom codes in `params.code` (schema.missing_unit, schema.invalid_unit,
 * schema.invalid_quantity, schema.too_small).
 */
function quantity(kind: QuantityKind, description: string, positive?: { hint: string }) {
  const schema = z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      const r = parseQuantity(value, kind);
      if (r.ok && positive && !(r.value > 0)) {
        ctx.addIssue({ code: 'custom', message: `${String(value)} is out of range: must be above 0`, params: { code: 'schema.too_small', hint: positive.hint } });
        return z.NEVER;
      }
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', message: r.error.message, params: { code: r.error.code, hint: r.error.hint } });
      return z.NEVER;
    })
    .describe(description);
  QUANTITY_SCHEMAS.set(schema, kind);
  return schema;
}

const int = () => z.int();

const MIN_ALLOC_HINT = { hint: 'ceph daemon osd.N config get bluestore_min_alloc_size_hdd (or _ssd) on an OSD; 4 KiB since Pacific' };

/** Heterogeneous compute keys (model/compute-schema.ts). */
const HC = computeSchemas(quantity);

/**
 * Documented maximums (README, "Limits and robustness"): each fits a real cloud with room to
 * spare, and bounds the work a scenario can ask for. horizonMonths (120), sockets (8), cores
 * (512), threads (8), NIC ports per card (16) are set where they are declared.
 */
export const LIMITS = {
  disksPerEntry: 64,
  diskEntries: 64,
  nicCards: 16,
  hostsPerGroup: 10_000,
  nodeGroups: 1_000,
  racks: 1_000,
  hardwareModels: 1_000,
  flavors: 5_000,
  pools: 1_000,
  instancesPerFlavor: 10_000_000,
  networks: 1_000,
} as const;

/**
 * 10000 -> "10,000" (en-US grouping of a whole number). Not toLocaleString: these messages are
 * built when the schema module loads, and the first toLocaleString call sets up ICU's number
 * formatting (about 15 ms at start-up).
 */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A refine()'s issue for a mapping with too many keys: schema.too_big with a hint. */
const atMost = (max: number, what: string) => ({
  message: `at most ${grouped(max)} ${what}`,
  params: { code: 'schema.too_big', hint: `headroom plans up to ${grouped(max)} ${what} (README, Limits): split the scenario` },
});
const ratio = (description: string) => z.number().gt(0).lte(1).describe(description);
const identifier = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit');

export const CpuSchema = z
  .strictObject({
    model: z.string().min(1).describe('CPU model as sold, e.g. "Intel Xeon Gold 6430"'),
    sockets: int().min(1).max(8).describe('Populated CPU sockets'),
    coresPerSocket: int().min(1).max(512).describe('Physical cores per socket'),
    threadsPerCore: int().min(1).max(8).describe('Hardware threads per core (2 with Hyper-Threading/SMT on). Nova VCPU total = sockets x cores x threads'),
    virtualization: z
      .enum(['vt-x', 'amd-v', 'none', 'unknown'])
      .default('unknown')
      .describe('Hardware virtualization: vt-x (Intel, cpu flag vmx), amd-v (AMD, svm), none, unknown. Default unknown, which never passes a check'),
  })
  .describe('Processors');

export const DiskSchema = z.strictObject({
  count: int().min(1).max(LIMITS.disksPerEntry).default(1).describe('Number of identical disks (at most 64)'),
  size: quantity('bytes', 'Size of one disk, e.g. "3.84 TB" (decimal, as drives are sold) or "1.75 TiB"'),
  kind: z.enum(['nvme', 'ssd', 'hdd']).describe('nvme | ssd (SATA/SAS flash) | hdd'),
  use: z
    .enum(['os', 'database', 'osd', 'wal-db', 'ephemeral'])
    .describe('os | database (control-plane MariaDB/etcd) | osd (Ceph OSD data) | wal-db (BlueStore WAL/DB for HDD OSDs) | ephemeral (Nova local instance disks)'),
  deviceClass: identifier.optional().describe('CRUSH device class of the OSDs on these disks (use: osd); default the disk kind (nvme, ssd, hdd), as Ceph detects it'),
  crushWeight: z
    .number()
    .gt(0)
    .max(1e6)
    .optional()
    .describe(
      'CRUSH weight of each OSD on these disks, TiB (use: osd); default size / 2^40 (osd_crush_initial_weight -1). `ceph osd df` crush_weight, when it is not the size (rounded, or set by hand): MAX AVAIL depends on it',
    ),
});

export const NicSchema = z.strictObject({
  ports: int().min(1).max(16).describe('Ports on this card'),
  speed: quantity('bitrate', 'Line rate of one port, e.g. "25 Gbit/s"'),
});

export const HardwareSchema = z
  .strictObject({
    model: z.string().min(1).describe('Vendor and model, e.g. "Dell PowerEdge R660"'),
    source: z.string().optional().describe('Where the specs come from: spec sheet URL or document'),
    heightRu: int().min(1).max(10).describe('Height in rack units (U)'),
    cpu: CpuSchema,
    memory: z.strictObject({
      size: quantity('bytes', 'Installed memory, e.g. "512 GiB" (DIMMs are binary sizes)'),
      ecc: z
        .union([z.boolean(), z.literal('unknown')])
        .default('unknown')
        .describe('ECC memory: true, false or unknown (default; never passes a check)'),
    }),
    disks: z.array(DiskSchema).max(LIMITS.diskEntries).default([]).describe('Disks by kind and use (at most 64 entries)'),
    nics: z.array(NicSchema).max(LIMITS.nicCards).default([]).describe('Network cards (at most 16)'),
    power: z
      .strictObject({
        typical: quantity('power', 'Typical draw, e.g. "450 W" (plan on this)'),
        max: quantity('power', 'Maximum draw, e.g. "800 W" (check budgets against this)'),
      })
      .optional(),
    price: z
      .strictObject({
        amount: z.number().min(0).describe('Unit price'),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR or USD')
          .describe('ISO 4217 currency code'),
      })
      .optional(),
    numa: HC.NumaSchema.optional(),
    nova: HC.NovaHostSchema.optional(),
    devices: z.array(HC.DeviceSchema).max(16).optional().describe('GPUs and PCI devices reported to Placement as nested resource providers (at most 16 entries)'),
  })
  .describe('A server model');

/**
 * A server model imported from an inventory file (Ironic inventory JSON, `lshw -json`,
 * `dmidecode`, `lscpu`, `lscpu --json`, /proc/cpuinfo). The path is relative to the scenario
 * file; the caller of parseScenario passes the file's text (the CLI reads it). Inventories
 * do not carry the chassis height, the price or the power draw, nor what each disk is for:
 * those come from this entry. `cpu` and `memory` override single imported facts.
 */
export const InventoryHardwareSchema = z
  .strictObject({
    inventory: z.string().min(1).describe('Path of the inventory file, relative to the scenario file and inside its folder (or an --allow-path folder)'),
    format: z
      .enum(['ironic', 'lshw', 'dmidecode', 'lscpu', 'lscpu-json', 'cpuinfo', 'redfish'])
      .optional()
      .describe('Format of the inventory; default: detected from the content (an explicit format must agree with it)'),
    model: z.string().min(1).optional().describe("Vendor and model; default: the inventory's system manufacturer and product"),
    source: z.string().optional().describe('Where the inventory comes from'),
    heightRu: int().min(1).max(10).describe('Height in rack units (U): inventories do not carry it'),
    cpu: z
      .strictObject({
        model: z.string().min(1).optional().describe('CPU model'),
        sockets: int().min(1).max(8).optional().describe('Populated CPU sockets'),
        coresPerSocket: int().min(1).max(512).optional().describe('Physical cores per socket (Ironic reports threads, not cores: the CPU catalogue or this fills them in)'),
        threadsPerCore: int().min(1).max(8).optional().describe('Hardware threads per core'),
        virtualization: z.enum(['vt-x', 'amd-v', 'none', 'unknown']).optional().describe('Hardware virtualization: vt-x, amd-v, none, unknown'),
      })
      .optional()
      .describe('Overrides of imported CPU facts (each one replaces the inventory value, with this path as evidence)'),
    memory: z
      .strictObject({
        size: quantity('bytes', 'Installed memory, e.g. "512 GiB"').optional(),
        ecc: z
          .union([z.boolean(), z.literal('unknown')])
          .optional()
          .describe('ECC memory: true, false or unknown'),
      })
      .optional()
      .describe('Overrides of imported memory facts'),
    disks: z
      .array(DiskSchema)
      .optional()
      .describe(
        'The disks with their use (os, database, osd, wal-db, ephemeral): an inventory does not say what a disk is for. Replaces the imported disks in the plan; without it the model plans no disks',
      ),
    nics: z.array(NicSchema).max(LIMITS.nicCards).optional().describe('Network cards; replaces the imported interfaces in the plan'),
    power: HardwareSchema.shape.power,
    price: HardwareSchema.shape.price,
  })
  .describe('A server model imported from an inventory file');

/**
 * The circuit behind each power feed of a rack: either the breaker (voltage, amperes, phases)
 * or the usable continuous power directly. Checked (one of the two forms, values above 0) in
 * scenario/references.ts: `rack.feed.invalid_circuit`.
 */
export const FeedCircuitSchema = z
  .strictObject({
    voltage: quantity('voltage', 'Circuit voltage, e.g. "230 V" (single-phase) or "400 V" (three-phase, line to line; 208 V in North America)').optional(),
    breaker: quantity('current', 'Breaker rating of the circuit, e.g. "32 A"').optional(),
    phases: z
      .union([z.literal(1), z.literal(3)])
      .default(1)
      .describe('1 (single-phase, default) or 3 (three-phase: power = √3 × line-to-line voltage × current)'),
    continuousRatio: ratio(
      'Share of the breaker rating a continuous load may draw (default 0.8: NEC 210.19(A)(1) and 210.20(A) size conductors and breakers at 125 % of the continuous load; 1.0 for a 100 %-rated breaker assembly)',
    ).default(0.8),
    usable: quantity('power', 'Usable continuous power of one feed, e.g. "7.4 kW", instead of voltage and breaker (no derating is applied to it)').optional(),
  })
  .describe(
    "The circuit of each power feed of the rack (every feed the same): voltage and breaker (and phases), or usable. With two feeds or more, the others must carry the rack's maximum draw when one is lost",
  );

/** One kind of Ceph daemon: the role whose hosts run it, how many, and what one takes. */
function cephDaemonSchema(description: string, minCount: number) {
  return z
    .strictObject({
      role: z.enum(['control', 'compute', 'storage', 'deploy']).optional().describe('Role whose hosts run the daemons, one per host'),
      count: int().min(minCount).max(99).optional().describe('How many daemons (one per host)'),
      memory: quantity('bytes', 'Memory one daemon needs on its host, e.g. "4 GiB"').optional(),
      cores: z.number().min(0).max(64).optional().describe('Physical cores one daemon needs on its host'),
    })
    .optional()
    .describe(description);
}

export const RackSchema = z.strictObject({
  name: identifier.describe('Rack name'),
  zone: identifier.optional().describe('Availability zone the rack belongs to'),
  heightRu: int().min(1).max(60).default(42).describe('Usable rack units (default 42)'),
  powerBudget: quantity('power', 'Power budget of the rack, e.g. "12 kW"').optional(),
  switches: z
    .array(identifier)
    .min(1)
    .optional()
    .describe(
      "Top-of-rack switches the rack's servers are cabled to (every server to all of them, bonded). Default: a pair, <rack>-tor-a and <rack>-tor-b. The same name in several racks is one switch serving them. One switch makes it a single point of failure for the rack",
    ),
  powerFeeds: z
    .array(identifier)
    .min(1)
    .optional()
    .describe(
      'Power feeds (PDU sides) of the rack; every server is corded to all of them (redundant PSUs). Default: A and B. The same name in several racks is one feed (e.g. the A-side UPS): losing it unpowers every server with no other feed',
    ),
  feed: FeedCircuitSchema.optional(),
});

export const NodeGroupSchema = z.strictObject({
  role: z.enum(['control', 'compute', 'storage', 'deploy']).describe('control | compute | storage | deploy'),
  hardware: z.string().min(1).describe('Key of a model in `hardware`'),
  count: int().min(0).max(LIMITS.hostsPerGroup).describe('Number of servers (at most 10,000 per group)'),
  placement: z.enum(['spread', 'pack']).default('spread').describe('spread: round-robin across racks (default); pack: fill racks in order. Ignored when `rack` is set'),
  rack: identifier.optional().describe('Put every server of the group in this rack'),
  name: identifier.optional().describe('Host name prefix (default: the role): hosts are <name>-01, <name>-02, ...'),
  retire: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM, e.g. 2028-06')
    .optional()
    .describe(
      'First month the group is out of service, YYYY-MM (end of life, decommissioning): from this month on its servers count for nothing, and procurement replaces the capacity they took with them. Default: in service for the whole horizon',
    ),
  aggregates: z.array(HC.aggregateName).max(16).optional().describe("Host aggregates the group's hosts belong to (Nova host aggregates; metadata in openstack.aggregates)"),
});

export const FlavorSchema = z.strictObject({
  vcpus: int().min(1).max(4096).describe('VCPU per instance'),
  ram: quantity('bytes', 'RAM per instance, e.g. "8 GiB" (Nova flavor ram is MiB)'),
  disk: quantity('bytes', 'Root disk, e.g. "80 GiB" (Nova root_gb is GiB). Default 0').optional(),
  extraSpecs: HC.ExtraSpecsSchema.optional(),
});

/** Pool keys shared by both pool types: the CRUSH rule and the pg_autoscaler's bulk flag. */
function poolCephFields() {
  return {
    rule: identifier
      .optional()
      .describe('Name of the CRUSH rule in ceph.rules; default replicated_rule (replicated pools) or a rule named after the pool (erasure pools, as ceph osd pool create does)'),
    bulk: z.boolean().default(false).describe("The pool's bulk flag: the pg_autoscaler gives it a full complement of PGs from the start (default false)"),
    application: z
      .enum(['rbd', 'cephfs', 'rgw'])
      .optional()
      .describe(
        'What uses the pool (ceph osd pool application enable): rbd (Cinder, Nova, Glance), cephfs (Manila), rgw (object storage). An erasure pool for rbd or cephfs needs allowEcOverwrites and a replicated pool of the same application for its metadata',
      ),
    averageObjectSize: quantity(
      'bytes',
      'Average size of the objects the pool stores, e.g. "16 KiB" (RGW small files, CephFS small files; an RBD image is cut in 4 MiB objects): BlueStore allocates whole bluestore_min_alloc_size units per copy or shard, so small objects take more raw space (storage.ceph.allocation in the plan). Default: not given, no padding estimated',
      { hint: 'write the mean object size, e.g. "64 KiB" (ceph df: STORED / OBJECTS)' },
    ).optional(),
    maxBytes: quantity(
      'bytes',
      'Pool quota, e.g. "50 TB": Ceph\'s max_bytes (ceph osd pool set-quota <pool> max_bytes); the pool stops taking writes when its stored bytes reach it (POOL_FULL). Default: no quota, the pool shares its rule\'s raw space with the other pools on it',
    ).optional(),
  };
}

export const CephRuleSchema = z.strictObject({
  name: identifier.describe('Rule name, referenced by pools (rule: <name>)'),
  type: z.enum(['replicated', 'erasure']).default('replicated').describe('replicated (chooseleaf firstn) | erasure (chooseleaf indep); default replicated'),
  failureDomain: z.enum(['host', 'rack']).optional().describe('chooseleaf type: host | rack; default ceph.failureDomain'),
  deviceClass: identifier.optional().describe('Take only OSDs of this device class (default~<class>); default: every OSD'),
});

const CephRecoverySchema = z.strictObject({
  backfillThroughput: quantity(
    'byterate',
    'Throughput of one backfill (one PG being copied), e.g. "100 MB/s" (headroom default 100 MB/s; Ceph sets limits, not throughput)',
  ).optional(),
  maxBackfills: int().min(1).max(64).default(1).describe('osd_max_backfills: concurrent backfills per OSD (default 1)'),
  downOutIntervalSeconds: int()
    .min(0)
    .max(86_400)
    .default(600)
    .describe('mon_osd_down_out_interval in seconds: a down OSD is marked out, and recovery starts, after this (default 600)'),
  detectionSeconds: int().min(0).max(3600).default(20).describe('Seconds before a failed OSD is reported down (osd_heartbeat_grace, default 20)'),
});

const ReplicatedPoolSchema = z.strictObject({
  name: identifier.describe('Pool name'),
  type: z.literal('replicated'),
  size: int().min(1).max(10).default(3).describe('Replicas (osd_pool_default_size 3)'),
  minSize: int().min(1).max(10).optional().describe('Replicas needed to serve I/O; default size - floor(size/2)'),
  share: z.number().min(0).max(1).optional().describe('Fraction of the raw capacity planned for this pool (like target_size_ratio); pools without a share split the rest evenly'),
  ...poolCephFields(),
});

const ErasurePoolSchema = z.strictObject({
  name: identifier.describe('Pool name'),
  type: z.literal('erasure'),
  k: int().min(1).max(32).describe('Data chunks'),
  m: int().min(1).max(16).describe('Coding chunks'),
  minSize: int().min(1).max(48).optional().describe('Shards needed to serve I/O; default k + min(1, m - 1)'),
  allowEcOverwrites: z
    .boolean()
    .optional()
    .describe('allow_ec_overwrites (ceph osd pool set <pool> allow_ec_overwrites true; default false): needed by RBD and CephFS on an erasure pool'),
  share: z.number().min(0).max(1).optional().describe('Fraction of the raw capacity planned for this pool; pools without a share split the rest evenly'),
  ...poolCephFields(),
});

export const PoolSchema = z.discriminatedUnion('type', [ReplicatedPoolSchema, ErasurePoolSchema]);

export const GrowthSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('compound'),
      perMonth: z.number().gt(-1).lte(10).describe('Monthly growth rate: demand(t) = demand(0) x (1 + perMonth)^t'),
    }),
    z.strictObject({
      kind: z.literal('linear'),
      perMonth: z.number().gt(-1).lte(10).describe('Monthly growth as a fraction of month-0 demand: demand(t) = demand(0) x (1 + perMonth x t)'),
    }),
  ])
  .describe('How demand grows month by month');

const RoleRequirementSchema = z.strictObject({
  minPhysicalCores: int().min(0).optional().describe('Minimum physical cores (sockets x cores per socket)'),
  minMemory: quantity('bytes', 'Minimum installed memory, e.g. "64 GiB"').optional(),
  minNicPorts: int().min(0).optional().describe('Minimum NIC ports'),
  memoryPerOsd: quantity('bytes', 'Memory per Ceph OSD (osd_memory_target, default 4 GiB)').optional(),
  requireVirtualization: z.boolean().optional().describe('Require VT-x/AMD-V'),
  requireEcc: z.boolean().optional().describe('Require ECC memory'),
  requireNvmeDatabase: z.boolean().optional().describe('Require an NVMe disk with use: database'),
  minMemoryPerCore: quantity('bytes', 'Minimum memory per physical core, e.g. "4 GiB"').optional(),
  minNicSpeed: quantity('bitrate', 'Line rate that at least minNicPorts ports (1 when unset) must reach, e.g. "10 Gbit/s"').optional(),
  osdMemoryBase: quantity('bytes', 'Memory for the OS and other daemons of an OSD host, added to OSDs × memoryPerOsd, e.g. "16 GiB"').optional(),
  minCoresPerOsd: z.number().min(0).max(64).optional().describe('Physical cores per Ceph OSD'),
  minWalDbFlashRatio: z.number().min(0).max(1).optional().describe('Flash (ssd/nvme) wal-db capacity as a fraction of the HDD OSD capacity, when OSDs are HDD (0.01 = 1 %)'),
});

export const ScenarioFileSchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Scenario format version: 1'),
    name: z.string().min(1).max(200).describe('Name of the planned cloud'),
    description: z.string().optional(),
    start: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM, e.g. 2027-01')
      .describe('First month of the horizon, YYYY-MM'),
    horizonMonths: int().min(1).max(120).default(24).describe('Months planned (default 24)'),
    hardware: z
      .record(identifier, z.union([HardwareSchema, InventoryHardwareSchema]))
      .refine((r) => Object.keys(r).length <= LIMITS.hardwareModels, atMost(LIMITS.hardwareModels, 'hardware models'))
      .describe('Server models, by key: written out, or imported from an inventory file (`inventory: path`)'),
    racks: z.array(RackSchema).max(LIMITS.racks).default([]).describe('Racks (at most 1,000); default one 42U rack named rack-1'),
    nodes: z.array(NodeGroupSchema).min(1).max(LIMITS.nodeGroups).describe('Node groups (at most 1,000): role, hardware model, count, placement'),
    openstack: z
      .strictObject({
        allocationRatio: z
          .strictObject({
            cpu: z.number().gt(0).max(64).default(4.0).describe('cpu_allocation_ratio (initial default 4.0 since 2023.1)'),
            ram: z.number().gt(0).max(16).default(1.0).describe('ram_allocation_ratio (initial default 1.0 since 2023.1)'),
            disk: z.number().gt(0).max(16).default(1.0).describe('disk_allocation_ratio (default 1.0)'),
          })
          .prefault({}),
        reserved: z
          .strictObject({
            hostMemory: quantity('bytes', 'reserved_host_memory_mb as a quantity, e.g. "16 GiB" (Nova default 512 MiB)').optional(),
            hostCpus: int().min(0).default(0).describe('reserved_host_cpus (default 0)'),
            hostDisk: quantity('bytes', 'reserved_host_disk_mb as a quantity (default 0)').optional(),
          })
          .prefault({}),
        instanceMemoryOverhead: quantity(
          'bytes',
          'Memory each running instance costs its host beyond the flavor RAM (QEMU/libvirt overhead), which Placement does not count and reserved.hostMemory must cover; ' +
            'default 512 MiB (Red Hat planning figure: 0.5 GB per guest). Checked: compute.reserved_memory_low',
        ).optional(),
        ephemeralStorage: z.enum(['local', 'ceph']).default('local').describe('Where instance disks live: local disks (use: ephemeral) or ceph (libvirt images_type = rbd)'),
        aggregates: z.record(HC.aggregateName, HC.AggregateSchema).optional().describe('Host aggregates by name, with their metadata (node groups name their aggregates)'),
        flavors: z
          .record(z.string().min(1).max(255), FlavorSchema)
          .refine((r) => Object.keys(r).length <= LIMITS.flavors, atMost(LIMITS.flavors, 'flavors'))
          .default({})
          .describe('Nova flavors, by name (at most 5,000)'),
      })
      .prefault({}),
    ceph: z
      .strictObject({
        failureDomain: z.enum(['host', 'rack']).default('host').describe('CRUSH failure domain: chooseleaf type host | rack'),
        ratios: z
          .strictObject({
            nearfull: ratio('mon_osd_nearfull_ratio (default 0.85)').default(CEPH_RATIO_DEFAULTS.nearfull),
            backfillfull: ratio('mon_osd_backfillfull_ratio (default 0.90)').default(CEPH_RATIO_DEFAULTS.backfillfull),
            full: ratio('mon_osd_full_ratio (default 0.95)').default(CEPH_RATIO_DEFAULTS.full),
          })
          .prefault({}),
        pools: z.array(PoolSchema).max(LIMITS.pools).default([]).describe('Ceph pools (at most 1,000)'),
        rules: z
          .array(CephRuleSchema)
          .max(LIMITS.pools)
          .default([])
          .describe('CRUSH rules; pools that name none use replicated_rule or, for erasure pools, a rule named after the pool (failure domain ceph.failureDomain, every OSD)'),
        fill: z
          .strictObject({
            osds: z
              .array(
                z.strictObject({
                  osd: int().min(0).describe("OSD id: storage hosts in order, then each host's OSD disks in order, from 0"),
                  utilisation: z.number().min(0).max(1).describe("Fill of this OSD at month 0, 0..1 (ceph osd df %USE / 100); it grows with its rule's data"),
                }),
              )
              .default([])
              .describe('OSDs fuller (or emptier) than the rest; every other OSD of a rule has the same utilisation'),
          })
          .prefault({})
          .describe('Fill state: uniform (default) except the OSDs listed'),
        osdMemoryTarget: quantity('bytes', 'osd_memory_target per OSD, e.g. "4 GiB" (Ceph default 4 GiB)').optional(),
        hostMemory: quantity('bytes', 'Memory a storage host needs besides its OSDs (OS, other daemons), e.g. "16 GiB" (headroom default 16 GiB)').optional(),
        cpuThreadsPerOsd: z
          .strictObject({
            hdd: z.number().gt(0).max(64).default(2).describe('Logical CPUs per HDD OSD (default 2 = 1 core)'),
            ssd: z.number().gt(0).max(64).default(4).describe('Logical CPUs per SSD OSD (default 4 = 2 cores)'),
            nvme: z.number().gt(0).max(64).default(4).describe('Logical CPUs per NVMe OSD (default 4 = 2 cores)'),
          })
          .prefault({})
          .describe('CPU threads an OSD needs, by device kind (Ceph hardware recommendations)'),
        pgs: z
          .strictObject({
            targetPerOsd: int().min(1).max(1000).default(100).describe('mon_target_pg_per_osd (default 100)'),
            maxPerOsd: int().min(1).max(10_000).default(250).describe('mon_max_pg_per_osd (default 250)'),
          })
          .prefault({}),
        recovery: CephRecoverySchema.prefault({}).describe('Recovery after a failure: limits and the per-backfill throughput'),
        bluestoreMinAllocSize: z
          .strictObject({
            hdd: quantity(
              'bytes',
              'bluestore_min_alloc_size of the HDD OSDs, e.g. "64 KiB" for OSDs created before Pacific (default 4 KiB, bluestore_min_alloc_size_hdd)',
              MIN_ALLOC_HINT,
            ).optional(),
            ssd: quantity('bytes', 'bluestore_min_alloc_size of the SSD OSDs (default 4 KiB; 16 KiB before Pacific)', MIN_ALLOC_HINT).optional(),
            nvme: quantity('bytes', 'bluestore_min_alloc_size of the NVMe OSDs (default 4 KiB; 16 KiB before Pacific)', MIN_ALLOC_HINT).optional(),
          })
          .prefault({})
          .describe(
            "BlueStore allocation unit per disk kind, fixed when an OSD is created (bluestore-config-ref.rst, Minimum Allocation Size); used with pools' averageObjectSize",
          ),
        durability: z
          .strictObject({
            afr: z
              .record(identifier, z.number().min(0).lt(1).describe('Annual failure rate, 0 <= AFR < 1 (0.0157 = 1.57 %)'))
              .refine((r) => Object.keys(r).length <= 64, atMost(64, 'device classes'))
              .default({})
              .describe(
                "Annual failure rate of OSD devices by CRUSH device class or disk kind (hdd, ssd, nvme); a class not listed takes its disk kind's. Defaults: hdd 0.0157 (Backblaze Drive Stats for 2024), ssd and nvme 0.0098 (Backblaze SSD Drive Stats 2022)",
              ),
          })
          .prefault({})
          .describe('Inputs of the durability estimate per pool (storage/durability.ts)'),
        daemons: z
          .strictObject({
            mon: cephDaemonSchema('ceph-mon (monitors): default on role control, 5 when the role has 5 hosts or more, else 3 (or 1); an odd count (a quorum is floor(n/2) + 1)', 1),
            mgr: cephDaemonSchema("ceph-mgr (managers): default on the monitors' role, 2 (active and standby)", 0),
            mds: cephDaemonSchema('ceph-mds (CephFS metadata servers): default none', 0),
            rgw: cephDaemonSchema('radosgw (RADOS gateways, S3/Swift): default none', 0),
          })
          .prefault({})
          .describe(
            "Where Ceph's daemons besides the OSDs run, one per host on the first `count` hosts of `role`: their memory and cores count in the role checks, the monitors' quorum in the failure analysis",
          ),
      })
      .prefault({}),
    demand: z
      .strictObject({
        instances: z
          .array(
            z.strictObject({
              flavor: z.string().min(1),
              count: int().min(0).max(LIMITS.instancesPerFlavor).describe('Instances at month 0 (at most 10,000,000)'),
              availabilityZone: HC.aggregateName
                .optional()
                .describe("Availability zone the instances are booted in (openstack server create --availability-zone): a zone of the racks; they count against that zone's hosts"),
              serverGroupPolicy: z
                .enum(['anti-affinity'])
                .optional()
                .describe(
                  'The instances of this line form one server group with this policy (openstack server group create --policy anti-affinity): each on a different host, so n instances need n hosts that can take them, n + the tolerated hosts to survive a loss',
                ),
            }),
          )
          .max(LIMITS.flavors)
          .default([])
          .describe('Instances per flavor at the start'),
        storage: z
          .record(z.string().min(1), quantity('bytes', 'Stored (client) data at month 0, e.g. "40 TB", as ceph df STORED counts it'))
          .default({})
          .describe('Stored data per pool at the start (wins over storageFrom)'),
        storageFrom: z
          .string()
          .min(1)
          .optional()
          .describe(
            "Directory of a running cluster's `ceph ... -f json` outputs, relative to the scenario file and inside its folder (or an --allow-path folder): month-0 stored data per pool from its `ceph df` (STORED); demand.storage entries win",
          ),
        growth: GrowthSchema.prefault({ kind: 'compound', perMonth: 0 }),
        floatingIps: int().min(0).optional().describe('Floating IPs in use at month 0 (grows with growth); the provider allocation pools must hold them'),
        routers: int()
          .min(0)
          .optional()
          .describe('Neutron routers with an external gateway at month 0 (grows with growth): each router gateway port takes one address of the provider allocation pools'),
        ...demandSchemas(quantity),
      })
      .prefault({}),
    policy: z
      .strictObject({
        tolerate: z
          .strictObject({
            hosts: int().min(0).default(1).describe('Hosts per role that may fail (N+1 = 1, default)'),
            racks: int().min(0).default(0).describe('Whole racks that may fail (default 0)'),
            zones: int().min(0).default(0).describe('Whole availability zones that may fail (default 0)'),
            switches: int().min(0).default(1).describe('Top-of-rack switches that may fail (default 1: any one switch)'),
            feeds: int().min(0).default(1).describe('Power feeds that may fail (default 1: any one feed, A or B)'),
          })
          .prefault({}),
        maintenance: z
          .strictObject({
            hosts: int().min(0).default(0).describe('Hosts per role drained at once for a rolling upgrade, in addition to the tolerated failures (default 0)'),
            roles: z
              .array(z.enum(['control', 'compute', 'storage']))
              .min(1)
              .default(['control', 'compute', 'storage'])
              .describe('Roles whose hosts are drained for maintenance (default control, compute, storage)'),
          })
          .prefault({})
          .describe('Maintenance allowance: hosts out for upgrades while a failure happens'),
        thresholds: z
          .strictObject({
            compute: ratio('Compute utilisation that ends the runway (default 0.80)').default(0.8),
            storage: ratio(
              "Fill of the surviving OSDs, after the tolerated failures and re-protection, that ends a pool's runway (default: the Ceph backfillfull ratio, above which backfill stalls)",
            ).optional(),
          })
          .prefault({}),
      })
      .prefault({}),
    requirements: z
      .strictObject({
        control: RoleRequirementSchema.optional(),
        compute: RoleRequirementSchema.optional(),
        storage: RoleRequirementSchema.optional(),
        deploy: RoleRequirementSchema.optional(),
      })
      .default({})
      .describe('Overrides of the role requirements'),
    network: networkSchema(quantity).optional().describe('Network layout: networks, VLANs, subnets, VIPs, bonds per role (optional)'),
    procurement: procurementSchema().optional().describe('Purchase rules: what to buy per role, in which batches, with which lead time (optional)'),
    costs: costsSchema()
      .optional()
      .describe('Prices of the whole bill besides the servers (racks, PDUs, switches, optics, cables, spares) and of running it (support, energy, colocation) (optional)'),
  })
  .describe('A headroom scenario: an OpenStack + Ceph cloud and its demand');

/** The `procurement:` section: per role the model bought, batch, lead time, trigger; the template of added racks. */
function procurementSchema() {
  const rule = z.strictObject({
    hardware: z.string().min(1).describe('The hardware model bought (a key of hardware:)'),
    batch: int().min(1).max(1000).default(1).describe('Hosts per order unit (default 1). With ceph.failureDomain rack, a storage unit is batch hosts in every storage rack'),
    leadTimeWeeks: z.number().min(0).max(520).default(12).describe('Weeks from order to hosts in service (default 12)'),
    coverMonths: int()
      .min(0)
      .max(120)
      .default(0)
      .describe('Months after the crossing month an order also covers (default 0: buy for the crossing month only; 6: enough to stay under the trigger for 6 more months)'),
    threshold: ratio('Utilisation, tolerated failures removed, that triggers an order (default: policy.thresholds of the resource)').optional(),
    aggregates: z
      .array(HC.aggregateName)
      .max(16)
      .optional()
      .describe("Host aggregates the bought hosts join (compute), like a node group's aggregates: so that they count for the host groups of those aggregates"),
  });
  return z.strictObject({
    roles: z.strictObject({ compute: rule.optional(), storage: rule.optional() }).describe('Purchase rule per role'),
    aggregates: z
      .record(HC.aggregateName, rule)
      .refine((r) => Object.keys(r).length <= 64, atMost(64, 'aggregate purchase rules'))
      .optional()
      .describe(
        "Compute purchase rules per host aggregate (a node group's aggregates): a compute resource (a class or a host group) whose hosts all lie in the aggregate is bought by its rule, and the hosts bought join it; the others by roles.compute. E.g. nfv: { hardware: nfv-r760 } buys NFV hosts for a PCPU shortfall of the nfv aggregate",
      ),
    simulation: z
      .strictObject({
        growth: z
          .strictObject({
            low: z.number().gt(-1).lte(10).describe('Lowest monthly growth rate (fraction)'),
            likely: z.number().gt(-1).lte(10).describe('Most likely monthly growth rate'),
            high: z.number().gt(-1).lte(10).describe('Highest monthly growth rate'),
          })
          .refine((g) => g.low <= g.likely && g.likely <= g.high, {
            message: 'growth must have low <= likely <= high',
            params: { code: 'schema.invalid_value', hint: 'order the three rates, e.g. { low: 0.02, likely: 0.045, high: 0.07 }' },
          })
          .describe('Monthly growth rate as a triangular distribution low <= likely <= high, e.g. { low: 0.02, likely: 0.045, high: 0.07 }'),
        runs: int().min(1).max(10_000).default(200).describe('Simulated futures (default 200)'),
        seed: int().default(1).describe('PRNG seed (default 1): the same seed gives the same band'),
      })
      .optional()
      .describe('The risk band of the report: the plan under uncertain growth (as `headroom simulate`), P10-P90 of demand and of the first order-by date'),
    newRack: z
      .strictObject({
        namePrefix: identifier.default('new-rack').describe('Name prefix of added racks (default new-rack)'),
        heightRu: int().min(1).max(60).describe('Rack height in rack units'),
        powerBudget: quantity('power', 'Power budget of an added rack, e.g. "15 kW"').optional(),
        zone: identifier.optional().describe('Zone of added racks'),
      })
      .optional()
      .describe('Rack added when an order fits in no existing rack; default a copy of the last rack'),
  });
}

export type ScenarioFileInput = z.input<typeof ScenarioFileSchema>;
export type ScenarioFileOutput = z.output<typeof ScenarioFileSchema>;
