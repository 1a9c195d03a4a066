/**
 * The YAML keys of heterogeneous compute (scenario v1, every one optional): per hardware model
 * its NUMA nodes and huge pages (`numa:`), its Nova CPU sets and traits (`nova:`) and its
 * GPUs and PCI devices (`devices:`); per flavor its extra specs (`extraSpecs:`); per node
 * group its host aggregates (`aggregates:`); the aggregates' metadata
 * (`openstack.aggregates:`); per demand entry its availability zone. A factory, so that
 * model/schema.ts can hand in its `quantity()` (the huge page size is a quantity).
 *
 * What zod cannot check (CPU set syntax and overlap, extra spec values, resource classes
 * and traits no host offers, NUMA requests larger than any cell) is checked on the raw data
 * by scenario/compute-references.ts, with line:col.
 */
import { z } from 'zod';

/** model/schema.ts's `quantity(kind, description)` for the huge page size. */
export type BytesQuantity = (kind: 'bytes', description: string) => z.ZodType<number, string | number>;

/** A Placement resource class or trait name: upper case letters, digits and "_" (os-resource-classes, os-traits). */
export const PLACEMENT_NAME = /^[A-Z][A-Z0-9_]*$/;

const aggregateName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit');

/** The per-model and per-flavor schemas, built with the scenario's quantity parser. */
export function computeSchemas(quantity: BytesQuantity) {
  const NumaSchema = z
    .strictObject({
      nodes: z
        .int()
        .min(1)
        .max(32)
        .optional()
        .describe(
          'NUMA nodes (cells) of one host; default one per socket. Logical CPUs are numbered as Linux does on x86: the first thread of every core, socket by socket, then the sibling threads in the same order; each node holds an equal run of cores',
        ),
      hugePages: z
        .strictObject({
          size: quantity('bytes', 'Huge page size: "2 MiB" or "1 GiB" (kernel hugepagesz)'),
          count: z.int().min(0).max(1_000_000).describe('Huge pages reserved at boot on the whole host (kernel hugepages), split evenly over the NUMA nodes'),
        })
        .optional()
        .describe('Huge pages the kernel reserves at boot; flavors with hw:mem_page_size take their memory from them, per NUMA node'),
    })
    .describe('NUMA topology of the host as libvirt reports it to Nova (nova/virt/hardware.py NUMACell)');

  const NovaHostSchema = z
    .strictObject({
      cpuDedicatedSet: z
        .string()
        .min(1)
        .max(1000)
        .optional()
        .describe(
          '[compute] cpu_dedicated_set: host logical CPUs for pinned vCPUs, e.g. "4-31,36-63" (Nova syntax: ranges, "^n" excludes). Reported as PCPU, allocation ratio 1.0',
        ),
      cpuSharedSet: z
        .string()
        .min(1)
        .max(1000)
        .optional()
        .describe(
          '[compute] cpu_shared_set: host logical CPUs for unpinned vCPUs (VCPU at cpu_allocation_ratio). With only cpuDedicatedSet the host reports no VCPU; CPUs in neither set are left to the host',
        ),
      traits: z
        .array(z.string().regex(PLACEMENT_NAME, 'a trait name: upper case, digits and "_", e.g. CUSTOM_NFV'))
        .max(64)
        .optional()
        .describe('Traits of the compute node resource provider besides those Nova reports (HW_CPU_HYPERTHREADING when threadsPerCore > 1), e.g. CUSTOM_NFV'),
    })
    .describe('Nova compute settings of the hosts of this model (nova.conf [compute], provider traits)');

  const DeviceSchema = z
    .strictObject({
      name: aggregateName.describe('Device name, e.g. "l40s" (the nested providers are <host>_<name>_<n>)'),
      kind: z
        .enum(['gpu', 'pci'])
        .describe('gpu (vGPU mediated devices, or a whole GPU by PCI passthrough) | pci (any other PCI device or SR-IOV virtual functions reported in Placement)'),
      model: z.string().min(1).optional().describe('Device model as sold, e.g. "NVIDIA L40S"'),
      count: z.int().min(1).max(64).describe('Physical devices per host (GPUs, NICs): one nested resource provider each'),
      resourceClass: z
        .string()
        .regex(/^(VGPU|PGPU|CUSTOM_[A-Z0-9_]+)$/, 'a device resource class: VGPU, PGPU or CUSTOM_<NAME>')
        .describe(
          'Resource class of each device provider: VGPU (libvirt enabled_mdev_types), PGPU, or a CUSTOM_ class ([pci] device_spec resource_class with report_in_placement)',
        ),
      perDevice: z
        .int()
        .min(1)
        .max(4096)
        .default(1)
        .describe('Inventory of each device provider: vGPU instances the GPU type allows, virtual functions per PF, or 1 for a passed-through device (default 1)'),
      vgpuType: z.string().min(1).optional().describe('The mdev type (e.g. "nvidia-1155"), for the record'),
    })
    .describe(
      'A GPU or PCI device: `count` nested resource providers under the compute node, each with `perDevice` of `resourceClass` (allocation ratio 1.0, reserved 0, max_unit = total)',
    );

  const extraSpecValue = z.union([z.string().max(255), z.number(), z.boolean()]);
  const ExtraSpecsSchema = z
    .record(z.string().min(1).max(255), extraSpecValue)
    .describe(
      'Flavor extra specs, as `openstack flavor set --property` takes them. Read: hw:cpu_policy (shared | dedicated | mixed), hw:cpu_dedicated_mask (mixed), hw:cpu_thread_policy (prefer | isolate | require), ' +
        'hw:emulator_threads_policy (isolate adds one PCPU), hw:mem_page_size (small | large | any | 2MB | 1GB | a size in KiB), hw:numa_nodes, resources:<CLASS>=<n> (e.g. resources:VGPU=1), ' +
        'trait:<NAME>=required|forbidden, aggregate_instance_extra_specs:<key>=<value> (AggregateInstanceExtraSpecsFilter). Other keys are kept and ignored',
    );

  const AggregateSchema = z
    .strictObject({
      metadata: z
        .record(z.string().min(1).max(255), z.string().max(255))
        .default({})
        .describe("Aggregate metadata (openstack aggregate set --property): matched by flavors' aggregate_instance_extra_specs:<key>"),
    })
    .describe('A host aggregate: the node groups that name it are its hosts');

  return { NumaSchema, NovaHostSchema, DeviceSchema, ExtraSpecsSchema, AggregateSchema, aggregateName };
}
