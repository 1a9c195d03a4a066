/**
 * A set of Ceph output files (a state directory) -> one CephClusterState, whatever the files
 * are named: each file's command is recognised from its JSON shape (detect.ts). Pure: the
 * caller reads the files and passes their text.
 *
 * Diagnostics: a file that is not JSON or is truncated is `ceph.json.invalid` (error; the
 * other files are still read). A file of another shape is `ceph.json.wrong_command`: an
 * error when `strict` (the user named the file), else a warning and skipped (a directory may
 * hold other files). `status`/`version` outputs are skipped without a word. `osd df` next to
 * `osd df tree`, or `df` next to `df detail`, of one cluster (same OSDs and sizes; same pools)
 * is read as one cluster, keeping the tree and the detail; of two clusters, an error. A missing
 * `osd df` or `osd dump` is `ceph.state.missing` (error): MAX AVAIL needs both.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { parseAutoscaleStatus, parseCrushDumpRules, parseCrushRuleDump, parsePgDumpPools } from './crush-rules.js';
import { type CephDf, parseCephDf } from './df.js';
import { COMMAND_LINE, detectCephCommand, type CephCommand } from './detect.js';
import { parseCephJsonText } from './json.js';
import { type CephOsdTree, parseCrushTree, parseOsdDf } from './osd-df.js';
import { parseOsdDump } from './osd-dump.js';
import type { CephClusterState } from './reproduce.js';

export interface CephStateFile {
  name: string;
  text: string;
}

export interface CephStateRead {
  /** Present when osd df and osd dump were both read. */
  state?: CephClusterState;
  /** Which command each file was recognised as. */
  files: { name: string; command: CephCommand }[];
  diagnostics: Diagnostic[];
}

/** Two `osd df` outputs of one cluster: the same OSD ids, each with the same statfs total. */
function sameOsds(a: CephOsdTree, b: CephOsdTree): boolean {
  const total = new Map(a.osds.map((o) => [o.id, o.totalBytes]));
  return a.osds.length === b.osds.length && b.osds.every((o) => total.get(o.id) === o.totalBytes);
}

/** Two `df` outputs of one cluster: the same pools, by id and name. */
function samePools(a: CephDf, b: CephDf): boolean {
  const name = new Map(a.pools.map((p) => [p.id, p.name]));
  return a.pools.length === b.pools.length && b.pools.every((p) => name.get(p.id) === p.name);
}

/** Reads the files; `strict`: every file must be a Ceph output headroom reads. */
export function readCephState(files: readonly CephStateFile[], options: { strict?: boolean } = {}): CephStateRead {
  const diagnostics: Diagnostic[] = [];
  const out: CephStateRead = { files: [], diagnostics };
  const parts: Partial<CephClusterState> = {};
  const seen = new Map<CephCommand, string>();
  let crushDumpRules: CephClusterState['rules'];
  for (const f of files) {
    const probe = parseCephJsonText(f.text, f.name, 'ceph osd df tree, osd dump, osd crush rule dump or df, with -f json');
    if (probe.value === undefined) {
      diagnostics.push(...probe.diagnostics);
      out.files.push({ name: f.name, command: 'unknown' });
      continue;
    }
    const command = detectCephCommand(probe.value);
    out.files.push({ name: f.name, command });
    if (command === 'status' || command === 'version') continue;
    if (command === 'unknown') {
      diagnostics.push({
        code: 'ceph.json.wrong_command',
        severity: options.strict ? 'error' : 'warning',
        path: [],
        message: `not the output of a Ceph command headroom reads (${['osd df', 'osd crush tree', 'osd crush rule dump', 'osd crush dump', 'osd dump', 'df', 'osd pool autoscale-status', 'pg dump pools'].map((c) => `\`ceph ${c}\``).join(', ')}, all with -f json)${options.strict ? '' : ': skipped'}`,
        location: { file: f.name, line: 1, col: 1 },
      });
      continue;
    }
    const previous = seen.get(command);
    const twoClusters = (): void => {
      diagnostics.push({
        code: 'ceph.json.wrong_command',
        severity: 'error',
        path: [],
        message: `a second \`${COMMAND_LINE[command]}\` output (the first is ${previous}) of another cluster or another layout: give one cluster's outputs at a time`,
        location: { file: f.name, line: 1, col: 1 },
      });
    };
    if (previous !== undefined && command !== 'osd df' && command !== 'df') {
      twoClusters();
      continue;
    }
    seen.set(command, previous ?? f.name);
    if (command === 'osd df') {
      // `osd df` and `osd df tree` of one cluster (a sosreport holds both): one cluster when
      // they list the same OSDs with the same sizes; the tree is kept (it names the hosts)
      const r = parseOsdDf(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data && parts.osdDf) {
        if (!sameOsds(parts.osdDf, r.data)) twoClusters();
        else if (r.data.buckets.length > parts.osdDf.buckets.length) parts.osdDf = r.data;
      } else if (r.data) parts.osdDf = r.data;
    } else if (command === 'osd crush tree') {
      const r = parseCrushTree(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data) parts.crushTree = r.data;
    } else if (command === 'osd dump') {
      const r = parseOsdDump(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data) parts.osdDump = r.data;
    } else if (command === 'osd crush rule dump') {
      const r = parseCrushRuleDump(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data) parts.rules = r.data;
    } else if (command === 'osd crush dump') {
      // the same rules as a rule dump: used when there is none
      const r = parseCrushDumpRules(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data) crushDumpRules = r.data;
    } else if (command === 'pg dump pools') {
      const r = parsePgDumpPools(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data) parts.copies = r.data;
    } else if (command === 'osd pool autoscale-status') {
      const r = parseAutoscaleStatus(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data) parts.autoscale = r.data;
    } else {
      // `df` and `df detail` of one cluster: the same pools (id and name); detail is kept
      const r = parseCephDf(f.text, f.name);
      diagnostics.push(...r.diagnostics);
      if (r.data && parts.df) {
        if (!samePools(parts.df, r.data)) twoClusters();
        else if (r.data.detail && !parts.df.detail) parts.df = r.data;
      } else if (r.data) parts.df = r.data;
    }
  }
  const where = files[0]?.name ?? '(no files)';
  for (const [key, command] of [
    ['osdDf', 'osd df'],
    ['osdDump', 'osd dump'],
  ] as const) {
    // a file that is not JSON may have been this output: its own error says enough
    if (parts[key] === undefined && !diagnostics.some((d) => d.code === 'ceph.json.invalid')) {
      diagnostics.push({
        code: 'ceph.state.missing',
        severity: 'error',
        path: [],
        message: `no \`${COMMAND_LINE[command]}\` output among the files: MAX AVAIL needs it`,
        location: { file: where, line: 1, col: 1 },
      });
    }
  }
  if (parts.osdDf && parts.osdDump) {
    const state: CephClusterState = { osdDf: parts.osdDf, osdDump: parts.osdDump };
    if (parts.crushTree) state.crushTree = parts.crushTree;
    if (parts.rules ?? crushDumpRules) state.rules = parts.rules ?? crushDumpRules;
    if (parts.autoscale) state.autoscale = parts.autoscale;
    if (parts.copies) state.copies = parts.copies;
    if (parts.df) state.df = parts.df;
    out.state = state;
  }
  return out;
}
