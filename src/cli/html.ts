/**
 * The HTML page of `salesfloor report`: one self-contained file. The charts
 * are inline SVG and the styles inline; a Content-Security-Policy forbids
 * scripts and every fetch, so the page needs no network and runs nothing.
 * Every text that comes from the log (names, notes, ids) is escaped here.
 */
import type { Cell } from './reports.js';
import type { Clean, Section } from './format.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes a text for HTML content and quoted attributes.
 *
 * @param text - any text (names are untrusted input)
 * @returns the text with `& < > " '` as entities
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** One policy's charts (SVG markup drawn by ECharts, which escapes its labels) and the tables under them. */
export interface Block {
  readonly charts: readonly string[];
  readonly tables: readonly Section[];
}

/** A part of the page: a heading, then one block per policy, side by side, then tables across the page. */
export interface Part {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly sides: readonly Block[];
  readonly after?: readonly Section[];
}

/** The page. */
export interface Page {
  readonly title: string;
  /** The summary lines (log, events, bad lines). */
  readonly summary: readonly string[];
  /** The policies' labels, one per side. */
  readonly policies: readonly string[];
  readonly parts: readonly Part[];
}

/** At most this many rows per table: the page is for reading (`replay` and `diff` give every row). */
export const MAX_TABLE_ROWS = 500;

const NUMERIC = /^-?\d+(\.\d+)?$/;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif;
  margin: 0 auto; max-width: 1400px; padding: 16px 24px 48px; color: #222; background: #fff; line-height: 1.45; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 18px; margin: 32px 0 4px; border-bottom: 1px solid #ccd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 12px 0 4px; color: #3b6fb6; }
p.intro, p.summary, p.note { margin: 4px 0 8px; color: #555; }
nav a { margin-right: 14px; color: #3b6fb6; }
.sides { display: grid; grid-template-columns: repeat(var(--sides), minmax(0, 1fr)); gap: 24px; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; display: block; }
.scroll { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: 12px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #dde; padding: 2px 6px; white-space: nowrap; }
th { background: #f2f4f8; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.met { color: #2e9d5b; font-weight: 600; }
td.unmet { color: #d14343; font-weight: 600; }
`;

function cellText(cell: Cell | undefined, clean: Clean): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return clean(cell);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return cell.map(clean).join(', ');
}

function cellClass(cell: Cell | undefined): string {
  if (typeof cell === 'number' || (typeof cell === 'string' && NUMERIC.test(cell))) return ' class="num"';
  if (typeof cell === 'boolean') return cell ? ' class="met"' : ' class="unmet"';
  return '';
}

/**
 * A section as an HTML table, every cell escaped; numbers right-aligned,
 * met/unmet flags in green/red.
 *
 * @param section - the rows
 * @param clean - applied to every string (phone masking)
 */
export function tableHtml(section: Section, clean: Clean): string {
  const head = section.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body: string[] = [];
  let count = 0;
  for (const row of section.rows) {
    count++;
    if (count > MAX_TABLE_ROWS) continue;
    body.push(`<tr>${section.columns.map((c) => `<td${cellClass(row[c])}>${escapeHtml(cellText(row[c], clean))}</td>`).join('')}</tr>`);
  }
  const more = count > MAX_TABLE_ROWS ? `<p class="note">… and ${count - MAX_TABLE_ROWS} more rows: the CLI's replay and diff list them all.</p>` : '';
  const none = count === 0 ? '<p class="note">(none)</p>' : '';
  return `<div class="scroll"><table><caption>${escapeHtml(clean(section.description))}</caption><thead><tr>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table>${none}${more}</div>`;
}

function blockHtml(block: Block, label: string | null, clean: Clean): string {
  const heading = label === null ? '' : `<h3>${escapeHtml(label)}</h3>`;
  const charts = block.charts.map((svg) => `<figure>${svg}</figure>`).join('\n');
  return `<div class="side">${heading}${charts}${block.tables.map((t) => tableHtml(t, clean)).join('\n')}</div>`;
}

/**
 * The whole page as one HTML document.
 *
 * @param page - the parts and their charts and tables
 * @param clean - applied to every string taken from the log
 */
export function pageHtml(page: Page, clean: Clean): string {
  const labelled = page.policies.length > 1;
  const parts = page.parts.map((part) => {
    const sides = part.sides.map((b, i) => blockHtml(b, labelled ? `${page.policies[i] ?? ''}` : null, clean)).join('\n');
    const after = (part.after ?? []).map((t) => tableHtml(t, clean)).join('\n');
    return `<section id="${escapeHtml(part.id)}"><h2>${escapeHtml(part.title)}</h2><p class="intro">${escapeHtml(part.intro)}</p><div class="sides" style="--sides: ${part.sides.length}">${sides}</div>${after}</section>`;
  });
  const nav = page.parts.map((p) => `<a href="#${escapeHtml(p.id)}">${escapeHtml(p.title)}</a>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(clean(page.title))}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(clean(page.title))}</h1>
${page.summary.map((l) => `<p class="summary">${escapeHtml(clean(l))}</p>`).join('\n')}
<nav>${nav}</nav></header>
${parts.join('\n')}
</body>
</html>
`;
}
