/**
 * The commented starter scenario `headroom init` writes: one server model per role (Dell
 * PowerEdge R660 / R760 / R7615, as in scenarios/reference-pilot.yaml), racks, node groups of
 * the sizes asked for, Nova's allocation ratios, four flavors, four replicated Ceph pools,
 * demand in proportion to the fleet, N+1 and the thresholds. Every key is commented with what
 * it means, its unit and where its default comes from, so that the file teaches the format.
 *
 * No figure of the plan is computed here: the demand lines are a starting guess scaled by the
 * fleet (so that a fresh file plans without a shortfall), written as plain counts and sizes that
 * the user replaces with their own.
 */

export interface StarterOptions {
  controllers: number;
  compute: number;
  storage: number;
  /** First month of the horizon, YYYY-MM. */
  start: string;
  name?: string;
}

/** Hosts per rack in the starter: 10 x 2U = 20U of 42U, 10 x 1400 W = 14 kW at most. */
const HOSTS_PER_RACK = 10;

/** Racks: at least 3 (one per copy of the data, one controller each), 10 hosts per rack at most. */
export function starterRackCount(options: Pick<StarterOptions, 'controllers' | 'compute' | 'storage'>): number {
  return Math.max(3, Math.ceil((options.controllers + options.compute + options.storage) / HOSTS_PER_RACK));
}

/** A size in TB with at most two decimals ("2.5 TB"). */
function tb(value: number): string {
  return `${Number(value.toFixed(2))} TB`;
}

