/**
 * Mistakes in the `network:` section that are mistakes in the file, reported as
 * diagnostics with line:col (codes `net.*`, registered in diagnostics/codes.ts): text that
 * is not an address or a CIDR, overlapping subnets, duplicate VLAN IDs, a gateway or range
 * outside its subnet, references to ports, bonds, networks and switches that do not exist,
 * a port used twice. Checked on the raw YAML data, so they come together with schema
 * errors; every accessor is tolerant (a value of the wrong type is the schema's business).
 */
import type { RawIssue } from '../scenario/references.js';
import { BMC_LINK, parsePortId, portId } from '../model/network-config.js';
import { type Cidr, cidrRange, formatCidr, inRange, type IpRange, parseCidr, parseIp, parseRange, rangesOverlap, rangeWithin, usableRange } from './ip.js';

type Obj = Record<string, unknown>;
type Path = (string | number)[];
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

interface NetInfo {
  name?: string;
  cidr?: Cidr;
  vlan?: number;
  path: Path;
}

/** The schema's maximum of `nics[].ports` (model/schema.ts NicSchema). */
const MAX_PORTS_PER_CARD = 16;

/**
 * Port ids of one hardware model from its raw `nics` list: nic<card>p<port>, both from 0.
 * Undefined when a card's `ports` is not a count the schema accepts (a whole number, 1 to 16):
 * that is the schema's error, the ports are then unknown (not checked against), and
 * `ports: 100000000` never builds a hundred million port ids (issue 15).
 */
function portsOf(nics: unknown): string[] | undefined {
  const out: string[] = [];
  for (const [card, n] of list(nics).entries()) {
    const count = isObj(n) ? n.ports : undefined;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_PORTS_PER_CARD) return undefined;
    for (let p = 0; p < count; p++) out.push(portId(card, p));
  }
  return out;
}

/** Ranges of one network (reserved, pools, node range): parse and containment. */
function checkRanges(n: Obj, path: Path, cidr: Cidr | undefined, out: RawIssue[]): void {
  const usable = cidr ? usableRange(cidr) : undefined;
  const parsed: { r: IpRange; path: Path; key: string; text: string }[] = [];
  const one = (v: unknown, p: Path, key: string): void => {
    const text = str(v);
    if (text === undefined) return;
    const r = parseRange(text);
    if (!r) {
      out.push({
        code: 'net.range.invalid',
        path: p,
        message: `"${text}" is not an address range`,
        hint: 'write "first-last" with first <= last, e.g. "10.1.0.10-10.1.0.99", or one address',
      });
      return;
    }
    if (usable && !rangeWithin(usable, r)) {
      out.push({ code: 'net.range.outside', path: p, message: `${key} range "${text}" is not inside the usable addresses of ${formatCidr(cidr!)}` });
      return;
    }
    parsed.push({ r, path: p, key, text });
  };
  list(n.reserved).forEach((v, i) => one(v, [...path, 'reserved', i], 'reserved'));
  list(n.allocationPools).forEach((v, i) => one(v, [...path, 'allocationPools', i], 'allocation pool'));
  if (n.nodeRange !== undefined) one(n.nodeRange, [...path, 'nodeRange'], 'node');
  // Pools and the node range must not overlap one another (reserved ranges may overlap anything).
  const claimed = parsed.filter((x) => x.key !== 'reserved');
  claimed.forEach((x, i) => {
    const other = claimed.slice(0, i).find((y) => rangesOverlap(x.r, y.r));
    if (other)
      out.push({
        code: 'net.range.overlap',
        path: x.path,
        message: `${x.key} range "${x.text}" overlaps ${other.key} range "${other.text}"`,
        hint: 'Neutron would hand out addresses the hosts already use',
      });
  });
}

