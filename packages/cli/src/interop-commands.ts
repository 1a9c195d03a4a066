/**
 * Round trip with the tools the cloud is built with:
 *   headroom kolla export <scenario> --inventory <file> --globals <file> [--template <multinode>]
 *   headroom kolla import --inventory <file> [--globals <file>] [--scenario <base>] [-o <out.yaml>]
 * (and cephadm, netbox, redfish, drift: interop-more-commands.ts). Every file is read
 * bounded (io.readFile) and written atomically (io.writeFileAtomic); an export is first read
 * back by its importer and written only when it loads back to the same node groups.
 *
 * Exit codes: 0 written (or printed); 1 an export refused because of error findings (what
 * Kolla-Ansible's prechecks would refuse); 2 an input is unreadable or malformed (positioned
 * diagnostics on stderr), or an output cannot be written; 3 the export does not read back.
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic, Finding, ImportedNodeGroup, NodeGroup, Scenario } from '@headroom/core';
import { ExitCode } from './exit-codes.js';
import { formatDiagnostics } from './format-diagnostics.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';
import { formatOption, yamlText } from './output-format.js';

type CoreModule = typeof import('@headroom/core');

export interface InteropContext {
  io: CliIo;
  colorErr: boolean;
  loadCore(): Promise<CoreModule>;
  loadScenario(file: string): Promise<{ ok: true; scenario: Scenario; diagnostics: Diagnostic[] } | { ok: false; exitCode: number }>;
}

const abs = (io: CliIo, p: string): string => (isAbsolute(p) ? p : resolve(io.cwd, p));

/** Reads a file named on the command line; undefined (and a message on stderr) when it cannot be read. */
export async function readNamed(io: CliIo, path: string): Promise<string | undefined> {
  try {
    return await io.readFile(abs(io, path));
  } catch (error) {
    if (!isFsError(error)) throw error;
    io.stderr.write(`headroom: cannot read ${path}: ${describeFsError(error)}\n`);
    return undefined;
  }
}

/** Writes files atomically, one after the other; false (and a message) at the first failure. */
export async function writeAll(io: CliIo, files: readonly { path: string; text: string }[]): Promise<boolean> {
  for (const f of files) {
    try {
      await io.writeFileAtomic(abs(io, f.path), f.text);
    } catch (error) {
      if (!isFsError(error)) throw error;
      io.stderr.write(`headroom: cannot write ${f.path}: ${describeFsError(error, true)}\n`);
      return false;
    }
  }
  return true;
}

/** Findings as lines: `error kolla.vip.missing  kolla_internal_vip_address: ...`. */
export function findingLines(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity.padEnd(7)} ${f.code}  ${f.subject}: ${f.message}${f.source ? `\n        source: ${f.source}` : ''}\n`).join('');
}

/** The node groups compared: role, hardware, count, name prefix, rack (placement only matters without a rack). */
export function sameNodeGroups(a: readonly NodeGroup[], b: readonly NodeGroup[]): string[] {
  const key = (g: NodeGroup) => `${g.role} ${g.hardware} x${g.count} ${g.namePrefix}${g.rack !== undefined ? ` rack ${g.rack}` : ` ${g.placement}`}`;
  const ka = a.map(key);
  const kb = b.map(key);
  const out: string[] = [];
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) if (ka[i] !== kb[i]) out.push(`group ${i + 1}: scenario ${ka[i] ?? '(none)'}, read back ${kb[i] ?? '(none)'}`);
  return out;
}

interface KollaExportOptions {
  inventory: string;
  globals: string;
  template?: string;
}

async function kollaExportCommand(ctx: InteropContext, file: string, options: KollaExportOptions): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  let template: string | undefined;
  if (options.template !== undefined) {
    template = await readNamed(ctx.io, options.template);
    if (template === undefined) return ExitCode.InvalidInput;
  }
  const out = core.kollaExport(loaded.scenario, template !== undefined ? { template } : {});
  if (out.findings.length > 0) ctx.io.stderr.write(findingLines(out.findings));
  if (out.findings.some((f) => f.severity === 'error')) {
    ctx.io.stderr.write(`headroom: Kolla-Ansible would refuse this plan (errors above); nothing written\n`);
    return ExitCode.Findings;
  }
  // read back: the inventory must give the scenario's node groups again
  const back = core.importKolla({ inventory: { text: out.inventory, file: options.inventory }, globals: { text: out.globals, file: options.globals }, base: loaded.scenario });
  const diff = sameNodeGroups(
    loaded.scenario.nodes.filter((g) => g.count > 0),
    core.importedNodeGroups(back.groups),
  );
  const errors = back.diagnostics.filter((d) => d.severity === 'error');
  if (diff.length > 0 || errors.length > 0) {
    ctx.io.stderr.write(`headroom: internal error: the inventory does not read back to the scenario's node groups; nothing written\n${diff.map((d) => `  ${d}\n`).join('')}`);
    if (errors.length > 0)
      ctx.io.stderr.write(
        formatDiagnostics(
          errors,
          new Map([
            [options.inventory, out.inventory],
            [options.globals, out.globals],
          ]),
          { color: ctx.colorErr },
        ),
      );
    return ExitCode.InternalError;
  }
  if (
    !(await writeAll(ctx.io, [
      { path: options.inventory, text: out.inventory },
      { path: options.globals, text: out.globals },
    ]))
  )
    return ExitCode.InvalidInput;
  const roles = ['control', 'compute', 'storage', 'deploy'].map((r) => `${out.hosts.filter((h) => h.role === r).length} ${r}`).join(', ');
  ctx.io.stdout.write(`wrote ${options.inventory} (${out.hosts.length} hosts: ${roles}) and ${options.globals} (${Object.keys(out.globalsValues).length} keys)\n`);
  return ExitCode.Ok;
}

