/**
 * The report's only script: it makes the tables sortable. It is inlined in a `<script>`
 * element (no file, no network) and allowed by the report's Content-Security-Policy through
 * its SHA-256 hash, so the text below is exactly what the browser runs.
 *
 * Progressive enhancement: without JavaScript every table stays as rendered. With it, each
 * `<table>` that has one `<thead>` row and one `<tbody>`, no `rowspan`/`colspan`, no
 * interactive content in its header and no `data-nosort` attribute gets a `<button>` in every
 * column header (focusable, Enter and Space work because it is a real button). A click
 * cycles the column ascending -> descending -> the rendered order, and sets `aria-sort` on
 * the sorted `<th>` only (WAI-ARIA APG sortable table: the other headers carry none).
 * Rows are sorted stably (ties keep their rendered order) by the key `sortKey` parses from the
 * cell's `data-sort` attribute when present, else from its visible text (an explained figure's
 * box, `.why-body`, is left out: only the figure counts).
 *
 * Kept as plain JavaScript source text rather than a compiled function so that the bytes in
 * the report do not depend on the compiler; the unit test evaluates this same text.
 */

/**
 * The key parser and comparator, as JavaScript source. `sortKey(text)` returns
 * `[rank, number, after, text]`:
 * - rank 2: empty, "—", "-" or "–" (no value): always last, whatever the direction;
 * - rank 0: a value with a number: "Mon YYYY" month (year × 12 + month, "Apr 2028 (15 months)"
 *   too), ISO "YYYY-MM" or "YYYY-MM-DD" date (same scale, the day as a fraction of a month),
 *   a duration "6 h 2 min" (in seconds: d, h, min, s), or a leading number with thousands
 *   separators, a sign (- or U+2212) and an optional unit suffix: "%" is kept as the number,
 *   byte/bit/watt/hertz units with an SI (k M G T P E, ×1000) or binary (Ki Mi Gi Ti Pi Ei,
 *   ×1024) prefix are scaled to the base unit ("2.98 TiB" > "3,000 GB"), any other suffix
 *   ("vCPU", "EUR") is ignored;
 * - rank 1: anything else, compared as English text with numeric collation ("compute-2" <
 *   "compute-10").
 * "beyond X", "> X" and "after X" take X's key with `after` = 1, so "beyond Dec 2028" sorts
 * after "Dec 2028" and before "Jan 2029". Ties on the number fall back to the text.
 * `compareKeys(a, b, dir)` orders two keys, `dir` = 1 ascending or -1 descending; rank 2 stays
 * last in both directions.
 */
export const SORT_KEY_SOURCE = `var M='JanFebMarAprMayJunJulAugSepOctNovDec',C=new Intl.Collator('en',{numeric:true,sensitivity:'base'});
function sortKey(t){t=String(t).replace(/\\s+/g,' ').trim();var a=0,m,n;
if(t===''||/^[—–-]$/.test(t))return[2,0,0,''];
if((m=/^(?:beyond|after|>) (.+)$/i.exec(t))){t=m[1];a=1}
if((m=/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\\d{4})\\b/.exec(t)))return[0,m[2]*12+M.indexOf(m[1])/3,a,t];
if((m=/^(\\d{4})-(\\d\\d)(?:-(\\d\\d))?\\b/.exec(t)))return[0,m[1]*12+(m[2]-1)+(m[3]?(m[3]-1)/31:0),a,t];
if(/^(\\d+(\\.\\d+)? ?(d|h|min|s)\\b ?)+$/.test(t)){n=0;t.replace(/([\\d.]+) ?(d|h|min|s)/g,function(_,v,u){n+=v*{d:86400,h:3600,min:60,s:1}[u]});return[0,n,a,t]}
if((m=/^([-−+]?)(\\d[\\d,]*(?:\\.\\d+)?)(?: ?([kKMGTPE])(i?)(?:B|bit|W|Hz)\\b)?/.exec(t))){n=parseFloat(m[2].replace(/,/g,''))*(m[1]&&m[1]!=='+'?-1:1);
if(m[3])n*=Math.pow(m[4]?1024:1000,'kMGTPE'.indexOf(m[3].replace('K','k'))+1);return[0,n,a,t]}
return[1,0,a,t]}
function compareKeys(x,y,d){if(x[0]===2||y[0]===2)return(x[0]===2)-(y[0]===2);
return d*(x[0]-y[0]||x[1]-y[1]||x[2]-y[2]||C.compare(x[3],y[3]))}`;

/** The inline script: the key parser plus the code that adds the header buttons. */
export const SORT_SCRIPT = `(function(){${SORT_KEY_SOURCE}
function text(c){var x=c.cloneNode(true);[].forEach.call(x.querySelectorAll('.why-body'),function(e){e.remove()});return x.textContent}
function key(c){return sortKey(c?(c.hasAttribute('data-sort')?c.getAttribute('data-sort'):text(c)):'')}
document.querySelectorAll('table:not([data-nosort])').forEach(function(table){
var h=table.tHead,b=table.tBodies;
if(!h||h.rows.length!==1||b.length!==1||b[0].rows.length<2||table.querySelector('[rowspan],[colspan],thead a,thead button,thead details,thead input'))return;
var body=b[0],rows=[].slice.call(body.rows),ths=[].slice.call(h.rows[0].cells);
ths.forEach(function(th,col){var btn=document.createElement('button');btn.type='button';btn.className='sort';
while(th.firstChild)btn.appendChild(th.firstChild);th.appendChild(btn);
btn.addEventListener('click',function(){var s=th.getAttribute('aria-sort'),d=s==='ascending'?-1:s==='descending'?0:1;
ths.forEach(function(o){o.removeAttribute('aria-sort')});
if(d)th.setAttribute('aria-sort',d>0?'ascending':'descending');
rows.map(function(r,i){return{r:r,i:i,k:key(r.cells[col])}}).sort(function(x,y){return d?compareKeys(x.k,y.k,d)||x.i-y.i:x.i-y.i})
.forEach(function(x){body.appendChild(x.r)});
if(d)table.setAttribute('data-sorted','');else table.removeAttribute('data-sorted')})})})})();`;
