/**
 * Builds the Jupyter notebook examples/analyst.ipynb from the script
 * examples/analyst.ts, so that the notebook and the script are the same code.
 * The script marks cells the "percent" way: `// %%` starts a code cell,
 * `// %% [markdown]` a markdown cell written as `// ` comments.
 *
 *   npx tsx examples/notebook.ts            # rewrite the notebook's cells (outputs of unchanged cells are kept)
 *   npx tsx examples/notebook.ts --check    # exit 1 if its cells are not the script's
 *   npx tsx examples/notebook.ts --verify run.ipynb   # exit 1 unless an executed notebook ran clean, with its charts,
 *                                                     # and printed what examples/analyst.ipynb has saved
 *
 * The outputs come from running the notebook itself in Jupyter
 * (`npm run notebook:execute`); the check compares cells, not outputs.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** A notebook cell (nbformat 4.5: every cell has an id). */
export interface Cell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
  execution_count?: number | null;
  outputs?: unknown[];
}

interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Splits a percent-format script into notebook cells, with ids by position (`cell-01`, ...). */
export function cellsOf(script: string): Cell[] {
  const cells: Cell[] = [];
  for (const block of script.split(/^(?=\/\/ %%)/m)) {
    const [marker = '', ...body] = block.split('\n');
    if (!marker.startsWith('// %%')) continue;
    const markdown = marker.includes('[markdown]');
    const lines = (markdown ? body.map((l) => l.replace(/^\/\/ ?/, '')) : body).join('\n').trim().split('\n');
    const source = lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
    const id = `cell-${String(cells.length + 1).padStart(2, '0')}`;
    cells.push(markdown ? { cell_type: 'markdown', id, metadata: {}, source } : { cell_type: 'code', id, metadata: {}, source, execution_count: null, outputs: [] });
  }
  return cells;
}

const text = (c: Pick<Cell, 'source'>): string => (Array.isArray(c.source) ? c.source.join('') : String(c.source));

/**
 * The notebook (nbformat 4.5) for the TypeScript kernel tslab. Cells of
 * `previous` with the same id, type and source keep their outputs.
 */
export function notebookOf(script: string, previous?: string): string {
  const before = new Map<string, Cell>();
  if (previous !== undefined) for (const c of (JSON.parse(previous) as Notebook).cells) before.set(c.id, c);
  const cells = cellsOf(script).map((cell) => {
    const old = before.get(cell.id);
    if (cell.cell_type !== 'code' || old === undefined || old.cell_type !== 'code' || text(old) !== text(cell)) return cell;
    return { ...cell, execution_count: old.execution_count ?? null, outputs: old.outputs ?? [] };
  });
  const notebook: Notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/**
 * What differs between a notebook's cells and the script's, as sentences
 * (empty when they are the same). Outputs and execution counts are not compared.
 */
export function cellDifferences(notebook: string, script: string): string[] {
  const have = (JSON.parse(notebook) as Notebook).cells;
  const want = cellsOf(script);
  const out: string[] = [];
  if (have.length !== want.length) out.push(`the notebook has ${have.length} cells, the script ${want.length}`);
  want.forEach((w, i) => {
    const h = have[i];
    if (h === undefined) return;
    if (h.id !== w.id) out.push(`cell ${i + 1}: id ${h.id}, the script's is ${w.id}`);
    if (h.cell_type !== w.cell_type) out.push(`cell ${w.id}: a ${h.cell_type} cell, the script's is ${w.cell_type}`);
    else if (text(h) !== text(w)) out.push(`cell ${w.id}: its source differs from the script's`);
  });
  return out;
}

/**
 * What is wrong with an executed notebook, as sentences (empty when it ran
 * clean): an error or anything on stderr (tslab prints type errors there),
 * or fewer SVG charts than `charts`. (tslab leaves execution counts empty, so
 * they say nothing.)
 */
export function executionProblems(notebook: string, charts: number): string[] {
  const out: string[] = [];
  let svgs = 0;
  for (const c of (JSON.parse(notebook) as Notebook).cells) {
    if (c.cell_type !== 'code') continue;
    for (const o of (c.outputs ?? []) as { output_type?: string; name?: string; ename?: string; text?: string[]; data?: Record<string, unknown> }[]) {
      if (o.output_type === 'error') out.push(`cell ${c.id}: ${o.ename ?? 'error'}`);
      if (o.output_type === 'stream' && o.name === 'stderr') out.push(`cell ${c.id} wrote to stderr: ${(o.text ?? []).join('').slice(0, 300)}`);
      if (o.data?.['image/svg+xml'] !== undefined) svgs++;
    }
  }
  if (svgs < charts) out.push(`${svgs} SVG charts, expected at least ${charts}`);
  return out;
}

/**
 * The code cells whose outputs differ between two runs of the notebook (the
 * committed one and a fresh one), as sentences: stale outputs would show a
 * reader what the engine no longer says. Execution metadata (times) is not
 * compared.
 */
export function outputDifferences(committed: string, fresh: string): string[] {
  const outputs = (text: string) => new Map((JSON.parse(text) as Notebook).cells.filter((c) => c.cell_type === 'code').map((c) => [c.id, JSON.stringify(c.outputs ?? [])]));
  const [a, b] = [outputs(committed), outputs(fresh)];
  return [...b].filter(([id, out]) => a.get(id) !== out).map(([id]) => `cell ${id}: its saved outputs are not what a fresh run prints`);
}

/** The charts the notebook draws (each `show(...)` call of the script). */
export const CHARTS = 3;

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const script = readFileSync(new URL('./analyst.ts', import.meta.url), 'utf8');
  const target = new URL('./analyst.ipynb', import.meta.url);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: written below, or out of date under --check
  }
  const verify = process.argv.indexOf('--verify');
  if (verify >= 0) {
    const file = process.argv[verify + 1];
    if (file === undefined) throw new Error('--verify needs the executed notebook file');
    const executed = readFileSync(file, 'utf8');
    const problems = [...executionProblems(executed, CHARTS), ...(current === undefined ? [] : outputDifferences(current, executed).map((d) => `${d} (npm run notebook:execute saves them)`))];
    if (problems.length > 0) {
      process.stderr.write(`${file} did not run clean:\n  ${problems.join('\n  ')}\n`);
      process.exitCode = 1;
    } else process.stderr.write(`${file} ran clean, with its ${CHARTS} charts\n`);
  } else if (process.argv.includes('--check')) {
    const differences = current === undefined ? ['examples/analyst.ipynb is missing'] : cellDifferences(current, script);
    if (differences.length > 0) {
      process.stderr.write(`examples/analyst.ipynb is out of date (run npx tsx examples/notebook.ts, then npm run notebook:execute):\n  ${differences.join('\n  ')}\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, notebookOf(script, current));
    process.stderr.write(`wrote ${target.pathname}\n`);
  }
}
