/**
 * renderLayoutsHtml: the layout comparison as one self-contained HTML page, with the report's
 * stylesheet, Content-Security-Policy and sortable tables. Deterministic, nothing fetched.
 */
import type { CephLayoutComparison } from '@headroom/core';
import { html, trustedHtml } from './escape.js';
import { documentHead } from './render.js';
import { layoutsSection } from './sections/layouts.js';
import { SORT_SCRIPT } from './sort-script.js';

/** The comparison of scenario `name` as an HTML document. */
export function renderLayoutsHtml(comparison: CephLayoutComparison, name: string): string {
  const title = `${name}: Ceph layouts`;
  return html`<!DOCTYPE html>
<html lang="en">
${documentHead(title)}
<body>
<div class="page">
<header class="report-head"><h1>${title}</h1></header>
<main>
${layoutsSection(comparison)}
</main>
</div>
<script>${trustedHtml(SORT_SCRIPT)}</script>
</body>
</html>
`.value;
}
