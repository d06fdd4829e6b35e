/**
 * Runs the CLI in-process, with captured output, for fast end-to-end tests.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/cli.js';
import type { Output } from '../../src/cli/io.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const monthLog = join(root, 'examples/logs/office-month.jsonl');
export const corruptLog = join(root, 'examples/logs/office-day-corrupt.jsonl');
/** The first day of the month: small, for tests of options that need no month. */
export const dayLog = join(mkdtempSync(join(tmpdir(), 'salesfloor-day-')), 'office-day.jsonl');
writeFileSync(dayLog, readFileSync(monthLog, 'utf8').split('\n').filter((l) => l.includes('"at":"2026-10-01T')).map((l) => `${l}\n`).join(''));

/** An output kept as text (readable while a command runs). */
export class Captured implements Output {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  once(): this {
    return this;
  }
}

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh temporary directory (the working directory of a run). */
export const scratch = () => mkdtempSync(join(tmpdir(), 'salesfloor-cli-'));

/** How to run a command in-process. */
export interface CliOptions {
  /** The working directory (default: a fresh temp dir). */
  cwd?: string;
  /** Whether stderr is a terminal (progress is shown). */
  tty?: boolean;
  /** Stdin, as chunks of text, or any stream of chunks (to feed a log while the command runs). */
  stdin?: readonly string[] | AsyncIterable<Buffer>;
  /** Rows of a streamed report per chunk (default: the CLI's). */
  chunkRows?: number;
  /** Where stdout goes (to read it while the command runs). */
  stdout?: Captured;
  /** The terminal width tables on stdout fold to (default: none, they never fold). */
  columns?: number;
}

/**
 * Runs `salesfloor ...args`.
 *
 * @param args - the arguments
 * @param options - the working directory, a terminal on stderr, stdin, the chunk size, stdout
 */
export async function cli(args: readonly string[], options: CliOptions = {}): Promise<Ran> {
  const stdout = options.stdout ?? new Captured();
  const stderr = new Captured(options.tty ?? false);
  const input = options.stdin ?? [];
  const stdin =
    Symbol.asyncIterator in input
      ? input
      : (async function* () {
          for (const chunk of input) yield Buffer.from(chunk);
        })();
  const code = await run(args, { stdout, stderr, stdin, cwd: options.cwd ?? scratch(), ...(options.chunkRows === undefined ? {} : { chunkRows: options.chunkRows }), ...(options.columns === undefined ? {} : { columns: options.columns }) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Parses CSV (RFC 4180, as written by the CLI) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