function checkNetworks(network: Obj, out: RawIssue[]): NetInfo[] {
  const infos: NetInfo[] = [];
  let defaultRoutes = 0;
  list(network.networks).forEach((n, i) => {
    if (!isObj(n)) return;
    const path: Path = ['network', 'networks', i];
    const info: NetInfo = { path };
    const name = str(n.name);
    if (name !== undefined) {
      if (infos.some((x) => x.name === name)) out.push({ code: 'net.duplicate_name', path: [...path, 'name'], message: `network "${name}" is defined twice` });
      info.name = name;
    }
    const cidrText = str(n.cidr);
    if (cidrText !== undefined) {
      const c = parseCidr(cidrText);
      if (!c.ok) {
        out.push({
          code: 'net.cidr.invalid',
          path: [...path, 'cidr'],
          message: `"${cidrText}" is not a CIDR block`,
          hint: 'write address/prefix, e.g. "10.1.0.0/24" or "2001:db8:1::/64"',
        });
      } else if (c.hostBitsSet) {
        out.push({ code: 'net.cidr.host_bits', path: [...path, 'cidr'], message: `"${cidrText}" has host bits set`, hint: `did you mean "${formatCidr(c.cidr)}"?` });
      } else {
        info.cidr = c.cidr;
        const clash = infos.find((x) => x.cidr && rangesOverlap(cidrRange(x.cidr), cidrRange(c.cidr)));
        if (clash)
          out.push({
            code: 'net.cidr.overlap',
            path: [...path, 'cidr'],
            message: `${formatCidr(c.cidr)} overlaps ${formatCidr(clash.cidr!)} of network "${clash.name ?? '?'}"`,
            hint: 'two subnets on one cloud must not share addresses',
          });
      }
    }
    if (typeof n.vlan === 'number') {
      // Dual stack: an IPv4 and an IPv6 network may share a VLAN (one layer-2 segment).
      const dup = infos.find((x) => x.vlan === n.vlan && !(x.cidr && info.cidr && x.cidr.family !== info.cidr.family));
      if (dup)
        out.push({
          code: 'net.vlan.duplicate',
          path: [...path, 'vlan'],
          message: `VLAN ${n.vlan} is already used by network "${dup.name ?? '?'}"`,
          hint: 'one VLAN is one layer-2 domain: give each network its own VLAN ID',
        });
      info.vlan = n.vlan;
    }
    const gw = str(n.gateway);
    if (gw !== undefined) {
      const ip = parseIp(gw);
      if (!ip) out.push({ code: 'net.address.invalid', path: [...path, 'gateway'], message: `"${gw}" is not an IP address` });
      else if (info.cidr && !inRange(usableRange(info.cidr), ip)) {
        out.push({ code: 'net.gateway.outside', path: [...path, 'gateway'], message: `gateway ${gw} is not a usable address of ${formatCidr(info.cidr)}` });
      }
    }
    checkRanges(n, path, info.cidr, out);
    if (n.overlay !== undefined && n.purpose !== 'tunnel') {
      out.push({ code: 'net.overlay.not_tunnel', path: [...path, 'overlay'], message: 'only a tunnel network carries an overlay', hint: 'set purpose: tunnel, or remove overlay' });
    }
    if (n.defaultRoute === true) {
      defaultRoutes++;
      if (defaultRoutes > 1)
        out.push({
          code: 'net.default_route.multiple',
          path: [...path, 'defaultRoute'],
          message: 'a second network is marked as the default route',
          hint: 'hosts have one default route per address family',
        });
      if (gw === undefined) out.push({ code: 'net.default_route.no_gateway', path: [...path, 'defaultRoute'], message: 'the default-route network has no gateway' });
    }
    infos.push(info);
  });
  return infos;
}

function checkVips(network: Obj, names: string[], out: RawIssue[]): void {
  const vips = isObj(network.vips) ? network.vips : {};
  for (const key of ['internal', 'external'] as const) {
    const v = str(vips[key]);
    if (v !== undefined && !parseIp(v)) out.push({ code: 'net.address.invalid', path: ['network', 'vips', key], message: `"${v}" is not an IP address` });
  }
  const api = str(vips.apiNetwork);
  if (api !== undefined && !names.includes(api)) out.push(unknown('net.ref.unknown_network', ['network', 'vips', 'apiNetwork'], 'network', api, names));
}

