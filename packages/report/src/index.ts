/**
 * @headroom/report — PlanResult -> one self-contained HTML report (inline CSS, charts as
 * inline SVG rendered with vega-lite at build time, nothing fetched, deterministic).
 *
 * Importing this module is cheap: vega and vega-lite load on the first `renderHtml` call.
 */
export { renderHtml, SECTIONS, type RenderHtmlOptions } from './render.js';
export { renderLayoutsHtml } from './layouts-page.js';
export { escapeHtml } from './escape.js';
export {
  formatBinaryBytes,
  formatBytes,
  formatDriveSize,
  formatFactor,
  formatMemorySize,
  formatMonth,
  formatNumber,
  formatPercent,
  formatQuantity,
  UNITS_NOTE,
} from './format.js';
