/** Section 7, the glossary: each term the report uses, defined once. */
import { html, type SafeHtml } from '../escape.js';

/** One glossary entry; `id` is the anchor (`#term-<id>`). */
export interface GlossaryTerm {
  id: string;
  term: string;
  definition: string;
}

/** The terms the report uses, in reading order. */
export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    id: 'allocation-ratio',
    term: 'Allocation ratio',
    definition:
      'How far Nova may overcommit a resource class on a host: cpu_allocation_ratio, ram_allocation_ratio, disk_allocation_ratio. 4.0 for VCPU means four vCPUs may be allocated per hardware thread.',
  },
  {
    id: 'placement-capacity',
    term: 'Placement capacity',
    definition:
      'What OpenStack Placement lets be allocated on a host for one resource class: capacity = (total − reserved) × allocation ratio. Used + request must stay within capacity, and no single request may exceed max_unit.',
  },
  {
    id: 'max-unit',
    term: 'max_unit',
    definition: 'The largest single allocation Placement accepts for a resource class on a host; a flavor that asks for more never lands there.',
  },
  {
    id: 'usable',
    term: 'Usable, MAX AVAIL',
    definition:
      'Client data a Ceph pool can hold. Usable here is the pool’s share of raw capacity divided by its raw used rate (size for replicated pools, (k+m)/k for erasure-coded ones). MAX AVAIL is Ceph’s own figure in ceph df (PGMap::get_rule_avail): what can still be written before the fullest OSD under the pool’s rule reaches the full ratio, assuming data lands in proportion to CRUSH weight; pools on the same OSDs share it.',
  },
  {
    id: 'safe-usable',
    term: 'Safe usable, re-protectable',
    definition:
      'Re-protectable: the client data whose copies can all be re-created after the worst tolerated failure (a host, a rack, or any one OSD), counting that CRUSH puts at most one copy per failure domain. Safe usable = re-protectable × backfillfull ratio: after that failure and the backfill that follows, the surviving OSDs stay below backfillfull. The storage runway is planned against it.',
  },
  {
    id: 'crush-rule',
    term: 'CRUSH rule, device class',
    definition:
      'A CRUSH rule picks the OSDs of a pool: it takes every OSD or those of one device class (hdd, ssd, nvme) and puts each copy (firstn, replicated) or shard (indep, erasure-coded) in a different failure domain. CRUSH weight is an OSD’s size in TiB.',
  },
  {
    id: 'pg',
    term: 'PG (placement group)',
    definition:
      'The unit Ceph places and recovers data in. The pg_autoscaler aims at mon_target_pg_per_osd (100) PG replicas per OSD, pg_num a power of two of at least 32; above mon_max_pg_per_osd (250) pools cannot be created or grown.',
  },
  {
    id: 'nearfull',
    term: 'Nearfull ratio',
    definition:
      'mon_osd_nearfull_ratio (default 0.85): the OSD fill level at which Ceph raises a HEALTH_WARN. Backfillfull (0.90) stops backfill into an OSD; full (0.95) stops writes. Nearfull usable = usable × nearfull ratio.',
  },
  {
    id: 'failure-domain',
    term: 'Failure domain',
    definition:
      'What can fail as a unit: a host or a rack. CRUSH places each copy or chunk of a placement group in a different failure domain, so a pool needs at least size (replicated) or k+m (erasure-coded) of them.',
  },
  {
    id: 'n-plus-1',
    term: 'N+1',
    definition:
      'Enough hosts that the load still fits with one host down (N+2: two). Tolerated capacity is the capacity with the tolerated hosts or racks removed, the largest first.',
  },
  {
    id: 'threshold',
    term: 'Threshold',
    definition:
      'The utilisation (demand ÷ capacity) a resource must stay under: the compute policy threshold; for Ceph pools, the fill of the surviving OSDs after the tolerated failure (default the backfillfull ratio, so the limit is the safe usable capacity).',
  },
  {
    id: 'runway',
    term: 'Runway',
    definition:
      'Months from the start of the horizon until demand first crosses the threshold of the capacity left after the tolerated failures. “Beyond the horizon” means it never does within the months planned.',
  },
  {
    id: 'bottleneck',
    term: 'Bottleneck',
    definition: 'The resource with the shortest runway: the one that runs out first and sets when to buy.',
  },
  {
    id: 'horizon',
    term: 'Horizon',
    definition: 'The months planned, starting at the scenario’s start month.',
  },
  {
    id: 'failure-impact',
    term: 'Failure domain loss, re-protection, fragmentation',
    definition:
      'Losing a failure domain (a host, rack, top-of-rack switch, power feed or zone) stops its hosts. Their instances must restart on the survivors’ free Placement capacity; fragmentation is free capacity split over hosts in pieces too small for a flavor. Re-protection is Ceph re-creating the lost copies on the surviving failure domains; it needs as many domains as copies (size, or k+m) and stops above the backfillfull ratio. A maintenance allowance counts hosts drained for upgrades as down too.',
  },
  {
    id: 'quorum',
    term: 'Quorum',
    definition: 'The majority of controllers, floor(n/2) + 1, that Galera and RabbitMQ quorum queues need to keep working. The control plane survives n − quorum controllers down.',
  },
  {
    id: 'bond',
    term: 'Bond',
    definition:
      'Ports joined into one link. active-backup sends on one member at a time; 802.3ad (LACP) and balance-xor hash each flow onto one member, so many flows get the sum of the members and a single flow gets one member.',
  },
  {
    id: 'vlan',
    term: 'VLAN',
    definition: 'An 802.1Q layer-2 network, identified by a VLAN ID from 1 to 4094, carried tagged on a link (or untagged, as its native VLAN).',
  },
  {
    id: 'mtu',
    term: 'MTU',
    definition:
      'The largest packet a link carries, in bytes (1500 standard, 9000 jumbo). An overlay (VXLAN +50, Geneve +58 bytes over IPv4) needs an underlay that much larger than the tenant MTU.',
  },
  {
    id: 'vip',
    term: 'VIP',
    definition:
      'A virtual IP address that keepalived moves between the controllers; HAProxy serves the APIs on it. It must not be any host’s address or in a Neutron allocation pool.',
  },
  {
    id: 'oversubscription',
    term: 'Oversubscription',
    definition: 'Host port line rate cabled to a switch divided by its uplink capacity: 3:1 means the hosts can offer three times what can leave the rack.',
  },
  {
    id: 'rack-unit',
    term: 'Rack unit (RU)',
    definition: 'The height unit of a 19-inch rack (EIA-310): 1 RU = 1.75 in = 44.45 mm. A 42 RU rack holds 42 rack units of equipment; a 2 RU server takes two.',
  },
  {
    id: 'rack-elevation',
    term: 'Rack elevation',
    definition:
      'A front view of a rack with what occupies each rack unit, counted from RU 1 at the bottom. headroom stacks each rack’s hosts from RU 1 without gaps, in host order, the purchased ones on top; switches, patch panels and PDUs are not modelled, so leave room for them.',
  },
  {
    id: 'power-budget',
    term: 'Power budget, typical and maximum draw',
    definition:
      'The power a rack may draw, as the facility provisions it (per rack, in kW). Typical draw is what the servers use in normal service (what the power bill and the cooling see); maximum draw (the scenario’s power.max) is what they can draw at worst; with 1+1 redundant supplies, at most one supply’s output rating. Budgets are checked against the sum of the maximum draws, so a rack never trips its feed when every server peaks at once.',
  },
];

/** Section 7: the glossary as a definition list with an anchor per term. */
export function glossarySection(): SafeHtml {
  return html`<section aria-labelledby="glossary">
<h2 id="glossary">Glossary</h2>
<dl class="glossary">
${GLOSSARY.map((t) => html`<dt id="term-${t.id}">${t.term}</dt><dd>${t.definition}</dd>\n`)}</dl>
</section>`;
}
