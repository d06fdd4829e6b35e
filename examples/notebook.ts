/**
 * Builds the Jupyter notebook examples/analyst.ipynb from the script
 * examples/analyst.ts, so that the notebook and the script CI runs are the
 * same code. The script marks cells the "percent" way: `// %%` starts a code
 * cell, `// %% [markdown]` a markdown cell written as `// ` comments.
 *
 *   npx tsx examples/notebook.ts            # rewrite the notebook
 *   npx tsx examples/notebook.ts --check    # exit 1 if it is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Cell {
  cell_type: 'markdown' | 'code';
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: never[];
}

/** Splits a percent-format script into notebook cells. */
export function cellsOf(script: string): Cell[] {
  const cells: Cell[] = [];
  for (const block of script.split(/^(?=\/\/ %%)/m)) {
    const [marker = '', ...body] = block.split('\n');
    if (!marker.startsWith('// %%')) continue;
    const markdown = marker.includes('[markdown]');
    const lines = (markdown ? body.map((l) => l.replace(/^\/\/ ?/, '')) : body).join('\n').trim().split('\n');
    const source = lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
    cells.push(markdown ? { cell_type: 'markdown', metadata: {}, source } : { cell_type: 'code', metadata: {}, source, execution_count: null, outputs: [] });
  }
  return cells;
}

/** The notebook (nbformat 4) for a TypeScript kernel such as tslab. */
export function notebookOf(script: string): string {
  const notebook = {
    cells: cellsOf(script),
    metadata: {
      kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const script = new URL('./analyst.ts', import.meta.url);
  const target = new URL('./analyst.ipynb', import.meta.url);
  const wanted = notebookOf(readFileSync(script, 'utf8'));
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== wanted) {
      process.stderr.write('examples/analyst.ipynb is out of date: run npx tsx examples/notebook.ts\n');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, wanted);
    process.stderr.write(`wrote ${target.pathname}\n`);
  }
}
