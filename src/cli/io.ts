/**
 * The CLI's contact with the outside world, passed in so that tests can run
 * commands in-process: output streams, stdin, the working directory.
 */
import { isAbsolute, relative } from 'node:path';
import type { Leftovers } from './leftovers.js';

/** A writable text stream (process.stdout, a file stream, a test buffer). */
export interface Output {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
}

/** What a command may touch. */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Read when the log is `-`. */
  readonly stdin: AsyncIterable<Buffer | string>;
  /** Relative paths resolve against it. */
  readonly cwd: string;
  /**
   * How many rows of a streamed report (receptions, deals) are held before
   * they are filled in and written (default {@link CHUNK_ROWS}). Tests make
   * it small to see rows written while the log is still being read.
   */
  readonly chunkRows?: number;
  /**
   * The width tables on stdout fold to; undefined: they never fold. The
   * executable sets it: the terminal's width, else `$COLUMNS`, else 100.
   */
  readonly columns?: number;
  /** Where output files and temporary directories are named, to be removed if the run is interrupted (Ctrl-C). */
  readonly leftovers?: Leftovers;
}

/**
 * Rows of a streamed report held before they are filled in and written. Each
 * chunk's end costs a `replayer.state()`, whose cost grows with the state
 * (docs/performance.md), and holds its rows' decisions and the engine's
 * writes since the last one: 10,000 keeps that to some tens of MB.
 *
 * @example
 * ```ts
 * const rows = io.chunkRows ?? CHUNK_ROWS;
 * ```
 */
export const CHUNK_ROWS = 10_000;

/** The documented exit codes. */
export const exitCodes = {
  /** Done, and the input was clean. */
  clean: 0,
  /** Wrong usage: unknown command or option, missing argument, unreadable file, invalid policy. */
  usage: 1,
  /** Done, but bad input was found (bad lines, refused events); they are named and quarantined. */
  badInput: 2,
  /** An output file or directory could not be written (`--out`, the quarantine file): sysexits' EX_IOERR. */
  output: 74,
} as const;

/**
 * A usage error: printed with a hint, exit code 1. Given lines, each is
 * printed on its own line (and made terminal-safe on its own); a string is
 * one line, any line break in it shown escaped.
 *
 * @example
 * ```ts
 * throw new UsageError(['--policy p.json is not a valid policy:', '  ownership.validityDays.visit: must be 0 or more (invalid_policy)']);
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The lines of the message, as printed. */
  readonly lines: readonly string[];

  /** @param message - one line, or the lines of the message */
  constructor(message: string | readonly string[]) {
    const lines = typeof message === 'string' ? [message] : message;
    super(lines.join('\n'));
    this.lines = lines;
  }
}

/**
 * An output that could not be written (`--out`, the quarantine file):
 * printed with its reason and without a stack, exit code 74.
 *
 * @example
 * ```ts
 * throw new OutputError('cannot write out/owners.csv: permission denied (EACCES)');
 * ```
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/**
 * The reason of a failed file operation, as people read it.
 *
 * @param error - what the file system threw
 * @param doing - what failed: writing an output (a missing path is a folder that is not there) or reading an input (the file itself may be missing)
 * @returns e.g. `permission denied (EACCES)`
 * @example
 * ```ts
 * reasonOf(Object.assign(new Error('EACCES: ...'), { code: 'EACCES' })); // 'permission denied (EACCES)'
 * reasonOf(Object.assign(new Error('ENOENT: ...'), { code: 'ENOENT' }), 'read'); // 'no such file or directory (ENOENT)'
 * ```
 */
export function reasonOf(error: unknown, doing: 'write' | 'read' = 'write'): string {
  const e = error as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENOENT: doing === 'read' ? 'no such file or directory' : 'no such directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EISDIR: 'it is a directory',
    EEXIST: 'a file is in the way',
  };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  return code !== undefined && words[code] !== undefined ? `${words[code]} (${code})` : error instanceof Error ? error.message : String(error);
}

/**
 * A path as people read it: relative to the working directory when under it
 * (as they typed it, mostly), else absolute.
 *
 * @param cwd - the working directory
 * @param path - an absolute path
 * @returns the path to show
 * @example
 * ```ts
 * shownPath('/home/li', '/home/li/out/owners.csv'); // 'out/owners.csv'
 * shownPath('/home/li', '/tmp/log.jsonl'); // '/tmp/log.jsonl'
 * ```
 */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const CHUNK = 1 << 16;

/**
 * Writes text to a stream from inside a synchronous loop (the log's lines),
 * in blocks of about 64 KB, and remembers whether the stream asked to wait;
 * the loop awaits {@link TextWriter.drained} between blocks of the log, so
 * the text waiting in memory stays bounded.
 *
 * @example
 * ```ts
 * const w = new TextWriter(process.stdout);
 * w.write(['a\n', 'b\n']);
 * await w.drained();
 * ```
 */
export class TextWriter {
  private waiting: Promise<void> | null = null;

  /** @param out - the stream written to */
  constructor(private readonly out: Output) {}

  /**
   * Writes the text now.
   *
   * @param chunks - the text
   */
  write(chunks: Iterable<string>): void {
    let buffer = '';
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= CHUNK) {
        this.send(buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) this.send(buffer);
  }

  /**
   * Writes the text, waiting for the stream whenever it asks (for long text
   * outside the log's loop: a report from the final state, a spool read back).
   *
   * @param chunks - the text
   * @returns a promise that resolves when the stream has taken all of it
   */
  async pipe(chunks: Iterable<string>): Promise<void> {
    let buffer = '';
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= CHUNK) {
        this.send(buffer);
        buffer = '';
        await this.drained();
      }
    }
    if (buffer.length > 0) this.send(buffer);
    await this.drained();
  }

  /**
   * Resolves once the stream has taken what was written.
   *
   * @returns a promise that resolves when the stream no longer asks to wait
   */
  drained(): Promise<void> {
    const waiting = this.waiting ?? Promise.resolve();
    this.waiting = null;
    return waiting;
  }

  private send(text: string): void {
    if (!this.out.write(text) && this.waiting === null) this.waiting = new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}

/**
 * Writes text chunks to a stream in blocks of about 64 KB, waiting for the
 * stream to drain when it asks to (so large reports do not pile up in memory).
 *
 * @param out - the stream
 * @param chunks - the text
 * @returns a promise that resolves when the stream has taken all of it
 * @example
 * ```ts
 * await pipeText(process.stdout, csvLines(columns, rows, maskText));
 * ```
 */
export async function pipeText(out: Output, chunks: Iterable<string>): Promise<void> {
  let buffer = '';
  const flush = async () => {
    const ok = out.write(buffer);
    buffer = '';
    if (!ok) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= CHUNK) await flush();
  }
  if (buffer.length > 0) await flush();
}
