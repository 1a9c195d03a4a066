/**
 * The failure topology's defaults: which switches and power feeds a rack has when the
 * scenario does not say, and the failure policy with its defaults filled. One place, used by
 * `normalize` (scenario files) and by the failure analysis (hand-built Scenario objects that
 * predate these keys), so both agree.
 */
import type { Rack, Role, Scenario } from '../model/scenario.js';
import type { FailurePolicy } from '../model/failure.js';

/** Power feeds of a rack by default: the A and B sides of a dual-fed rack (redundant PSUs corded to both). */
export const DEFAULT_POWER_FEEDS: readonly string[] = ['A', 'B'];

/** Roles that have hosts drained for maintenance by default. */
export const DEFAULT_MAINTENANCE_ROLES: readonly Role[] = ['control', 'compute', 'storage'];

/**
 * Top-of-rack switches of a rack by default: one pair, `<rack>-tor-a` and `<rack>-tor-b`,
 * with every server bonded to both (LACP/MLAG). Rack-qualified, because the same switch name
 * in two racks means one switch serving both. defaultRackSwitches('r1') = ['r1-tor-a', 'r1-tor-b'].
 */
export function defaultRackSwitches(rack: string): string[] {
  return [`${rack}-tor-a`, `${rack}-tor-b`];
}

/** The switches of a rack: as given, else the default pair. */
export function rackSwitches(rack: Rack): readonly string[] {
  return rack.switches && rack.switches.length > 0 ? rack.switches : defaultRackSwitches(rack.name);
}

/** The power feeds of a rack: as given, else A and B. */
export function rackPowerFeeds(rack: Rack): readonly string[] {
  return rack.powerFeeds && rack.powerFeeds.length > 0 ? rack.powerFeeds : DEFAULT_POWER_FEEDS;
}

/**
 * The failure policy with defaults filled: tolerate zones 0, switches 1, feeds 1 (any single
 * switch or feed: the reason racks have pairs of them); maintenance 0 hosts of control,
 * compute and storage. policy.tolerate.hosts and racks are the planning policy's own.
 */
export function failurePolicy(scenario: Scenario): FailurePolicy {
  const t = scenario.policy.tolerate;
  const m = scenario.policy.maintenance;
  return {
    tolerate: { hosts: t.hosts, racks: t.racks, zones: t.zones ?? 0, switches: t.switches ?? 1, feeds: t.feeds ?? 1 },
    maintenance: { hosts: m?.hosts ?? 0, roles: [...(m?.roles ?? DEFAULT_MAINTENANCE_ROLES)] },
  };
}
