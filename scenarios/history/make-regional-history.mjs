// Generates regional/prometheus.json: a Prometheus query_range response (API v1, resultType
// matrix) with the metric names and labels the exporters publish, for the regional cloud's
// resources over 2026 (weekly steps, 53 samples ending 2026-12-30). The VALUES ARE SYNTHETIC
// (growth paths with seeded noise, ending near the regional scenario's month-0 demand); the
// names are real: ceph-mgr prometheus module (ceph_pool_stored joined with ceph_pool_metadata
// for the pool name), openstack-exporter (openstack_placement_resource_usage summed by
// resourcetype, openstack_neutron_floating_ips). Run: node make-regional-history.mjs
import { writeFileSync } from 'node:fs';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(18);
const END = Date.UTC(2026, 11, 30) / 1000; // 2026-12-30T00:00:00Z
const WEEK = 7 * 86400;
const N = 53;
const times = Array.from({ length: N }, (_, i) => END - (N - 1 - i) * WEEK);
const MONTH = 2629800;
// value(t) = end × path(months before the end), times (1 + noise × u), u uniform in [-1, 1)
const series = (end, path, noise, round = (x) => x) =>
  times.map((t) => {
    const m = (t - END) / MONTH; // <= 0
    return [t, String(round(end * path(m) * (1 + noise * (2 * random() - 1))))];
  });
const compound = (r) => (m) => (1 + r) ** m;
const linear = (perMonthOfEnd) => (m) => 1 + perMonthOfEnd * m;
const TB = 1e12;
const int = (x) => Math.round(x);
const result = [
  { metric: { instance: 'ceph-mgr:9283', job: 'ceph', name: 'volumes', pool_id: '1' }, values: series(202 * TB, compound(0.03), 0.02, int) },
  { metric: { instance: 'ceph-mgr:9283', job: 'ceph', name: 'vms', pool_id: '2' }, values: series(31 * TB, linear(0.025), 0.015, int) },
  { metric: { instance: 'ceph-mgr:9283', job: 'ceph', name: 'images', pool_id: '3' }, values: series(12 * TB, compound(0.01), 0.01, int) },
  { metric: { instance: 'ceph-mgr:9283', job: 'ceph', name: 'backups', pool_id: '4' }, values: series(196 * TB, compound(0.04), 0.01, int) },
  { metric: { resourcetype: 'VCPU' }, values: series(4788, compound(0.045), 0.03, int) },
  { metric: { resourcetype: 'MEMORY_MB' }, values: series(11128 * 1024, compound(0.045), 0.03, int) },
  { metric: { __name__: 'openstack_neutron_floating_ips', instance: 'openstack-exporter:9180', job: 'openstack', region: 'RegionOne' }, values: series(300, linear(0.03), 0.04, int) },
];
// one sample pair per line, as a pretty-printed API response
const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }, null, 1).replace(/\[\n\s+(\d+),\n\s+("[^"]*")\n\s+\]/g, '[$1, $2]');
writeFileSync(new URL('./regional/prometheus.json', import.meta.url), `${text}\n`);