interface KollaImportOptions {
  inventory: string;
  globals?: string;
  scenario?: string;
  output?: string;
  format: 'text' | 'json' | 'yaml';
}

/** The import as text: the node groups, the interfaces, what was not mapped. */
export function kollaImportText(
  groups: readonly ImportedNodeGroup[],
  read: {
    interfaces: { key: string; value: string; from: string; expected?: Record<string, string | undefined> }[];
    vips: { internal?: string; external?: string };
    cephSwitches: Record<string, string>;
  },
): string {
  const lines: string[] = ['node groups:'];
  for (const g of groups) {
    lines.push(
      `  ${g.role.padEnd(8)} ${String(g.count).padStart(4)} x ${g.hardware ?? '(hardware unknown)'}  names ${g.hosts[0]?.name}..${g.hosts[g.hosts.length - 1]?.name}${g.rack ? `  rack ${g.rack}` : ''}`,
    );
  }
  if (read.interfaces.length > 0) {
    lines.push('interfaces:');
    for (const i of read.interfaces) {
      const want = i.expected
        ? Object.entries(i.expected)
            .filter(([, v]) => v !== undefined)
            .map(([r, v]) => `${r} ${v}`)
            .join(', ')
        : '';
      lines.push(`  ${i.key} = ${i.value}  (${i.from})${want ? `; the scenario: ${want}` : ''}`);
    }
  }
  if (read.vips.internal || read.vips.external) lines.push(`VIPs: internal ${read.vips.internal ?? '-'}, external ${read.vips.external ?? '(the internal one)'}`);
  const ceph = Object.entries(read.cephSwitches);
  if (ceph.length > 0) lines.push(`external Ceph: ${ceph.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

async function kollaImportCommand(ctx: InteropContext, options: KollaImportOptions): Promise<number> {
  const core = await ctx.loadCore();
  if (options.output !== undefined && options.scenario === undefined) {
    ctx.io.stderr.write('headroom: -o needs --scenario: the inventory gives hosts and roles; hardware, racks and demand come from the base scenario\n');
    return ExitCode.InvalidInput;
  }
  const inventory = await readNamed(ctx.io, options.inventory);
  const globals = options.globals !== undefined ? await readNamed(ctx.io, options.globals) : undefined;
  if (inventory === undefined || (options.globals !== undefined && globals === undefined)) return ExitCode.InvalidInput;
  let base: Scenario | undefined;
  let baseText: string | undefined;
  if (options.scenario !== undefined) {
    const loaded = await ctx.loadScenario(options.scenario);
    if (!loaded.ok) return loaded.exitCode;
    base = loaded.scenario;
    baseText = await readNamed(ctx.io, options.scenario);
    if (baseText === undefined) return ExitCode.InvalidInput;
  }
  const read = core.importKolla({
    inventory: { text: inventory, file: options.inventory },
    ...(globals !== undefined ? { globals: { text: globals, file: options.globals! } } : {}),
    ...(base ? { base } : {}),
  });
  const sources = new Map([[options.inventory, inventory], ...(globals !== undefined ? [[options.globals!, globals] as [string, string]] : [])]);
  if (read.diagnostics.length > 0) ctx.io.stderr.write(formatDiagnostics(read.diagnostics, sources, { color: ctx.colorErr }));
  if (read.diagnostics.some((d) => d.severity === 'error')) return ExitCode.InvalidInput;
  if (options.output === undefined) {
    ctx.io.stdout.write(options.format === 'json' ? `${JSON.stringify(read, null, 2)}\n` : options.format === 'yaml' ? await yamlText(read) : kollaImportText(read.groups, read));
    return ExitCode.Ok;
  }
  const nodes = core.importedNodeGroups(read.groups);
  const set = base?.network && read.vips.internal !== undefined ? [{ path: ['network', 'vips', 'internal'], value: read.vips.internal }] : [];
  const text = core.replaceScenarioSections(baseText!, nodes, `nodes read from the Kolla-Ansible inventory ${options.inventory} by headroom kolla import`, set);
  const check = core.parseScenario(text, { fileName: options.output });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !check.scenario) {
    ctx.io.stderr.write(formatDiagnostics(errors, new Map([[options.output, text]]), { color: ctx.colorErr }));
    ctx.io.stderr.write(`headroom: the imported scenario does not load (errors above); nothing written to ${options.output}\n`);
    return ExitCode.InvalidInput;
  }
  for (const m of core.rackMismatches(check.scenario, read.groups))
    ctx.io.stderr.write(`headroom: warning: ${m.host} is in rack ${m.inventory} in the inventory, the plan places it in ${m.planned}\n`);
  if (!(await writeAll(ctx.io, [{ path: options.output, text }]))) return ExitCode.InvalidInput;
  ctx.io.stdout.write(`wrote ${options.output}: ${nodes.length} node groups, ${nodes.reduce((s, g) => s + g.count, 0)} hosts from ${options.inventory}\n`);
  return ExitCode.Ok;
}

/** Registers `headroom kolla export|import`. */
export function registerKollaCommands(program: Command, ctx: InteropContext, setExitCode: (code: number) => void): void {
  const kolla = program.command('kolla').description('Kolla-Ansible: the plan as a multinode inventory and globals.yml, and back');
  kolla
    .command('export')
    .description(
      "write the scenario's hosts as a Kolla-Ansible multinode inventory and the globals.yml keys the plan decides (VIPs, interfaces, external Ceph); checked as Kolla's prechecks do",
    )
    .argument('<scenario>', 'scenario file')
    .requiredOption('--inventory <file>', 'the multinode inventory to write (atomically)')
    .requiredOption('--globals <file>', 'the globals.yml keys to write (atomically; merge them into /etc/kolla/globals.yml)')
    .option('--template <multinode>', "your Kolla-Ansible release's ansible/inventory/multinode (default: the one of kolla-ansible 1a681814)")
    .action(async (file: string, options: KollaExportOptions) => setExitCode(await kollaExportCommand(ctx, file, options)));
  kolla
    .command('import')
    .description('read a Kolla-Ansible inventory (INI or `ansible-inventory --list` JSON) and globals.yml: node groups, interfaces, VIPs; what could not be mapped is reported')
    .requiredOption('--inventory <file>', 'multinode (INI) or the JSON of ansible-inventory --list')
    .option('--globals <file>', 'globals.yml')
    .option('--scenario <file>', 'the base scenario (hardware, racks, network) the inventory is read against')
    .option('-o, --output <file>', 'write the base scenario with its nodes replaced (atomically; only when it loads)')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text', 'output format without -o'))
    .action(async (options: KollaImportOptions) => setExitCode(await kollaImportCommand(ctx, options)));
}

async function cephadmExportCommand(ctx: InteropContext, file: string, options: { output: string }): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  const plan = core.evaluate(loaded.scenario);
  const out = core.cephadmExport(loaded.scenario, plan);
  if (out.findings.length > 0) ctx.io.stderr.write(findingLines(out.findings));
  if (out.osdSpecs.length === 0 && out.mon.length === 0) {
    ctx.io.stderr.write(`headroom: ${file} has no storage host and no Ceph monitor: no cephadm spec to write\n`);
    return ExitCode.InvalidInput;
  }
  // read back: the specs must make the planned OSDs on every storage host
  const back = core.readCephadmSpecs(out.text, options.output);
  const wrong = core.osdCounts(back, loaded.scenario).filter((c) => c.planned !== c.fromSpecs);
  if (back.diagnostics.some((d) => d.severity === 'error') || wrong.length > 0) {
    ctx.io.stderr.write(
      `headroom: internal error: the specs do not read back to the planned OSDs; nothing written\n${wrong.map((w) => `  ${w.host}: planned ${w.planned}, specs ${w.fromSpecs}\n`).join('')}`,
    );
    return ExitCode.InternalError;
  }
  if (!(await writeAll(ctx.io, [{ path: options.output, text: out.text }]))) return ExitCode.InvalidInput;
  ctx.io.stdout.write(
    `wrote ${options.output}: ${out.hosts.length} host specs, mon on ${out.mon.length}, mgr on ${out.mgr.length}, ${out.osdSpecs.map((o) => `${o.serviceId} (${o.osdsPerHost} OSDs x ${o.hosts.length} hosts)`).join(', ')}\n`,
  );
  return ExitCode.Ok;
}

async function cephadmImportCommand(ctx: InteropContext, specsFile: string, options: { scenario: string; format: 'text' | 'json' | 'yaml' }): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(options.scenario);
  if (!loaded.ok) return loaded.exitCode;
  const text = await readNamed(ctx.io, specsFile);
  if (text === undefined) return ExitCode.InvalidInput;
  const read = core.readCephadmSpecs(text, specsFile);
  if (read.diagnostics.length > 0) ctx.io.stderr.write(formatDiagnostics(read.diagnostics, new Map([[specsFile, text]]), { color: ctx.colorErr }));
  if (read.diagnostics.some((d) => d.severity === 'error')) return ExitCode.InvalidInput;
  const counts = core.osdCounts(read, loaded.scenario);
  if (options.format === 'json' || options.format === 'yaml') {
    const data = { hosts: read.hosts, services: read.services, osds: counts };
    ctx.io.stdout.write(options.format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : await yamlText(data));
    return ExitCode.Ok;
  }
  const lines = ['storage host    hardware          planned OSDs  OSDs the specs make  specs'];
  for (const c of counts)
    lines.push(`${c.host.padEnd(15)} ${c.hardware.padEnd(17)} ${String(c.planned).padStart(12)}  ${String(c.fromSpecs).padStart(19)}  ${c.specs.join(', ') || '(none places it)'}`);
  for (const s of read.services.filter((x) => x.serviceType === 'mon' || x.serviceType === 'mgr'))
    lines.push(
      `${s.serviceType}: ${s.placement.hosts.join(', ') || (s.placement.label ? `label ${s.placement.label}` : (s.placement.hostPattern ?? '-'))}${s.placement.count ? ` (count ${s.placement.count})` : ''}`,
    );
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.Ok;
}

/** Registers `headroom cephadm export|import`. */
export function registerCephadmCommands(program: Command, ctx: InteropContext, setExitCode: (code: number) => void): void {
  const cephadm = program.command('cephadm').description('cephadm: service specs (hosts, mon, mgr, OSD drive groups) for the storage hosts the plan buys, and back');
  cephadm
    .command('export')
    .description(
      'write the cephadm service specs (`ceph orch apply -i`): host specs, mon and mgr placement, OSD drive groups with data and DB devices by rotational and size, db_slots',
    )
    .argument('<scenario>', 'scenario file')
    .requiredOption('-o, --output <file>', 'the spec file to write (atomically)')
    .action(async (file: string, options: { output: string }) => setExitCode(await cephadmExportCommand(ctx, file, options)));
  cephadm
    .command('import')
    .description("read cephadm specs (`ceph orch ls --export`) against a scenario: the OSDs their drive groups make on each storage host's disks, mon and mgr placement")
    .argument('<specs>', 'the YAML spec file')
    .requiredOption('--scenario <file>', 'the scenario whose disks the filters are evaluated on')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text'))
    .action(async (specs: string, options: { scenario: string; format: 'text' | 'json' | 'yaml' }) => setExitCode(await cephadmImportCommand(ctx, specs, options)));
}

interface NetboxExportOptions {
  output: string;
  site?: string;
  status: 'active' | 'planned';
}

async function netboxExportCommand(ctx: InteropContext, file: string, options: NetboxExportOptions): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  const plan = core.evaluate(loaded.scenario);
  const out = core.netboxExport(loaded.scenario, plan, { ...(options.site !== undefined ? { site: options.site } : {}), status: options.status });
  // read back: the devices that are not planned must give the scenario's node groups again
  const back = core.readNetbox(out.files.map((f) => ({ text: f.text, file: f.name })));
  const groups = core.netboxNodeGroups(back, loaded.scenario);
  const diff = sameNodeGroups(
    loaded.scenario.nodes.filter((g) => g.count > 0),
    core.importedNodeGroups(groups.groups),
  );
  if (options.status === 'active' && (diff.length > 0 || back.diagnostics.length > 0 || groups.diagnostics.length > 0)) {
    ctx.io.stderr.write(`headroom: internal error: the NetBox data does not read back to the scenario's node groups; nothing written\n${diff.map((d) => `  ${d}\n`).join('')}`);
    return ExitCode.InternalError;
  }
  const deviceTypes = Object.entries(loaded.scenario.hardware)
    .filter(([key]) => loaded.scenario.nodes.some((n) => n.hardware === key))
    .map(([key, hw]) => ({ name: `devicetype-${key}.yaml`, data: core.deviceTypeYaml(hw) }));
  try {
    await ctx.io.writeDirAtomic(abs(ctx.io, options.output), [...out.files.map((f) => ({ name: f.name, data: f.text })), ...deviceTypes]);
  } catch (error) {
    if (!isFsError(error)) throw error;
    ctx.io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error, true)}\n`);
    return ExitCode.InvalidInput;
  }
  const n = (t: keyof typeof out.objects) => out.objects[t].length;
  ctx.io.stdout.write(
    `wrote ${options.output}/: ${n('racks')} racks, ${n('devices')} devices (${out.objects.devices.filter((d) => d.status === 'planned').length} planned purchases), ${n('power-panels')} power panels, ${n('power-feeds')} feeds, ${n('power-ports')} power ports, ${n('cables')} cables; ${deviceTypes.length} device types. Import 1-6 in order.\n`,
  );
  return ExitCode.Ok;
}

interface NetboxImportOptions {
  scenario: string;
  output?: string;
  deviceType?: string[];
  format: 'text' | 'json' | 'yaml';
}

async function netboxImportCommand(ctx: InteropContext, files: readonly string[], options: NetboxImportOptions): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(options.scenario);
  if (!loaded.ok) return loaded.exitCode;
  const inputs: { text: string; file: string }[] = [];
  for (const f of files) {
    const text = await readNamed(ctx.io, f);
    if (text === undefined) return ExitCode.InvalidInput;
    inputs.push({ text, file: f });
  }
  const read = core.readNetbox(inputs);
  const groups = core.netboxNodeGroups(read, loaded.scenario);
  const diagnostics = [...read.diagnostics, ...groups.diagnostics];
  const sources = new Map(inputs.map((i) => [i.file, i.text]));
  const typeNotes: string[] = [];
  for (const f of options.deviceType ?? []) {
    const text = await readNamed(ctx.io, f);
    if (text === undefined) return ExitCode.InvalidInput;
    sources.set(f, text);
    const dt = core.readDeviceType(text, f);
    diagnostics.push(...dt.diagnostics);
    if (!dt.deviceType) continue;
    const keys = Object.entries(loaded.scenario.hardware).filter(([, hw]) => core.isModelOf(hw, dt.deviceType!.model, dt.deviceType!.manufacturer));
    if (keys.length === 0) typeNotes.push(`${f}: device type ${dt.deviceType.model} is no hardware model of the scenario`);
    for (const [key, hw] of keys)
      typeNotes.push(
        ...core.compareDeviceType(key, hw, dt.deviceType).map((m) => `${f}: ${m}`),
        ...(core.compareDeviceType(key, hw, dt.deviceType).length === 0
          ? [`${f}: ${key} agrees (u_height ${dt.deviceType.uHeight ?? '?'}, maximum_draw ${dt.deviceType.powerPorts.map((p) => p.maximumDrawWatts ?? '?').join('/') || 'none'})`]
          : []),
      );
  }
  if (diagnostics.length > 0) ctx.io.stderr.write(formatDiagnostics(diagnostics, sources, { color: ctx.colorErr }));
  if (diagnostics.some((d) => d.severity === 'error')) return ExitCode.InvalidInput;
  if (options.output === undefined) {
    const data = { racks: read.racks, devices: read.devices, feeds: read.feeds, groups: groups.groups, deviceTypes: typeNotes };
    if (options.format === 'json') ctx.io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else if (options.format === 'yaml') ctx.io.stdout.write(await yamlText(data));
    else {
      const racks = read.racks.map(
        (r) =>
          `  ${r.name.padEnd(10)} ${String(r.heightRu ?? '?').padStart(3)} U  zone ${r.zone ?? '-'}  feeds ${r.powerFeeds.join(', ') || '-'}${r.status === 'planned' ? '  (planned)' : ''}`,
      );
      ctx.io.stdout.write(
        `${['racks:', ...racks, '', kollaImportText(groups.groups, { interfaces: [], vips: {}, cephSwitches: {} }).trimEnd(), `planned devices (purchases, not in the node groups): ${read.devices.filter((d) => d.status === 'planned').length}`, ...typeNotes].join('\n')}\n`,
      );
    }
    return ExitCode.Ok;
  }
  const baseText = await readNamed(ctx.io, options.scenario);
  if (baseText === undefined) return ExitCode.InvalidInput;
  const racks = core.netboxRackUpdates(read);
  const text = core.replaceScenarioSections(
    core.updateScenarioRacks(baseText, racks),
    core.importedNodeGroups(groups.groups),
    `nodes read from NetBox (${files.join(', ')}) by headroom netbox import`,
  );
  for (const r of loaded.scenario.racks)
    if (!racks.some((x) => x.name === r.name)) ctx.io.stderr.write(`headroom: warning: rack ${r.name} is not in NetBox: kept as the scenario has it\n`);
  const check = core.parseScenario(text, { fileName: options.output });
  if (!check.scenario || check.diagnostics.some((d) => d.severity === 'error')) {
    ctx.io.stderr.write(
      formatDiagnostics(
        check.diagnostics.filter((d) => d.severity === 'error'),
        new Map([[options.output, text]]),
        { color: ctx.colorErr },
      ),
    );
    ctx.io.stderr.write(`headroom: the imported scenario does not load (errors above); nothing written to ${options.output}\n`);
    return ExitCode.InvalidInput;
  }
  for (const m of core.rackMismatches(check.scenario, groups.groups))
    ctx.io.stderr.write(`headroom: warning: ${m.host} is in rack ${m.inventory} in NetBox, the plan places it in ${m.planned}\n`);
  if (!(await writeAll(ctx.io, [{ path: options.output, text }]))) return ExitCode.InvalidInput;
  ctx.io.stdout.write(`wrote ${options.output}: ${racks.length} racks, ${groups.groups.length} node groups, ${groups.groups.reduce((s, g) => s + g.count, 0)} hosts from NetBox\n`);
  return ExitCode.Ok;
}

/** Registers `headroom netbox export|import`. */
export function registerNetboxCommands(program: Command, ctx: InteropContext, setExitCode: (code: number) => void): void {
  const netbox = program.command('netbox').description('NetBox: racks, servers (planned purchases in status planned) and power as bulk-import data, and back from its API JSON');
  netbox
    .command('export')
    .description(
      "write NetBox bulk-import YAML: 1-racks, 2-devices (rack and position), 3-power-panels, 4-power-feeds, 5-power-ports, 6-cables, and the device types (device-type library YAML) of the scenario's hardware",
    )
    .argument('<scenario>', 'scenario file')
    .requiredOption('-o, --output <dir>', 'the folder to write (replaced as a whole, atomically; new or holding only .yaml files)')
    .option('--site <name>', 'NetBox site of every object (default: the scenario name)')
    .addOption(new Option('--status <status>', "status of the scenario's own racks and hosts (purchases are always planned)").choices(['active', 'planned']).default('active'))
    .action(async (file: string, options: NetboxExportOptions) => setExitCode(await netboxExportCommand(ctx, file, options)));
  netbox
    .command('import')
    .description(
      'read NetBox racks, devices, power panels and feeds (API JSON lists, or bulk-import YAML/JSON) against a scenario: node groups from the devices that are not planned, racks and feeds; device types compared with the hardware models',
    )
    .argument('<files...>', 'API responses (/api/dcim/racks/, /devices/, /power-feeds/ ...) or import files')
    .requiredOption('--scenario <file>', 'the base scenario (its hardware models are matched by model name)')
    .option('--device-type <files...>', "device-type library YAML files to compare with the hardware models (u_height, power ports' maximum_draw)")
    .option('-o, --output <file>', 'write the base scenario with its nodes replaced (atomically; only when it loads)')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text', 'output format without -o'))
    .action(async (files: string[], options: NetboxImportOptions) => setExitCode(await netboxImportCommand(ctx, files, options)));
}

/** Every index.json under a mockup folder (at most 10,000), relative paths sorted. */
async function mockupFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })) as string[];
  return names
    .filter((n) => n === 'index.json' || n.endsWith('/index.json') || n.endsWith('\\index.json'))
    .sort()
    .slice(0, 10_000);
}

async function redfishImportCommand(ctx: InteropContext, source: string, options: { system?: string; output: string }): Promise<number> {
  const core = await ctx.loadCore();
  const path = abs(ctx.io, source);
  let resources: Map<string, Record<string, unknown>>;
  let systemPath: string | undefined;
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (error) {
    if (!isFsError(error)) throw error;
    ctx.io.stderr.write(`headroom: cannot read ${source}: ${describeFsError(error)}\n`);
    return ExitCode.InvalidInput;
  }
  if (isDir) {
    resources = new Map();
    const sources = new Map<string, string>();
    const diagnostics: Diagnostic[] = [];
    for (const rel of await mockupFiles(path)) {
      const text = await readNamed(ctx.io, join(path, rel));
      if (text === undefined) return ExitCode.InvalidInput;
      const shown = join(source, rel);
      const parsed = core.parseJsonDocument(text, shown);
      if (!parsed.ok) {
        diagnostics.push(parsed.diagnostic);
        sources.set(shown, text);
        continue;
      }
      const v = parsed.value as Record<string, unknown>;
      if (v && typeof v === 'object' && typeof v['@odata.id'] === 'string') resources.set((v['@odata.id'] as string).replace(/\/+$/, ''), v);
    }
    if (diagnostics.length > 0) {
      ctx.io.stderr.write(formatDiagnostics(diagnostics, sources, { color: ctx.colorErr }));
      return ExitCode.InvalidInput;
    }
    const systems = [...resources.keys()].filter((k) => /^\/redfish\/v1\/Systems\/[^/]+$/.test(k));
    systemPath = options.system !== undefined ? systems.find((k) => k.endsWith(`/${options.system}`)) : systems.length === 1 ? systems[0] : undefined;
    if (!systemPath) {
      ctx.io.stderr.write(
        `headroom: ${source} holds ${systems.length} systems (${systems.map((k) => k.split('/').pop()).join(', ') || 'none'}): ${options.system !== undefined ? `no system ${options.system}` : 'name one with --system <Id>'}\n`,
      );
      return ExitCode.InvalidInput;
    }
  } else {
    const text = await readNamed(ctx.io, source);
    if (text === undefined) return ExitCode.InvalidInput;
    const parsed = core.parseJsonDocument(text, source);
    if (!parsed.ok) {
      ctx.io.stderr.write(formatDiagnostics([parsed.diagnostic], new Map([[source, text]]), { color: ctx.colorErr }));
      return ExitCode.InvalidInput;
    }
    const v = parsed.value as Record<string, unknown>;
    if (!core.looksLikeRedfish(v)) {
      ctx.io.stderr.write(`headroom: ${source} is not a Redfish ComputerSystem (no "@odata.type": "#ComputerSystem...")\n`);
      return ExitCode.InvalidInput;
    }
    systemPath = String(v['@odata.id'] ?? '/redfish/v1/Systems/1');
    resources = new Map([[systemPath, v]]);
  }
  const expanded = core.expandRedfishSystem(resources, systemPath)!;
  const text = `${JSON.stringify(expanded, null, 2)}\n`;
  const check = core.importInventory(text, { fileName: options.output, format: 'redfish' });
  if (check.diagnostics.length > 0) ctx.io.stderr.write(formatDiagnostics(check.diagnostics, new Map([[options.output, text]]), { color: ctx.colorErr }));
  if (!check.facts || check.diagnostics.some((d) => d.severity === 'error')) {
    ctx.io.stderr.write(`headroom: the expanded system does not import; nothing written to ${options.output}\n`);
    return ExitCode.InvalidInput;
  }
  if (!(await writeAll(ctx.io, [{ path: options.output, text }]))) return ExitCode.InvalidInput;
  const f = check.facts;
  const v = <T>(x: { known: boolean; value?: T }) => (x.known ? String(x.value) : '?');
  ctx.io.stdout.write(
    `wrote ${options.output}: ${systemPath}, ${v(f.cpu.sockets)} socket(s) x ${v(f.cpu.coresPerSocket)} cores, ${v(f.cpu.logicalCpus)} logical CPUs, virtualization ${v(f.cpu.virtualization)}, memory ${f.memory.installedBytes.known ? `${f.memory.installedBytes.value / 2 ** 30} GiB` : '?'}, ECC ${v(f.memory.ecc)}; check it with: headroom hw check ${options.output} --role compute\n`,
  );
  return ExitCode.Ok;
}

/** Registers `headroom redfish import`. */
export function registerRedfishCommands(program: Command, ctx: InteropContext, setExitCode: (code: number) => void): void {
  const redfish = program.command('redfish').description('Redfish: server inventories from the BMC (ComputerSystem, Processors, Memory, Storage, EthernetInterfaces, Bios)');
  redfish
    .command('import')
    .description(
      "write one expanded ComputerSystem JSON from a Redfish mockup folder (index.json files, as DMTF's mockups and redfish-mockup-creator lay them out) or a system fetched with $expand: `hw check` and scenario inventories read it",
    )
    .argument('<source>', 'a mockup folder, or a ComputerSystem JSON file')
    .option('--system <id>', 'the system Id when the folder holds several')
    .requiredOption('-o, --output <file>', 'the expanded system JSON to write (atomically)')
    .action(async (source: string, options: { system?: string; output: string }) => setExitCode(await redfishImportCommand(ctx, source, options)));
}

interface DriftOptions {
  kolla?: string;
  globals?: string;
  netbox?: string[];
  ceph?: string;
  format: 'text' | 'json' | 'yaml';
}

/** `headroom drift`: exit 0 without drift, 1 with drift findings, 2 an input unreadable or malformed. */
async function driftCommand(ctx: InteropContext, file: string, options: DriftOptions): Promise<number> {
  const core = await ctx.loadCore();
  if (options.kolla === undefined && options.netbox === undefined && options.ceph === undefined) {
    ctx.io.stderr.write('headroom: drift needs a source: --kolla <inventory>, --netbox <files...> or --ceph <specs>\n');
    return ExitCode.InvalidInput;
  }
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  const plan = core.evaluate(loaded.scenario);
  const sources: Parameters<CoreModule['driftFindings']>[2] = {};
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  if (options.kolla !== undefined) {
    const inv = await readNamed(ctx.io, options.kolla);
    const glob = options.globals !== undefined ? await readNamed(ctx.io, options.globals) : undefined;
    if (inv === undefined || (options.globals !== undefined && glob === undefined)) return ExitCode.InvalidInput;
    texts.set(options.kolla, inv);
    if (glob !== undefined) texts.set(options.globals!, glob);
    const read = core.importKolla({
      inventory: { text: inv, file: options.kolla },
      ...(glob !== undefined ? { globals: { text: glob, file: options.globals! } } : {}),
      base: loaded.scenario,
    });
    diagnostics.push(...read.diagnostics.filter((d) => d.code !== 'kolla.interface_mismatch'));
    sources.kolla = { read, file: options.kolla };
  }
  if (options.netbox !== undefined) {
    const files: { text: string; file: string }[] = [];
    for (const f of options.netbox) {
      const t = await readNamed(ctx.io, f);
      if (t === undefined) return ExitCode.InvalidInput;
      texts.set(f, t);
      files.push({ text: t, file: f });
    }
    const read = core.readNetbox(files);
    diagnostics.push(...read.diagnostics);
    sources.netbox = { read, file: options.netbox.join(', ') };
  }
  if (options.ceph !== undefined) {
    const t = await readNamed(ctx.io, options.ceph);
    if (t === undefined) return ExitCode.InvalidInput;
    texts.set(options.ceph, t);
    const read = core.readCephadmSpecs(t, options.ceph);
    diagnostics.push(...read.diagnostics);
    sources.cephadm = { read, file: options.ceph };
  }
  if (diagnostics.length > 0) ctx.io.stderr.write(formatDiagnostics(diagnostics, texts, { color: ctx.colorErr }));
  if (diagnostics.some((d) => d.severity === 'error')) return ExitCode.InvalidInput;
  const findings = core.driftFindings(loaded.scenario, plan, sources);
  if (options.format === 'json') ctx.io.stdout.write(`${JSON.stringify({ findings }, null, 2)}\n`);
  else if (options.format === 'yaml') ctx.io.stdout.write(await yamlText({ findings }));
  else
    ctx.io.stdout.write(
      findings.length === 0
        ? `no drift: ${[options.kolla, ...(options.netbox ?? []), options.ceph].filter(Boolean).join(', ')} agree with ${file}\n`
        : `${findingLines(findings)}${findings.length} drift finding(s)\n`,
    );
  return findings.length > 0 ? ExitCode.Findings : ExitCode.Ok;
}

/** Registers `headroom drift`. */
export function registerDriftCommand(program: Command, ctx: InteropContext, setExitCode: (code: number) => void): void {
  program
    .command('drift')
    .description(
      'what the running sources say that the scenario does not: hosts missing or extra, roles, racks and rack units moved, OSD counts, interfaces (exit 1 when there is drift)',
    )
    .argument('<scenario>', 'scenario file')
    .option('--kolla <inventory>', 'the Kolla-Ansible inventory (INI or ansible-inventory --list JSON)')
    .option('--globals <file>', 'globals.yml, with --kolla')
    .option('--netbox <files...>', 'NetBox racks and devices (API JSON or import files)')
    .option('--ceph <specs>', 'cephadm specs (ceph orch ls --export)')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text'))
    .action(async (file: string, options: DriftOptions) => setExitCode(await driftCommand(ctx, file, options)));
}

/** Registers every round-trip command (Kolla-Ansible, cephadm, NetBox, Redfish, drift). */
export function registerInteropCommands(program: Command, ctx: InteropContext, setExitCode: (code: number) => void): void {
  registerKollaCommands(program, ctx, setExitCode);
  registerCephadmCommands(program, ctx, setExitCode);
  registerNetboxCommands(program, ctx, setExitCode);
  registerRedfishCommands(program, ctx, setExitCode);
  registerDriftCommand(program, ctx, setExitCode);
}
