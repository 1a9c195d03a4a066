/**
 * Explanations of the compute plan: the Placement capacity of each compute hardware model's
 * inventories, the fleet totals, the capacity without the tolerated hosts, the month-0
 * demand per resource class and the fit of the month-0 instance mix.
 */
import { flavorRequest, resourceUnit } from '../compute/placement.js';
import { hostCpuSets } from '../compute/cpu-sets.js';
import type { Scenario } from '../model/scenario.js';
import type { PlacementInventory, PlanResult, ResourceClass } from '../model/plan.js';
import { type ExplanationSet, groupCountPath, hostNames, hostsByHardware, input, sum } from './common.js';
import { explainId } from './ids.js';
import { scenarioPath } from './paths.js';
import type { ExplainedInput } from '../model/explanation.js';

const PLACEMENT_SOURCE = 'openstack/placement placement/objects/resource_provider.py: capacity = (total - reserved) * allocation_ratio';
const MIB = 1048576;
const GIB = 1073741824;

/** One inventory of one hardware model: total and reserved from the scenario, as computeInventories (compute/placement.ts) derives them. */
function inventoryExplanation(scenario: Scenario, hardware: string, inv: PlacementInventory, hosts: readonly string[]) {
  const hw = scenario.hardware[hardware]!;
  const hwPath = (...s: (string | number)[]) => scenarioPath('hardware', hardware, ...s);
  const rc = inv.resourceClass;
  const label = `Placement ${rc} capacity of one ${hardware} host (${hostNames(hosts)})`;
  const base = { id: explainId.computeInventory(hardware, rc), label, value: inv.capacity, unit: resourceUnit(rc) };
  const sets = hostCpuSets(hw);
  if ((rc === 'VCPU' && sets.configured) || rc === 'PCPU') {
    const pinned = rc === 'PCPU';
    const key = pinned ? 'cpuDedicatedSet' : 'cpuSharedSet';
    return {
      ...base,
      formula: pinned
        ? 'capacity = (total − reserved) × allocation_ratio, total = CPUs of [compute] cpu_dedicated_set, reserved 0, allocation_ratio 1.0 (pinned CPUs are never overcommitted)'
        : 'capacity = (total − reserved) × allocation_ratio, total = CPUs of [compute] cpu_shared_set, not below 0',
      expression: pinned ? 'total' : 'max(0, (total - reserved) * allocation_ratio)',
      inputs: [
        input('total', `CPUs of ${pinned ? 'cpu_dedicated_set' : 'cpu_shared_set'} "${hw.nova?.[key] ?? ''}"`, inv.total, 'CPUs', hwPath('nova', key)),
        ...(pinned
          ? []
          : [
              input('reserved', 'reserved_host_cpus', scenario.openstack.reserved.hostCpus, 'vCPU', scenarioPath('openstack', 'reserved', 'hostCpus')),
              input('allocation_ratio', 'cpu_allocation_ratio', scenario.openstack.allocationRatio.cpu, '', scenarioPath('openstack', 'allocationRatio', 'cpu')),
            ]),
      ],
      source: `${PLACEMENT_SOURCE}; nova/virt/libvirt/driver.py _get_vcpu_available, _get_pcpu_available, update_provider_tree (PCPU allocation_ratio 1, reserved 0); nova/virt/hardware.py parse_cpu_spec`,
    };
  }
  if (rc === 'VCPU') {
    return {
      ...base,
      formula: 'capacity = (total − reserved) × allocation_ratio, total = sockets × cores_per_socket × threads_per_core (logical CPUs), not below 0',
      expression: 'max(0, (sockets * cores_per_socket * threads_per_core - reserved) * allocation_ratio)',
      inputs: [
        input('sockets', 'CPU sockets', hw.cpu.sockets, 'sockets', hwPath('cpu', 'sockets')),
        input('cores_per_socket', 'physical cores per socket', hw.cpu.coresPerSocket, 'cores', hwPath('cpu', 'coresPerSocket')),
        input('threads_per_core', 'threads per core', hw.cpu.threadsPerCore, 'threads', hwPath('cpu', 'threadsPerCore')),
        input('reserved', 'reserved_host_cpus', scenario.openstack.reserved.hostCpus, 'vCPU', scenarioPath('openstack', 'reserved', 'hostCpus')),
        input('allocation_ratio', 'cpu_allocation_ratio', scenario.openstack.allocationRatio.cpu, '', scenarioPath('openstack', 'allocationRatio', 'cpu')),
      ],
      source: `${PLACEMENT_SOURCE}; VCPU total: nova/virt/libvirt/driver.py _get_vcpu_total (no cpu_shared_set); nova/conf/compute.py reserved_host_cpus, cpu_allocation_ratio`,
    };
  }
  if (rc !== 'MEMORY_MB' && rc !== 'DISK_GB') {
    return {
      ...base,
      formula: 'capacity = (total − reserved) × allocation_ratio of the compute node provider',
      expression: 'max(0, (total - reserved) * allocation_ratio)',
      inputs: [
        input('total', `${rc} total`, inv.total, resourceUnit(rc)),
        input('reserved', `${rc} reserved`, inv.reserved, resourceUnit(rc)),
        input('allocation_ratio', `${rc} allocation ratio`, inv.allocationRatio, ''),
      ],
      source: PLACEMENT_SOURCE,
    };
  }
  if (rc === 'MEMORY_MB') {
    return {
      ...base,
      formula: 'capacity = (total − reserved) × allocation_ratio, total = floor(memory ÷ 2^20) MiB, reserved = ceil(reserved_host_memory ÷ 2^20) MiB, not below 0',
      expression: `max(0, (floor(memory / ${MIB}) - ceil(reserved / ${MIB})) * allocation_ratio)`,
      inputs: [
        input('memory', 'installed memory', hw.memory.sizeBytes, 'bytes', hwPath('memory', 'sizeBytes')),
        input('reserved', 'reserved_host_memory_mb', scenario.openstack.reserved.hostMemoryBytes, 'bytes', scenarioPath('openstack', 'reserved', 'hostMemoryBytes')),
        input('allocation_ratio', 'ram_allocation_ratio', scenario.openstack.allocationRatio.ram, '', scenarioPath('openstack', 'allocationRatio', 'ram')),
      ],
      source: `${PLACEMENT_SOURCE}; nova/conf/compute.py reserved_host_memory_mb (default 512), ram_allocation_ratio`,
    };
  }
  const lines = hw.disks.flatMap((d, i) => (d.use === 'ephemeral' ? [i] : []));
  const inputs: ExplainedInput[] = lines.flatMap((i, j) => [
    input(`c${j + 1}`, `ephemeral disks of line ${i + 1}`, hw.disks[i]!.count, 'disks', hwPath('disks', i, 'count')),
    input(`s${j + 1}`, `size of one disk of line ${i + 1}`, hw.disks[i]!.sizeBytes, 'bytes', hwPath('disks', i, 'sizeBytes')),
  ]);
  inputs.push(
    input('reserved', 'reserved_host_disk_mb', scenario.openstack.reserved.hostDiskBytes, 'bytes', scenarioPath('openstack', 'reserved', 'hostDiskBytes')),
    input('allocation_ratio', 'disk_allocation_ratio', scenario.openstack.allocationRatio.disk, '', scenarioPath('openstack', 'allocationRatio', 'disk')),
  );
  const disks = sum(lines.map((_, j) => `c${j + 1} * s${j + 1}`));
  return {
    ...base,
    formula: 'capacity = (total − reserved) × allocation_ratio, total = floor(Σ ephemeral disk bytes ÷ 2^30) GiB, reserved = ceil(reserved_host_disk_mb ÷ 1024) GiB, not below 0',
    expression: `max(0, (floor((${disks}) / ${GIB}) - ceil(reserved / ${MIB} / 1024)) * allocation_ratio)`,
    inputs,
    source: `${PLACEMENT_SOURCE}; nova/virt/libvirt/driver.py _get_local_gb_info; nova/compute/utils.py convert_mb_to_ceil_gb; disk_allocation_ratio`,
  };
}

