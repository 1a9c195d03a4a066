/**
 * What the browser tests share: Debian's Chromium (never a downloaded browser), the flags it
 * is launched with, and writing a scenario's report with the built CLI, as a user would.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ensureBuilt, headroom } from './run-cli.js';

export const CHROMIUM = '/usr/bin/chromium';
/** The browser tests skip, with a message, when it is absent; in CI (.ci/run installs it) its absence fails a test. */
export const hasChromium = existsSync(CHROMIUM);
/** No sandbox (containers), no GPU, nothing fetched or updated in the background. */
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Launches Debian's Chromium headless with LAUNCH_ARGS. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** `headroom report <scenario> -o <out> --fail-on none` with the built CLI; throws with its stderr when it fails. */
export function writeReport(scenario: string, out: string): void {
  ensureBuilt();
  const r = headroom('report', scenario, '-o', out, '--fail-on', 'none');
  if (r.code !== 0) throw new Error(`headroom report ${scenario} failed (exit ${r.code}): ${r.stderr}`);
}
