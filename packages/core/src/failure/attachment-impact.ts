/**
 * What losing a switch or a power feed does to the hosts attached to it: hosts with another
 * link (feed) keep running with less redundancy; hosts with nothing left are cut off
 * (unpowered), and count as lost in the compute, control and Ceph impacts of that domain.
 */
import { circuitText } from '../racks/feeds.js';
import type { Rack } from '../model/scenario.js';
import { fmtNumber } from '../units/format.js';
import type { FeedTrip } from './feed-load.js';
import { makeHarm, nameList } from './harm.js';
import type { AttachmentImpactDetail, FailureDomain, FailureHarm } from '../model/failure.js';

/** The network (switch) or power (feed) outcome of one domain. */
export interface AttachmentOutcome {
  detail: AttachmentImpactDetail;
  harms: FailureHarm[];
  message: string;
}

/**
 * The outcome of a `switch` or `feed` domain: harm `degraded` (`failure.network.cut_off` or
 * `failure.power.unpowered`, month 0) when some host loses every link or feed; the harm this
 * does to the cloud shows in the domain's compute, control and Ceph impacts. Hosts left with
 * one link or feed are no harm: that is what the pair is for. Undefined for other kinds.
 * Attachments are the rack default (every host on all of its rack's switches and feeds).
 * A feed whose loss trips racks (`trips`: their remaining feeds cannot carry their maximum
 * draw, failure/feed-load.ts) is an `outage` (`failure.power.rack_tripped`, month 0) for
 * those racks: all of their hosts are in `hostsLost`.
 */
export function attachmentImpact(domain: FailureDomain, trips: readonly FeedTrip[] = [], racks: readonly Rack[] = []): AttachmentOutcome | undefined {
  if (domain.kind !== 'switch' && domain.kind !== 'feed') return undefined;
  const isSwitch = domain.kind === 'switch';
  if (!isSwitch && trips.length > 0) return tripImpact(domain, trips, racks);
  const lost = domain.hostsLost.length;
  const degraded = domain.hostsDegraded.length;
  const detail: AttachmentImpactDetail = { hostsAttached: lost + degraded, hostsLost: lost, hostsDegraded: degraded, source: 'default' };
  const verb = isSwitch ? 'cut off from the network' : 'without power';
  const keep = isSwitch ? 'keep one link (no redundancy, half the bonded bandwidth)' : 'keep one feed (no redundancy)';
  const assumed = isSwitch ? "; links assumed: every host bonded to all of its rack's switches" : '';
  const kept = degraded > 0 ? `${fmtNumber(degraded)} host${degraded === 1 ? '' : 's'} ${keep}` : '';
  if (lost === 0) {
    return { detail, harms: [], message: `${kept || 'No host attached'}${assumed}.` };
  }
  const message = `${fmtNumber(lost)} host${lost === 1 ? ' is' : 's are'} ${verb}: ${nameList(domain.hostsLost)} (${isSwitch ? 'single-homed to it' : 'corded only to it'}).${kept ? ` ${kept}.` : ''}`;
  return {
    detail,
    harms: [
      makeHarm(domain, {
        code: isSwitch ? 'failure.network.cut_off' : 'failure.power.unpowered',
        harm: 'degraded',
        month: 0,
        message,
        value: lost,
        limit: 0,
        unit: 'hosts',
      }),
    ],
    message: assumed ? `${message.replace(/\.$/, '')}${assumed}.` : message,
  };
}

/** The outcome of a feed loss that trips racks (see attachmentImpact). */
function tripImpact(domain: FailureDomain, trips: readonly FeedTrip[], racks: readonly Rack[]): AttachmentOutcome {
  const byName = new Map(racks.map((r) => [r.name, r]));
  const tripped = new Set(trips.flatMap((t) => t.hosts));
  const lost = domain.hostsLost.length;
  const degraded = domain.hostsDegraded.length;
  const detail: AttachmentImpactDetail = { hostsAttached: lost + degraded, hostsLost: lost, hostsDegraded: degraded, source: 'default' };
  const racksText = trips
    .map((t) => {
      const c = byName.get(t.rack)?.feed;
      return `rack ${t.rack} draws up to ${fmtNumber(t.drawWatts)} W and its ${t.feedsLeft === 1 ? 'other feed carries' : `${t.feedsLeft} other feeds carry`} ${fmtNumber(Math.round(t.leftWatts))} W${c ? ` (${circuitText(c)} each)` : ''}`;
    })
    .join('; ');
  const alone = domain.hostsLost.filter((h) => !tripped.has(h));
  const message = `${trips.length === 1 ? 'A rack loses' : `${trips.length} racks lose`} power: ${racksText}. The remaining breaker${trips.length === 1 && trips[0]!.feedsLeft === 1 ? '' : 's'} trip${trips.length === 1 && trips[0]!.feedsLeft === 1 ? 's' : ''} and ${fmtNumber(tripped.size)} host${tripped.size === 1 ? '' : 's'} go down: ${nameList([...tripped])}.${alone.length > 0 ? ` ${nameList(alone)} ${alone.length === 1 ? 'is' : 'are'} corded only to it.` : ''}${degraded > 0 ? ` ${fmtNumber(degraded)} host${degraded === 1 ? '' : 's'} keep one feed (no redundancy).` : ''}`;
  return {
    detail,
    harms: [
      makeHarm(domain, { code: 'failure.power.rack_tripped', harm: 'outage', month: 0, message, value: trips[0]!.drawWatts, limit: Math.round(trips[0]!.leftWatts), unit: 'W' }),
    ],
    message,
  };
}