function unknown(code: string, path: Path, what: string, name: string, known: readonly string[]): RawIssue {
  return { code, path, message: `unknown ${what} "${name}"`, hint: known.length > 0 ? `known: ${known.join(', ')}` : `no ${what} is defined` };
}

/** Ports every hardware model of `role` has (the intersection), and the models' names. */
function rolePorts(raw: Obj, role: string): { ports: string[] | undefined; models: string[] } {
  const hardware = isObj(raw.hardware) ? raw.hardware : {};
  const models = [
    ...new Set(
      list(raw.nodes)
        .filter((g) => isObj(g) && g.role === role)
        .map((g) => str((g as Obj).hardware))
        .filter((h): h is string => h !== undefined && isObj(hardware[h])),
    ),
  ];
  if (models.length === 0) return { ports: undefined, models };
  const sets = models.map((m) => portsOf((hardware[m] as Obj).nics));
  if (sets.some((s) => s === undefined)) return { ports: undefined, models };
  const known = sets as string[][];
  return { ports: known[0]!.filter((p) => known.every((s) => s.includes(p))), models };
}

function checkRole(raw: Obj, role: string, r: Obj, nets: NetInfo[], switches: string[], out: RawIssue[]): void {
  const base: Path = ['network', 'roles', role];
  const { ports, models } = rolePorts(raw, role);
  const portKnown = (id: string): boolean => (ports ? ports.includes(id) : parsePortId(id) !== undefined);
  const portHint = (): string =>
    `${models.join(', ')} ${models.length === 1 ? 'has' : 'have'} ports ${ports?.join(', ') || '(none)'} (nic<card>p<port>, from 0, in the order of nics)`;
  const badPort = (path: Path, id: string, atKey = false): void => {
    const issue: RawIssue = { code: 'net.ref.unknown_port', path, message: `port "${id}" does not exist on the ${role} hardware`, hint: portHint() };
    if (atKey) issue.atKey = true;
    out.push(issue);
  };

  if (isObj(r.ports)) {
    for (const [id, p] of Object.entries(r.ports)) {
      if (!portKnown(id)) badPort([...base, 'ports', id], id, true);
      const sw = isObj(p) ? str(p.switch) : undefined;
      if (sw !== undefined && switches.length > 0 && !switches.includes(sw)) out.push(unknown('net.ref.unknown_switch', [...base, 'ports', id, 'switch'], 'switch', sw, switches));
    }
  }

  const bondNames: string[] = [];
  const memberOf = new Map<string, string>();
  list(r.bonds).forEach((b, i) => {
    if (!isObj(b)) return;
    const path: Path = [...base, 'bonds', i];
    const name = str(b.name);
    if (name !== undefined) {
      if (bondNames.includes(name) || parsePortId(name) || name === BMC_LINK)
        out.push({ code: 'net.duplicate_name', path: [...path, 'name'], message: `"${name}" is already a bond or a port name` });
      bondNames.push(name);
    }
    const members = list(b.members).map(str);
    members.forEach((m, j) => {
      if (m === undefined) return;
      if (!portKnown(m)) badPort([...path, 'members', j], m);
      else if (memberOf.has(m)) out.push({ code: 'net.port.reused', path: [...path, 'members', j], message: `port ${m} is already a member of ${memberOf.get(m)}` });
      else memberOf.set(m, name ?? `bond ${i}`);
    });
    const mode = str(b.mode);
    if (b.hashPolicy !== undefined && mode === 'active-backup')
      out.push({
        code: 'net.bond.option',
        path: [...path, 'hashPolicy'],
        message: 'active-backup sends on one link: a transmit hash policy does not apply',
        hint: 'remove hashPolicy, or use 802.3ad or balance-xor',
      });
    if (b.lacpRate !== undefined && mode !== '802.3ad')
      out.push({ code: 'net.bond.option', path: [...path, 'lacpRate'], message: 'lacpRate applies to 802.3ad (LACP) bonds only' });
    const primary = str(b.primary);
    if (primary !== undefined && (mode !== 'active-backup' || !members.includes(primary))) {
      out.push({
        code: 'net.bond.option',
        path: [...path, 'primary'],
        message: mode !== 'active-backup' ? 'primary applies to active-backup bonds only' : `primary ${primary} is not a member of the bond`,
      });
    }
  });

  const netNames = nets.map((n) => n.name).filter((n): n is string => n !== undefined);
  const seen = new Set<string>();
  const untaggedOn = new Map<string, string>();
  list(r.networks).forEach((a, i) => {
    if (!isObj(a)) return;
    const path: Path = [...base, 'networks', i];
    const net = str(a.network);
    const info = nets.find((n) => n.name === net);
    if (net !== undefined) {
      if (!info) out.push(unknown('net.ref.unknown_network', [...path, 'network'], 'network', net, netNames));
      else if (seen.has(net)) out.push({ code: 'net.attach.duplicate', path: [...path, 'network'], message: `network "${net}" is attached twice to role ${role}` });
      seen.add(net);
    }
    const on = str(a.on);
    if (on === undefined) return;
    if (on !== BMC_LINK && !bondNames.includes(on)) {
      if (!parsePortId(on)) out.push(unknown('net.ref.unknown_link', [...path, 'on'], 'bond or port', on, [...bondNames, ...(ports ?? []), BMC_LINK]));
      else if (!portKnown(on)) badPort([...path, 'on'], on);
      else if (memberOf.has(on))
        out.push({
          code: 'net.port.reused',
          path: [...path, 'on'],
          message: `port ${on} is a member of ${memberOf.get(on)}: attach the network to the bond`,
          hint: `on: ${memberOf.get(on)}`,
        });
    }
    if (a.untagged === false && info && info.vlan === undefined) {
      out.push({ code: 'net.attach.tagged_without_vlan', path: [...path, 'untagged'], message: `network "${net}" has no VLAN ID to tag with` });
    }
    const untagged = a.untagged === true || (info !== undefined && info.vlan === undefined);
    if (untagged && on !== BMC_LINK && net !== undefined) {
      // one untagged network per link and address family (dual stack shares the native VLAN)
      const key = `${on}|${info?.cidr?.family ?? '?'}`;
      const other = untaggedOn.get(key);
      if (other !== undefined)
        out.push({
          code: 'net.attach.untagged_twice',
          path: [...path, 'on'],
          message: `${on} already carries network "${other}" untagged`,
          hint: 'a link has one untagged (native) network per address family; tag the others with their VLAN',
        });
      else untaggedOn.set(key, net);
    }
  });
}

/**
 * Every `net.*` diagnostic of the raw `network:` section (empty when there is none).
 * Paths point at the offending value (or the key, for unknown ports in `ports:`).
 */
export function checkNetworkReferences(raw: Obj): RawIssue[] {
  const network = raw.network;
  if (!isObj(network)) return [];
  const out: RawIssue[] = [];
  const nets = checkNetworks(network, out);
  checkVips(
    network,
    nets.map((n) => n.name).filter((n): n is string => n !== undefined),
    out,
  );
  const switches: string[] = [];
  list(network.switches).forEach((s, i) => {
    const name = isObj(s) ? str(s.name) : undefined;
    if (name === undefined) return;
    if (switches.includes(name)) out.push({ code: 'net.duplicate_name', path: ['network', 'switches', i, 'name'], message: `switch "${name}" is defined twice` });
    switches.push(name);
  });
  const roles = isObj(network.roles) ? network.roles : {};
  for (const [role, r] of Object.entries(roles)) if (isObj(r)) checkRole(raw, role, r, nets, switches, out);
  return out;
}
