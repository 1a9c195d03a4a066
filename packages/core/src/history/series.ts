/**
 * Demand history read from a running cloud: Prometheus `query_range` exports and dated
 * `ceph df -f json` snapshots (history/prometheus.ts, history/ceph-df-snapshots.ts), each
 * series mapped to the scenario resource whose growth it measures.
 *
 * Metric names, as the exporters publish them:
 *   ceph_pool_stored{pool_id}                   ceph-mgr prometheus module (src/pybind/mgr/prometheus/module.py,
 *                                               DF_POOL "stored"): client bytes per pool; the pool name comes
 *                                               from ceph_pool_metadata{pool_id, name}: export the join
 *                                               `ceph_pool_stored * on(pool_id) group_left(name) ceph_pool_metadata`
 *   openstack_placement_resource_usage{hostname, resourcetype}
 *                                               openstack-exporter (Placement usages per provider): VCPU (vCPU),
 *                                               MEMORY_MB (MiB), DISK_GB (GiB); summed over hosts per timestamp
 *   openstack_neutron_floating_ips{region}      openstack-exporter: floating IPs in use
 * A series without `__name__` (an aggregation such as `sum by (resourcetype)`) is mapped by its
 * labels: `resourcetype` -> Placement usage; `pool_id` or a `name` with `pool_id` -> pool.
 */
import type { SourceLocation } from '../diagnostics/types.js';
import type { HistoryPoint } from './fit.js';

/** The scenario resource a series measures. */
export type HistoryResource = { kind: 'compute'; resourceClass: 'VCPU' | 'MEMORY_MB' | 'DISK_GB' } | { kind: 'pool'; name: string } | { kind: 'floatingIps' };

/** One series as read, before validation. */
export interface HistorySeries {
  resource: HistoryResource;
  /** `compute.VCPU`, `pool.volumes`, `floatingIps`: one fit per key. */
  key: string;
  /** Unit of the values: `vCPU`, `MiB`, `GiB`, `bytes`, `addresses`. */
  unit: string;
  /** Where the values come from, for messages: `ceph_pool_stored{name="volumes"}`, `ceph df pools[name=volumes].stats.stored`. */
  source: string;
  /** What kind of measure (metric name, or `ceph df`): two kinds for one key are mixed units. */
  measure: string;
  location: SourceLocation;
  points: HistoryPoint[];
}

/** A series that was read but maps to no resource, and why. */
export interface IgnoredSeries {
  source: string;
  location: SourceLocation;
  reason: string;
}

export const RESOURCE_CLASS_UNIT = { VCPU: 'vCPU', MEMORY_MB: 'MiB', DISK_GB: 'GiB' } as const;

/** The key of a resource: one fit per key. */
export function resourceKey(r: HistoryResource): string {
  return r.kind === 'compute' ? `compute.${r.resourceClass}` : r.kind === 'pool' ? `pool.${r.name}` : 'floatingIps';
}

/** Where a fit of this resource goes in a scenario: demand.growthBy.<path>. */
export function growthByPath(r: HistoryResource): string[] {
  return r.kind === 'compute' ? ['compute'] : r.kind === 'pool' ? ['pools', r.name] : ['floatingIps'];
}

/** `metric{a="1",b="2"}` as Prometheus prints a series. */
export function seriesName(metric: Record<string, string>): string {
  const name = metric.__name__ ?? '';
  const labels = Object.entries(metric)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return `${name}{${labels}}`;
}

/**
 * The resource of a Prometheus series by its metric name and labels (see the module
 * docstring), or why it maps to none.
 */
export function mapPrometheusSeries(metric: Record<string, string>): { resource: HistoryResource; unit: string; measure: string } | { reason: string } {
  const name = metric.__name__;
  const rc = metric.resourcetype;
  if (name === 'openstack_placement_resource_usage' || (name === undefined && rc !== undefined)) {
    if (rc === 'VCPU' || rc === 'MEMORY_MB' || rc === 'DISK_GB')
      return { resource: { kind: 'compute', resourceClass: rc }, unit: RESOURCE_CLASS_UNIT[rc], measure: 'openstack_placement_resource_usage' };
    return { reason: `Placement resource class ${rc ?? '(none)'} is not planned (VCPU, MEMORY_MB and DISK_GB are)` };
  }
  if (name === 'ceph_pool_stored' || (name === undefined && metric.pool_id !== undefined)) {
    const pool = metric.name;
    if (pool === undefined) return { reason: `pool_id ${metric.pool_id ?? '?'} has no pool name: export ceph_pool_stored * on(pool_id) group_left(name) ceph_pool_metadata` };
    return { resource: { kind: 'pool', name: pool }, unit: 'bytes', measure: 'ceph_pool_stored' };
  }
  if (name === 'openstack_neutron_floating_ips') return { resource: { kind: 'floatingIps' }, unit: 'addresses', measure: 'openstack_neutron_floating_ips' };
  return { reason: `metric ${name ?? '(no __name__)'} is not one headroom fits (ceph_pool_stored, openstack_placement_resource_usage, openstack_neutron_floating_ips)` };
}
