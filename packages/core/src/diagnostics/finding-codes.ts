/**
 * The registry of finding codes (results about the planned cloud: a shortfall, a breached
 * ratio, a role requirement a server misses). Like the diagnostic codes (codes.ts), finding
 * codes are permanent: a code never changes meaning once released; a new meaning gets a new
 * code. Every code a finding is emitted with is listed here (finding-codes.test.ts checks it).
 */
export const FINDING_CODES = {
  // Capacity over the horizon (forecast/horizon.ts)
  'capacity.threshold_crossed': 'Demand for a resource crosses its utilisation threshold of the capacity left with the tolerated failures',
  'capacity.exceeded': 'Demand for a resource exceeds the capacity left with the tolerated failures',
  // Compute: Nova/Placement (compute/compute-plan.ts)
  'compute.reserved_exceeds_total': 'A resource class reserved on a host model exceeds its total: that host contributes no capacity',
  'compute.flavor.exceeds_max_unit': 'A flavor requests more of a resource class than one host of a model offers (max_unit): it never schedules there',
  'compute.no_hosts': 'Instances are demanded but the plan has no compute host',
  'compute.server_group.too_few_hosts': 'An anti-affinity server group has more instances than hosts that can take them (error), or than survive the tolerated host loss (warning)',
  'compute.flavor.no_candidate_host': 'A flavor fits on no compute host (missing trait, aggregate or resource class, NUMA cells too small): "No valid host was found"',
  'compute.numa.flavor_exceeds_cell':
    "A flavor's guest NUMA cell (pinned CPUs, memory, huge pages) is larger than every NUMA cell of a hardware model that holds it in Placement's totals",
  'compute.reserved_memory_low':
    "The memory reserved on a compute host is less than the QEMU/libvirt overhead of the instances it runs at the horizon's end (Placement does not count it)",
  // Control plane quorum (control/quorum.ts)
  'control.none': 'The plan has no controller: no OpenStack API, database or message queue',
  'control.quorum.below_three': 'One controller tolerates no failure: fewer than 3 is not production',
  'control.quorum.two_nodes': 'Two controllers: either failure stops the cluster (quorum 2 of 2)',
  'control.quorum.even': 'An even number of controllers tolerates no more failures than one fewer',
  // Ceph (storage/*)
  'ceph.no_osds': 'Ceph pools are planned but no storage host has an OSD device',
  'ceph.rule.no_osds': 'A CRUSH rule takes OSDs (of its device class) that the storage hosts do not have: its pools have no capacity',
  'ceph.rule.nearfull': 'The OSDs of a CRUSH rule reach the nearfull ratio within the horizon (OSD_NEARFULL)',
  'ceph.rule.full': 'The OSDs of a CRUSH rule reach the full ratio within the horizon: Ceph stops writes (OSD_FULL)',
  'ceph.pool.too_few_failure_domains': 'A pool has fewer failure domains than copies or shards: it never goes active+clean',
  'ceph.pool.cannot_self_heal': 'A pool has exactly as many failure domains as copies or shards: after losing one its PGs stay degraded',
  'ceph.pool.below_min_size_after_failure': 'After the tolerated failures a pool keeps fewer copies or shards than min_size: its I/O blocks',
  'ceph.pool.ec_overwrites_disabled': 'An erasure pool used by RBD or CephFS does not allow EC overwrites: writes to images or files fail',
  'ceph.pool.ec_without_replicated_metadata': 'An erasure pool used by RBD or CephFS has no replicated pool of the same application for its metadata (omap)',
  'ceph.pool.quota_full': 'A pool with a quota (max_bytes) reaches it within the horizon: Ceph stops writes to the pool (POOL_FULL)',
  'ceph.pool.allocation_padding': 'Small objects take whole bluestore_min_alloc_size units per copy or shard: the pool uses at least 10 % more raw than stored x raw used rate',
  'ceph.pool.cephfs_metadata_missing': 'Pools are for CephFS but none is its metadata pool',
  'ceph.pool.rgw_index_missing': 'Pools are for RGW but none is the bucket index pool',
  'ceph.pool.metadata_on_hdd': 'A CephFS metadata or RGW bucket index pool is on HDD OSDs only',
  'ceph.pool.max_avail_overstates': 'ceph df MAX AVAIL of a pool is more than CRUSH can place across its failure domains',
  'ceph.pg.overlapping_roots': 'Pools on a rule without a device class share OSDs with device-class rules: the pg_autoscaler does not scale them',
  'ceph.pg.too_many_per_osd': 'The planned pg_num values put more PG replicas on an OSD than mon_max_pg_per_osd',
  'ceph.host.memory_short': 'A storage host has less memory than its OSDs (osd_memory_target) and the host need',
  'ceph.host.cpu_short': 'A storage host has fewer CPU threads than its OSDs need',
  'ceph.host.wal_db_missing': 'A storage host with HDD OSDs has no flash WAL/DB device',
  'ceph.host.wal_db_small': 'A storage host gives its HDD OSDs less WAL/DB flash than Ceph recommends',
  // Roles: hardware requirements (hardware/requirements.ts)
  'role.requirement_failed': 'A server misses a requirement of its role',
  'role.requirement_unknown': 'A requirement of a role cannot be checked: the hardware does not say',
  // Network (network/*)
  'network.addresses.exhausted': 'A subnet runs out of host addresses within the horizon',
  'network.floating_ips.exhausted': 'Floating IP demand exceeds the provider allocation pools within the horizon',
  'network.bandwidth.threshold_crossed': 'A link carries more than the bandwidth threshold of its capacity within the horizon',
  'network.bandwidth.exceeded': 'A link needs more bandwidth than it has within the horizon',
  'network.bond.mixed_speeds': 'An 802.3ad or balance-xor bond has ports of different speeds',
  'network.mtu.overlay_too_small': "A tunnel network's MTU is below the tenant MTU plus the overlay overhead",
  'network.mtu.link_too_small': "A link's MTU is below the MTU of a network it carries",
  'network.oversubscription.high': 'A switch in a rack has more host port bandwidth over its uplinks than its maximum oversubscription',
  'network.redundancy.single_link': 'Networks of a role ride on a single port: one cable or switch port cuts the host off',
  'network.redundancy.bond_single_card': 'Every member of a bond is on one NIC card: the card is a single point of failure',
  'network.redundancy.bond_single_switch': 'Every member of a bond is cabled to one switch: the switch is a single point of failure',
  'network.role.no_interfaces': 'A role with hosts has no ports, bonds or networks in the network section',
  'network.role.missing_network': 'A role is not attached to a network of a purpose it needs',
  'network.separation.management_tenant': 'Management and tenant traffic share a port',
  'network.separation.ceph_replication': 'Storage hosts have no ceph-cluster network, or it shares ports with other networks',
  'network.vip.not_on_controllers': 'The control role is not attached to the API network: keepalived cannot raise the VIP there',
  'network.vip.outside_network': 'A VIP is not in the network it belongs to (the API network, or a network of the control role)',
  'network.vip.is_gateway': 'A VIP is the gateway of its network',
  'network.vip.on_node_address': "A VIP lies in the node range the hosts' addresses come from",
  'network.vip.in_pool': 'A VIP lies in a Neutron allocation pool: Neutron will hand it out',
  // Racks: space and power (fleet/hosts.ts, racks/elevation.ts)
  'rack.space_exceeded': 'A rack holds more rack units of servers than it is high',
  'rack.power_exceeded': 'A rack can draw more power at maximum than its power budget',
  'rack.feed_overloaded':
    'A rack can draw more at maximum than its feeds carry with one feed lost (80 % of the breaker, NEC 210.19(A)(1)/210.20(A)): losing a feed trips the other',
  // Failure domains (failure/*): one finding per harm, severity and kind of domain
  'failure.compute.shortfall': 'Losing a failure domain leaves displaced instances that find no host with room',
  'failure.control.quorum_lost': 'Losing a failure domain breaks the control-plane quorum: the OpenStack APIs stop',
  'failure.ceph.inactive_pgs': 'Losing a failure domain drops PGs below min_size: they go inactive and I/O blocks',
  'failure.ceph.cannot_reprotect': 'Losing a failure domain leaves too few domains to re-create the lost copies: PGs stay degraded',
  'failure.ceph.backfillfull': 'After losing a failure domain, recovery fills the survivors past the backfillfull ratio',
  'failure.ceph.full': 'After losing a failure domain, recovery fills the survivors past the full ratio: writes stop',
  'failure.network.cut_off': 'Losing a switch cuts hosts off from a network',
  'failure.power.unpowered': 'Losing a power feed leaves hosts without power',
  'failure.power.rack_tripped': "Losing a power feed overloads the rack's remaining feed: its breaker trips and the whole rack loses power",
  'failure.ceph.mon_quorum_lost': 'Losing a failure domain leaves fewer than floor(n/2) + 1 Ceph monitors up: Ceph is unavailable',
  'failure.combinations_not_analysed': 'The policy tolerates two or more losses of a kind at once; only single losses are analysed',
  // Procurement (procurement/*)
  'procurement.uncovered': 'A resource still crosses its threshold: procurement has no rule for the role that supplies it',
  'procurement.cannot_meet': 'A purchase schedule cannot be met; the finding says why: rack space, power or lead time',
  'procurement.mixed_currency': "A hardware model is priced in another currency than the plan's: left out of the totals",
  'procurement.price_missing': 'A hardware model has no price: its orders are not costed',
  'procurement.order_late': 'An order had to be placed before the plan starts: it is already late',
  'procurement.rack_added': 'An order needs a new rack: no rack of the role had the space or power left',
  // The whole bill and its running cost (cost/cost.ts)
  'cost.unpriced': 'An item of the bill or of the running cost has a quantity and no price: the totals leave it out',
  'cost.mixed_currency': "A price is in another currency than the plan's: its line is left out of the totals",
  // The scenario object given to evaluate()
  'scenario.unresolved_reference': 'A node group or demand names something the scenario does not define: that part is not evaluated',
  // Kolla-Ansible export (interop/kolla/export.ts): what its prechecks would refuse
  'kolla.loadbalancer.empty': "The plan has no control host: Kolla-Ansible's network and loadbalancer groups would be empty",
  'kolla.vip.missing': 'The network section gives no internal VIP: Kolla-Ansible needs kolla_internal_vip_address',
  'kolla.interface.missing': 'Hosts of a role are not on the management network: network_interface has no value for them',
  'kolla.interface.no_address': 'network_interface, api_interface or tunnel_interface carries no host address on a role: Kolla binds services to that address',
  'kolla.no_network': 'The scenario has no network section: the Kolla-Ansible globals get no VIP and no interfaces',
  // cephadm export (interop/cephadm/export.ts)
  'cephadm.filter.ambiguous': 'An OSD spec filter (rotational, size) also selects disks of the model that are not meant for it (ceph-volume skips only disks in use)',
  // Drift between the scenario and the running sources (interop/drift.ts)
  'drift.host.missing': 'A host the scenario plans is not in a running source (Kolla inventory, NetBox)',
  'drift.host.extra': 'A running source has a host the scenario does not plan',
  'drift.host.role': 'A host has another role in a running source than in the scenario',
  'drift.host.rack': 'A host sits in another rack in a running source than the plan places it in',
  'drift.host.position': 'A host sits at another rack unit in NetBox than the rack elevation puts it',
  'drift.rack.missing': 'A rack of the scenario is not in NetBox',
  'drift.rack.extra': 'NetBox has a rack the scenario does not define',
  'drift.rack.height': 'A rack has another height in NetBox than in the scenario',
  'drift.osd.count': 'The cephadm OSD specs make another number of OSDs on a storage host than the plan counts',
  'drift.interface': "A Kolla-Ansible interface variable names another interface than the scenario's network section gives",
} as const;

export type FindingCode = keyof typeof FINDING_CODES;
