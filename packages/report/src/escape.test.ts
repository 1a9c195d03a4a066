import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml, trustedHtml } from './escape.js';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
  });

  it('escapes an ampersand once, so entities in the input stay visible as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves other text alone', () => {
    expect(escapeHtml('Pool volumes — 40.0 TB ≥ 85% ✓')).toBe('Pool volumes — 40.0 TB ≥ 85% ✓');
    expect(escapeHtml('')).toBe('');
  });
});

describe('html tag', () => {
  it('escapes interpolated strings, including inside attributes', () => {
    const name = '"><script>alert(1)</script>';
    const out = html`<td title="${name}">${name}</td>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe('<td title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>');
  });

  it('inserts SafeHtml as is, joins arrays, drops nullish and booleans, prints numbers', () => {
    const inner = html`<b>${'<i>'}</b>`;
    const out = html`${inner}|${['a', html`<br>`, '<']}|${null}${undefined}${false}${true}|${42}`;
    expect(out.value).toBe('<b>&lt;i&gt;</b>|a<br>&lt;||42');
  });

  it('trustedHtml marks markup built by the package', () => {
    expect(html`${trustedHtml('<svg></svg>')}`.value).toBe('<svg></svg>');
  });
});
