/**
 * renderLayoutsHtml: the layout comparison as one self-contained HTML page, with the report's
 * stylesheet, Content-Security-Policy and sortable tables. Deterministic, nothing fetched.
 */
import type { CephLayoutComparison } from '@headroom/core';
import { html, trustedHtml } from './escape.js';
import { CONTENT_SECURITY_POLICY } from './render.js';
import { layoutsSection } from './sections/layouts.js';
import { SORT_SCRIPT } from './sort-script.js';
import { STYLESHEET } from './style.js';

/** The comparison of scenario `name` as an HTML document. */
export function renderLayoutsHtml(comparison: CephLayoutComparison, name: string): string {
  const title = `${name}: Ceph layouts`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${trustedHtml(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>${trustedHtml(STYLESHEET)}</style>
</head>
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