/** The starter scenario's YAML text (LF line ends, final newline). */
export function starterScenario(options: StarterOptions): string {
  const { controllers, compute, storage, start } = options;
  const racks = starterRackCount(options);
  const rackLines = Array.from({ length: racks }, (_, i) => `  - { name: r${i + 1}, zone: az1, heightRu: 42, powerBudget: 15 kW }`);
  // demand: a starting guess per hypervisor and per storage host (replace with yours)
  const instances = { small: 10 * compute, medium: 8 * compute, large: 4 * compute, xlarge: compute };
  const storedTb = { volumes: 2.5 * storage, vms: 0.6 * storage, images: 0.3 * storage, backups: 0.4 * storage };
  const name = (options.name ?? 'My OpenStack cloud').replace(/["\\\n\r]/g, ' ');
  return `# A headroom scenario: the servers, racks and demand of an OpenStack + Ceph cloud.
# Written by \`headroom init\`; check it with \`headroom validate\`, plan it with \`headroom plan\`,
# write the report with \`headroom report <file> -o report.html\`. Every size carries its unit:
# TB/GB are decimal (10^12, 10^9 bytes), TiB/GiB binary (2^40, 2^30); links in Gbit/s.
# Completion and checks in an editor: \`headroom schema > scenario.schema.json\`, then make
# \`# yaml-language-server: $schema=scenario.schema.json\` the first line of this file.
schemaVersion: 1
name: "${name}"
start: ${start}             # first month of the horizon (YYYY-MM)
horizonMonths: 24            # months planned (1 to 120)

# Server models, referenced by name from nodes:. Replace them with the models you buy;
# \`headroom hw check\` compares real servers (Ironic, lshw, dmidecode) with their role.
hardware:
  control-server:
    model: Dell PowerEdge R660
    heightRu: 1
    cpu: { model: Intel Xeon Gold 5416S, sockets: 2, coresPerSocket: 16, threadsPerCore: 2, virtualization: vt-x }
    memory: { size: 256 GiB, ecc: true }
    disks:
      - { count: 2, size: 480 GB, kind: nvme, use: os }
      - { count: 2, size: 1.92 TB, kind: nvme, use: database }   # Galera and RabbitMQ want fast fsync
    nics:
      - { ports: 2, speed: 25 Gbit/s }
      - { ports: 2, speed: 25 Gbit/s }
    power: { typical: 350 W, max: 800 W }
    price: { amount: 14000, currency: EUR }   # an estimate: put your quote here
  compute-server:
    model: Dell PowerEdge R760
    heightRu: 2
    cpu: { model: Intel Xeon Gold 6530, sockets: 2, coresPerSocket: 32, threadsPerCore: 2, virtualization: vt-x }
    memory: { size: 512 GiB, ecc: true }
    disks:
      - { count: 2, size: 480 GB, kind: nvme, use: os }   # instance disks are RBD images on Ceph (ephemeralStorage: ceph)
    nics:
      - { ports: 2, speed: 25 Gbit/s }
      - { ports: 2, speed: 25 Gbit/s }
    power: { typical: 600 W, max: 1400 W }
    price: { amount: 24000, currency: EUR }
  storage-server:
    model: Dell PowerEdge R7615
    heightRu: 2
    cpu: { model: AMD EPYC 9254, sockets: 1, coresPerSocket: 24, threadsPerCore: 2, virtualization: amd-v }
    memory: { size: 192 GiB, ecc: true }   # 8 OSDs x 4 GiB osd_memory_target + the OS and recovery
    disks:
      - { count: 2, size: 480 GB, kind: nvme, use: os }
      - { count: 8, size: 7.68 TB, kind: nvme, use: osd }   # one BlueStore OSD per device
    nics:
      - { ports: 2, speed: 25 Gbit/s }
      - { ports: 2, speed: 25 Gbit/s }
    power: { typical: 450 W, max: 1100 W }
    price: { amount: 26000, currency: EUR }

# Racks: height in rack units and the power budget of each. placement: spread puts a group's
# hosts round-robin over the racks, so that losing a rack loses as few of each as possible.
racks:
${rackLines.join('\n')}

# Node groups: how many servers of which model in each role.
nodes:
  - { role: control, hardware: control-server, count: ${controllers}, placement: spread }
  - { role: compute, hardware: compute-server, count: ${compute}, placement: spread }
  - { role: storage, hardware: storage-server, count: ${storage}, placement: spread }

openstack:
  # Nova's defaults since 2023.1: initial_cpu_allocation_ratio 4.0, initial_ram_allocation_ratio
  # 1.0, initial_disk_allocation_ratio 1.0 (Placement capacity = (total - reserved) x ratio).
  allocationRatio: { cpu: 4.0, ram: 1.0, disk: 1.0 }
  # reserved_host_memory_mb and reserved_host_cpus of each hypervisor: the host OS, OVS/OVN, libvirt.
  # 24 GiB covers QEMU's ~512 MiB per guest for the ~37 instances a hypervisor runs by the end.
  reserved: { hostMemory: 24 GiB, hostCpus: 4 }
  ephemeralStorage: ceph       # Nova images_type = rbd: root disks live in the vms pool
  flavors:
    m1.small:  { vcpus: 1, ram: 2 GiB,  disk: 20 GiB }
    m1.medium: { vcpus: 2, ram: 4 GiB,  disk: 40 GiB }
    m1.large:  { vcpus: 4, ram: 8 GiB,  disk: 80 GiB }
    m1.xlarge: { vcpus: 8, ram: 16 GiB, disk: 160 GiB }

ceph:
  failureDomain: host          # one copy of each object per host (the CRUSH rule's failure domain)
  # mon_osd_nearfull_ratio, mon_osd_backfillfull_ratio, mon_osd_full_ratio (Ceph's defaults)
  ratios: { nearfull: 0.85, backfillfull: 0.90, full: 0.95 }
  # Replicated size 3 (osd_pool_default_size; min_size 2). share: each pool's part of the raw
  # capacity, like target_size_ratio; the shares add up to 1 at most.
  pools:
    - { name: volumes, type: replicated, size: 3, share: 0.55 }   # Cinder
    - { name: vms, type: replicated, size: 3, share: 0.25 }       # Nova root disks
    - { name: images, type: replicated, size: 3, share: 0.10 }    # Glance
    - { name: backups, type: replicated, size: 3, share: 0.10 }   # Cinder backups

# Demand at the start month and its growth. A starting guess in proportion to the fleet:
# replace it with what your users run (instances by flavor) and store (as \`ceph df\` STORED).
demand:
  instances:
    - { flavor: m1.small, count: ${instances.small} }
    - { flavor: m1.medium, count: ${instances.medium} }
    - { flavor: m1.large, count: ${instances.large} }
    - { flavor: m1.xlarge, count: ${instances.xlarge} }
  storage: { volumes: ${tb(storedTb.volumes)}, vms: ${tb(storedTb.vms)}, images: ${tb(storedTb.images)}, backups: ${tb(storedTb.backups)} }
  growth: { kind: compound, perMonth: 0.02 }   # 2 % a month, about 27 % a year

policy:
  tolerate: { hosts: 1 }           # N+1: every figure is also computed with one host of each role lost
  thresholds: { compute: 0.80 }    # runway ends when compute use crosses 80 % (storage: backfillfull)
`;
}