/** Explanations of `plan.compute`. */
export function explainCompute(plan: PlanResult, out: ExplanationSet): void {
  const { scenario, compute } = plan;
  const byHardware = hostsByHardware(plan, 'compute').filter(([hw]) => compute.hosts.some((h) => h.hardware === hw));
  const inventoryOf = (hardware: string, rc: ResourceClass) => compute.hosts.find((h) => h.hardware === hardware)?.inventories.find((i) => i.resourceClass === rc);
  // a class on nested device providers (VGPU, CUSTOM_*): one host's capacity = Σ over its devices of count × perDevice
  const deviceLines = (hardware: string, rc: ResourceClass) => (scenario.hardware[hardware]?.devices ?? []).flatMap((d, j) => (d.resourceClass === rc ? [{ d, j }] : []));
  const capacityInput = (hardware: string, rc: ResourceClass, symbol: string): ExplainedInput[] => {
    const inv = inventoryOf(hardware, rc);
    if (inv) return [input(symbol, `${rc} capacity of one ${hardware} host`, inv.capacity, resourceUnit(rc), explainId.computeInventory(hardware, rc))];
    return deviceLines(hardware, rc).flatMap(({ d, j }) => [
      input(`${symbol}d${j + 1}`, `${d.name} devices per ${hardware} host`, d.count, 'devices', scenarioPath('hardware', hardware, 'devices', j, 'count')),
      input(
        `${symbol}p${j + 1}`,
        `${rc} per ${d.name} device (nested provider inventory, ratio 1.0)`,
        d.perDevice,
        resourceUnit(rc),
        scenarioPath('hardware', hardware, 'devices', j, 'perDevice'),
      ),
    ]);
  };
  const capacityTerm = (hardware: string, rc: ResourceClass, symbol: string): string =>
    inventoryOf(hardware, rc)
      ? symbol
      : `(${deviceLines(hardware, rc)
          .map(({ j }) => `${symbol}d${j + 1} * ${symbol}p${j + 1}`)
          .join(' + ')})`;

  for (const [hardware, hosts] of byHardware) {
    for (const inv of compute.hosts.find((h) => h.hardware === hardware)!.inventories) {
      out.add(inventoryExplanation(scenario, hardware, inv, hosts));
    }
  }

  const t = scenario.policy.tolerate;
  const losses = ['hosts', ...(t.racks > 0 ? ['racks'] : []), ...((t.zones ?? 0) > 0 ? ['zones'] : [])];
  const classes = (Object.keys(compute.totalCapacity) as ResourceClass[]).filter((rc) => compute.totalCapacity[rc] !== undefined);
  for (const rc of classes) {
    const unit = resourceUnit(rc);
    const models = byHardware.filter(([hw]) => inventoryOf(hw, rc) !== undefined || deviceLines(hw, rc).length > 0);
    out.add({
      id: explainId.computeTotal(rc),
      label: `Placement ${rc} capacity of all compute hosts`,
      value: compute.totalCapacity[rc]!,
      unit,
      formula: 'total = Σ over hardware models of hosts × capacity of one host',
      expression: sum(models.map(([hw], i) => `n${i + 1} * ${capacityTerm(hw, rc, `c${i + 1}`)}`)),
      inputs: models.flatMap(([hw, hosts], i) => [
        input(`n${i + 1}`, `compute hosts of ${hw}`, hosts.length, 'hosts', groupCountPath(scenario, 'compute', hw)),
        ...capacityInput(hw, rc, `c${i + 1}`),
      ]),
      source: 'headroom: Placement capacities of the compute hosts added up (DISK_GB only with local instance disks: with RBD every host reports the whole cluster)',
    });
    // headroom's N+1 policy per class (compute/tolerance.ts toleratedLosses): this class's own worst loss.
    const loss = compute.toleratedLosses?.[rc];
    const lostHosts = new Set(loss?.hosts ?? []);
    const gone = models.map(([hw, hosts]) => [hw, hosts.filter((h) => lostHosts.has(h))] as const).filter(([, hosts]) => hosts.length > 0);
    const what =
      !loss || loss.hosts.length === 0
        ? 'any host'
        : loss.kind === 'hosts'
          ? loss.hosts.join(', ')
          : `${loss.kind === 'racks' ? 'rack' : 'zone'} ${loss.domains.join(', ')}: ${loss.hosts.join(', ')}`;
    out.add({
      id: explainId.computeTolerated(rc),
      label: `Placement ${rc} capacity with its worst tolerated loss removed (without ${what})`,
      value: compute.toleratedCapacity[rc] ?? 0,
      unit,
      formula: `tolerated[${rc}] = total[${rc}] − max over the tolerated losses of their ${rc} capacity (each class its own worst loss); the losses: ${losses.map((k) => `the policy.tolerate.${k} ${k} with the most ${rc}`).join(', ')}`,
      expression: gone.length === 0 ? 'total' : `total - (${gone.map(([hw], i) => `k${i + 1} * ${capacityTerm(hw, rc, `c${i + 1}`)}`).join(' + ')})`,
      inputs: [
        input('total', `${rc} capacity of all compute hosts`, compute.totalCapacity[rc]!, unit, explainId.computeTotal(rc)),
        ...gone.flatMap(([hw, hosts], i) => [input(`k${i + 1}`, `removed ${hw} hosts (${hosts.join(', ')})`, hosts.length, 'hosts'), ...capacityInput(hw, rc, `c${i + 1}`)]),
      ],
      source: "headroom's N+1 policy [model] (compute/tolerance.ts toleratedLosses): each Placement resource class loses its own worst tolerated loss",
    });
  }

  // Month-0 demand: Σ count × request (compute/compute-plan.ts computeDemandMonth0, nova/scheduler/utils.py resources_from_flavor).
  const lines = scenario.demand.instances.flatMap((inst, i) => (Object.hasOwn(scenario.openstack.flavors, inst.flavor) ? [{ inst, i }] : []));
  const request: Record<string, { field: 'vcpus' | 'ramBytes' | 'diskBytes'; term: (s: string) => string; word: string; unit: string }> = {
    VCPU: { field: 'vcpus', term: (s) => s, word: 'vCPUs', unit: 'vCPU' },
    MEMORY_MB: { field: 'ramBytes', term: (s) => `ceil(${s} / ${MIB})`, word: 'RAM', unit: 'bytes' },
    DISK_GB: { field: 'diskBytes', term: (s) => `ceil(${s} / ${GIB})`, word: 'root disk', unit: 'bytes' },
  };
  const withSpecs = lines.some(({ inst }) => scenario.openstack.flavors[inst.flavor]!.extraSpecs !== undefined);
  for (const rc of Object.keys(compute.demandMonth0) as ResourceClass[]) {
    const r = request[rc];
    if (!r || withSpecs) {
      // Flavors with extra specs: the request of each flavor comes from compute/extra-specs.ts translateFlavor.
      out.add({
        id: explainId.computeDemand(rc),
        label: `Month-0 ${rc} demand of the instances`,
        value: compute.demandMonth0[rc]!,
        unit: resourceUnit(rc),
        formula: `demand = Σ instances × the flavor's ${rc} request (flavor and extra specs: hw:cpu_policy, resources:<CLASS>)`,
        expression: sum(lines.map((_, j) => `n${j + 1} * r${j + 1}`)),
        inputs: lines.flatMap(({ inst, i }, j) => [
          input(`n${j + 1}`, `instances of ${inst.flavor}`, inst.count, 'instances', scenarioPath('demand', 'instances', i, 'count')),
          input(
            `r${j + 1}`,
            `${rc} request of ${inst.flavor}`,
            flavorRequest(scenario.openstack.flavors[inst.flavor]!, scenario.openstack.ephemeralStorage)[rc] ?? 0,
            resourceUnit(rc),
            scenarioPath('openstack', 'flavors', inst.flavor),
          ),
        ]),
        source:
          'nova/scheduler/utils.py ResourceRequest.from_request_spec (_process_extra_specs, _translate_pinning_policies, then VCPU / MEMORY_MB / DISK_GB from the flavor); headroom sums the month-0 instance list',
      });
      continue;
    }
    out.add({
      id: explainId.computeDemand(rc),
      label: `Month-0 ${rc} demand of the instances`,
      value: compute.demandMonth0[rc]!,
      unit: resourceUnit(rc),
      formula:
        rc === 'VCPU'
          ? 'demand = Σ instances × flavor vCPUs'
          : rc === 'MEMORY_MB'
            ? 'demand = Σ instances × ceil(flavor RAM ÷ 2^20) MiB'
            : 'demand = Σ instances × ceil(flavor root disk ÷ 2^30) GiB (Nova root_gb is GiB)',
      expression: sum(lines.map((_, j) => `n${j + 1} * ${r.term(`f${j + 1}`)}`)),
      inputs: lines.flatMap(({ inst, i }, j) => [
        input(`n${j + 1}`, `instances of ${inst.flavor}`, inst.count, 'instances', scenarioPath('demand', 'instances', i, 'count')),
        input(`f${j + 1}`, `${r.word} of ${inst.flavor}`, scenario.openstack.flavors[inst.flavor]![r.field], r.unit, scenarioPath('openstack', 'flavors', inst.flavor, r.field)),
      ]),
      source: 'nova/scheduler/utils.py resources_from_flavor (VCPU = vcpus, MEMORY_MB = memory_mb, DISK_GB = root_gb + ephemeral_gb); headroom sums the month-0 instance list',
    });
  }

  explainGroups(plan, out);

  const withDemand = classes.filter((rc) => (compute.demandMonth0[rc] ?? 0) > 0);
  const instances = lines.reduce((s, { inst }) => s + inst.count, 0);
  out.add({
    id: explainId.computeMixFit(),
    label: 'Copies of the month-0 instance mix that fit on all compute hosts',
    value: compute.mixInstancesFit,
    unit: 'instances',
    formula: 'fit = floor(min over resource classes of total capacity ÷ (month-0 demand ÷ instances)); an upper bound: summing over hosts ignores bin-packing losses',
    ...(withDemand.length > 0 && instances > 0 ? { expression: `floor(min(${withDemand.map((_, i) => `cap${i + 1} / (d${i + 1} / instances)`).join(', ')}))` } : {}),
    inputs: [
      input('instances', 'instances at month 0 (Σ demand.instances[].count of known flavors)', instances, 'instances'),
      ...withDemand.flatMap((rc, i) => [
        input(`cap${i + 1}`, `${rc} capacity of all compute hosts`, compute.totalCapacity[rc]!, resourceUnit(rc), explainId.computeTotal(rc)),
        input(`d${i + 1}`, `month-0 ${rc} demand`, compute.demandMonth0[rc]!, resourceUnit(rc), explainId.computeDemand(rc)),
      ]),
    ],
    source: 'headroom [model] (compute/fit.ts mixFit)',
  });
}

