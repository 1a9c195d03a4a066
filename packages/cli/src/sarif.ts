/**
 * A scenario file's diagnostics as SARIF 2.1.0 (OASIS Static Analysis Results Interchange
 * Format), the format GitHub code scanning (`github/codeql-action/upload-sarif`), GitLab and
 * editors read to annotate the lines of a pull request.
 *
 * One run of the tool `headroom`; one result per diagnostic: `ruleId` = the diagnostic's
 * permanent code, `level` error | warning | note (headroom's info), `message.text` = the
 * message and its hint, and one physical location: the file as a URI reference relative to the
 * working directory (forward slashes, percent-encoded; what GitHub matches against the
 * repository's paths) and the region's 1-based `startLine`/`startColumn` (and end, when known),
 * columns counted in UTF-16 code units (SARIF's default `columnKind`, as JavaScript strings
 * and headroom count them). Rules: one `reportingDescriptor` per code that occurs, with its
 * description from the registry of codes. A file that could not be read is a tool execution
 * notification of the run's invocation (`executionSuccessful: false`).
 *
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html (§3.27 result,
 * §3.28 location, §3.30 region, §3.49 reportingDescriptor).
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity } from '@headroom/core';
import type { UnreadableFile } from './output-format.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The part of SARIF 2.1.0 headroom writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: 'headroom'; version: string; rules: { id: string; shortDescription: { text: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: 'error'; message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: 'error' | 'warning' | 'note';
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
        };
      }[];
    }[];
  }[];
}

/**
 * The URI reference of a diagnostic's file: relative to `cwd` with forward slashes when it is
 * inside it, a file: URL otherwise; undefined for standard input.
 */
export function artifactUri(file: string, cwd: string): string | undefined {
  if (file === '<stdin>') return undefined;
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  if (rel.startsWith('..') || isAbsolute(rel)) return pathToFileURL(isAbsolute(file) ? file : `${cwd}${sep}${file}`).href;
  return rel.split(sep).join('/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

/** `describe(code)`: the registry's description of a code, when known. */
export function sarifLog(
  diagnostics: readonly Diagnostic[],
  options: { version: string; cwd: string; describe?: (code: string) => string | undefined; unreadable?: readonly UnreadableFile[] },
): SarifLog {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const unreadable = options.unreadable ?? [];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'headroom',
            version: options.version,
            rules: codes.map((id) => ({ id, shortDescription: { text: options.describe?.(id) ?? id } })),
          },
        },
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((u) => ({ level: 'error' as const, message: { text: `cannot read ${u.file}: ${u.message}` } })),
          },
        ],
        results: diagnostics.map((d) => {
          const uri = artifactUri(d.location.file, options.cwd);
          const { line, col, endLine, endCol } = d.location;
          return {
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code)!,
            level: LEVEL[d.severity],
            message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
            locations:
              uri === undefined
                ? []
                : [
                    {
                      physicalLocation: {
                        artifactLocation: { uri },
                        region: {
                          startLine: line,
                          startColumn: col,
                          ...(endLine !== undefined && endCol !== undefined && (endLine > line || (endLine === line && endCol > col)) ? { endLine, endColumn: endCol } : {}),
                        },
                      },
                    },
                  ],
          };
        }),
      },
    ],
  };
}
