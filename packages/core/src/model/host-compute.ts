/**
 * Heterogeneous compute after normalize: what a hardware model offers Nova and Placement
 * besides its CPUs, memory and disks (NUMA nodes, huge pages, CPU sets, traits, devices),
 * and the host aggregates. The YAML is model/compute-schema.ts.
 */

/** NUMA topology of one host (nova/virt/hardware.py NUMACell, as libvirt reports it). */
export interface NumaConfig {
  /** NUMA nodes (cells) per host; normalize fills one per socket. */
  nodes: number;
  /** Huge pages reserved at boot on the whole host, split evenly over the nodes; absent: none. */
  hugePages?: { sizeBytes: number; count: number };
}

/** Nova compute settings of one hardware model. */
export interface NovaHostConfig {
  /** [compute] cpu_dedicated_set as written (Nova parse_cpu_spec syntax); absent: not set. */
  cpuDedicatedSet?: string;
  /** [compute] cpu_shared_set as written; absent: not set. */
  cpuSharedSet?: string;
  /** Traits set on the compute node provider besides those Nova reports. */
  traits: string[];
}

/** A GPU or PCI device of a hardware model: `count` nested providers of `perDevice` `resourceClass` each. */
export interface DeviceSpec {
  name: string;
  kind: 'gpu' | 'pci';
  model?: string;
  count: number;
  resourceClass: string;
  perDevice: number;
  vgpuType?: string;
}

/** A host aggregate: its metadata (the hosts are those of the node groups that name it). */
export interface Aggregate {
  name: string;
  metadata: Record<string, string>;
}