/** Explanations of the host groups' resources (compute/host-groups.ts): `compute.group.<id>.<class>.capacity|tolerated|demand`. */
function explainGroups(plan: PlanResult, out: ExplanationSet): void {
  const { scenario, compute } = plan;
  for (const g of compute.groups ?? []) {
    for (const rc of Object.keys(g.demandMonth0) as ResourceClass[]) {
      const id = `compute.group.${g.id}.${rc.toLowerCase()}`;
      const unit = resourceUnit(rc);
      const loss = g.toleratedLosses[rc];
      out.add({
        id: `${id}.capacity`,
        label: `${rc} capacity of host group ${g.label}`,
        value: g.totalCapacity[rc] ?? 0,
        unit,
        formula: `capacity = Σ over the group's ${g.hosts.length} hosts of their ${rc} capacity (compute node and nested providers)`,
        inputs: [input('hosts', `hosts of the group (${hostNames(g.hosts)})`, g.hosts.length, 'hosts')],
        source: 'compute/host-groups.ts computeGroups [model]; Placement capacity = (total - reserved) x allocation_ratio per provider',
      });
      out.add({
        id: `${id}.tolerated`,
        label: `${rc} capacity of host group ${g.label} with its worst tolerated loss removed${loss && loss.hosts.length > 0 ? ` (without ${loss.hosts.join(', ')})` : ''}`,
        value: g.toleratedCapacity[rc] ?? 0,
        unit,
        formula: `tolerated = capacity − the ${rc} of the group's worst tolerated loss (N+1 inside the group)`,
        expression: 'capacity - lost',
        inputs: [
          input('capacity', `${rc} capacity of the group`, g.totalCapacity[rc] ?? 0, unit, `${id}.capacity`),
          input('lost', `${rc} of the lost ${loss?.kind ?? 'hosts'} ${loss?.domains.join(', ') ?? ''}`, loss?.capacity ?? 0, unit),
        ],
        source: "headroom's N+1 policy [model] per host group (compute/tolerance.ts toleratedLosses)",
      });
      const lines = g.demandLines.flatMap((i) => {
        const inst = scenario.demand.instances[i];
        return inst ? [{ inst, i }] : [];
      });
      out.add({
        id: `${id}.demand`,
        label: `Month-0 ${rc} demand confined to host group ${g.label}`,
        value: g.demandMonth0[rc] ?? 0,
        unit,
        formula: `demand = Σ instances × ${rc} request over the demand lines whose candidate hosts all lie in the group (flavors ${g.flavors.join(', ')})`,
        inputs: lines.flatMap(({ inst, i }, j) => [
          input(
            `n${j + 1}`,
            `instances of ${inst.flavor}${inst.availabilityZone !== undefined ? ` in zone ${inst.availabilityZone}` : ''}`,
            inst.count,
            'instances',
            scenarioPath('demand', 'instances', i, 'count'),
          ),
          input(
            `r${j + 1}`,
            `${rc} request of ${inst.flavor}`,
            flavorRequest(scenario.openstack.flavors[inst.flavor]!, scenario.openstack.ephemeralStorage)[rc] ?? 0,
            unit,
            scenarioPath('openstack', 'flavors', inst.flavor),
          ),
        ]),
        source: 'compute/host-groups.ts computeGroups [model]; nova/scheduler/utils.py ResourceRequest.from_request_spec',
      });
    }
  }
}
