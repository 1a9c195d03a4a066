/**
 * A tiny reader for the PDFs Chromium prints (Skia/PDF), for the print tests: enough to count
 * pages and to read the tagged structure tree (`page.pdf({ tagged: true })`), nothing more.
 *
 * Skia writes every object uncompressed at the top level (`N 0 obj ... endobj`, no object
 * streams; only content streams and fonts are compressed), so dictionaries can be read with
 * regular expressions. `readPdf` throws when that stops being true (no page found, or page
 * counts that disagree), so a change in Chromium's output fails the tests instead of making
 * them pass vacuously.
 */

/** One element of the structure tree: its type (`/S`), its `/Alt` text, and the pages its content is drawn on. */
export interface StructElement {
  obj: number;
  type: string;
  alt?: string;
  /** 0-based page indexes of the marked content of this element and all its descendants, ascending. */
  pages: number[];
  children: StructElement[];
}

export interface PdfInfo {
  /** Pages, counted as `/Type /Page` objects. */
  pageCount: number;
  /** Every structure element, in document order (depth first from the root). */
  elements: StructElement[];
}

/** Decodes a PDF string token: `(literal)` with backslash escapes, or `<hex>`, UTF-16BE when it starts with FEFF. */
export function pdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    bytes = (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));
  } else {
    bytes = [];
    const s = token.slice(1, -1);
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0) & 0xff);
        continue;
      }
      const n = s[++i]!;
      const oct = /^[0-7]{1,3}/.exec(s.slice(i))?.[0];
      if (oct) {
        bytes.push(parseInt(oct, 8));
        i += oct.length - 1;
      } else if (n === '\r' || n === '\n') {
        if (n === '\r' && s[i + 1] === '\n') i++;
      } else bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[n] ?? n.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return Buffer.from(bytes).toString('latin1');
}

/** Reads page count and structure tree of a Chromium-printed PDF. */
export function readPdf(pdf: Uint8Array): PdfInfo {
  const text = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, string>();
  // top-level dictionaries only: a stream's data follows `stream`, which this pattern never crosses
  for (const m of text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\s*(<<[\s\S]*?>>|\[[\s\S]*?\])\s*(endobj|stream)/g)) {
    objects.set(Number(m[1]), m[2]!);
  }
  // page order: walk the page tree from the catalog
  const catalog = [...objects.values()].find((d) => /^<<\/Type \/Catalog\b/.test(d));
  if (!catalog) throw new Error('no /Catalog: not a PDF this reader understands');
  const pageOrder: number[] = [];
  const walk = (n: number): void => {
    const d = objects.get(n) ?? '';
    if (/^<<\/Type \/Pages\b/.test(d)) {
      for (const k of /\/Kids \[([^\]]*)\]/.exec(d)?.[1]?.matchAll(/(\d+) 0 R/g) ?? []) walk(Number(k[1]));
    } else if (/^<<\/Type \/Page\b/.test(d)) pageOrder.push(n);
  };
  walk(Number(/\/Pages (\d+) 0 R/.exec(catalog)?.[1]));
  const pageObjects = [...objects.values()].filter((d) => /^<<\/Type \/Page\b(?!s)/.test(d)).length;
  const rootCount = Number(/\/Count (\d+)/.exec(objects.get(Number(/\/Pages (\d+) 0 R/.exec(catalog)?.[1])) ?? '')?.[1]);
  if (pageOrder.length === 0 || pageOrder.length !== pageObjects || pageOrder.length !== rootCount) {
    throw new Error(`page counts disagree: tree ${pageOrder.length}, objects ${pageObjects}, /Count ${rootCount}`);
  }
  const pageIndex = new Map(pageOrder.map((n, i) => [n, i]));

  const elements: StructElement[] = [];
  const build = (n: number): StructElement | undefined => {
    const d = objects.get(n);
    if (!d || !/^<<\/Type \/StructElem\b/.test(d)) return undefined;
    const type = /\/S \/(\w+)/.exec(d)?.[1] ?? '';
    const altToken = /\/Alt (\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(d)?.[1];
    const el: StructElement = { obj: n, type, ...(altToken ? { alt: pdfString(altToken) } : {}), pages: [], children: [] };
    elements.push(el);
    const pages = new Set<number>();
    const pg = /^<<[\s\S]*?\/Pg (\d+) 0 R/.exec(d.replace(/<<\/Type \/MCR[^>]*>>/g, ''))?.[1];
    const k = /\/K (\[[^\]]*\]|\d+ 0 R|\d+|<<[\s\S]*?>>)/.exec(d)?.[1] ?? '';
    // kids: struct elements (N 0 R), marked-content ids on the element's page (integers), MCR dicts with their own /Pg
    const kids = k.startsWith('[') ? k.slice(1, -1) : k;
    for (const t of kids.matchAll(/<<[^>]*?\/Pg (\d+) 0 R[^>]*>>|(\d+) 0 R|(\d+)/g)) {
      if (t[1]) pages.add(pageIndex.get(Number(t[1]))!);
      else if (t[2]) {
        const child = build(Number(t[2]));
        if (child) {
          el.children.push(child);
          for (const p of child.pages) pages.add(p);
        }
      } else if (t[3] && pg) pages.add(pageIndex.get(Number(pg))!);
    }
    el.pages = [...pages].filter((p) => p !== undefined).sort((a, b) => a - b);
    return el;
  };
  const treeRoot = [...objects.values()].find((d) => /^<<\/Type \/StructTreeRoot\b/.test(d));
  const rootKids = treeRoot ? (/\/K (\[[^\]]*\]|\d+ 0 R)/.exec(treeRoot)?.[1] ?? '') : '';
  for (const t of rootKids.matchAll(/(\d+) 0 R/g)) build(Number(t[1]));
  return { pageCount: pageOrder.length, elements };
}
