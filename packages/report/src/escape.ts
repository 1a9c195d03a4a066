/**
 * HTML escaping and a tiny safe template tag.
 *
 * Every string that comes from a scenario (names, descriptions, messages, evidence) is
 * user data and may contain markup. The `html` tag escapes every interpolated value unless
 * it is already a `SafeHtml` (the output of another `html` call, or `trustedHtml` for the
 * few fragments the report builds itself: the stylesheet and the SVG vega renders).
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for use in HTML element content and in quoted attribute values:
 * `&`, `<`, `>`, `"` and `'` become character references. Everything else is kept,
 * so `escapeHtml('<img src=x onerror=alert(1)>')` displays as that text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A fragment of markup that is already safe to insert as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value the `html` tag accepts: text is escaped, `SafeHtml` is inserted, arrays are joined, nullish and `false` vanish. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/**
 * Template tag that escapes every interpolation (see `HtmlValue`) and returns `SafeHtml`.
 * The literal parts of the template are trusted: they are written by this package.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/**
 * Marks markup built by this package (not from the scenario) as safe. Never pass scenario
 * text here: vega's SVG output qualifies because vega escapes the text it writes.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
