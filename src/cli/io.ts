/**
 * The CLI's contact with the outside world, passed in so that tests can run
 * commands in-process: output streams, stdin, the working directory.
 */

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
}

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

/** A usage error: printed with a hint, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An output that could not be written: printed without a stack, exit code 74. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/**
 * The reason of a failed file operation, as people read it.
 *
 * @param error - what the file system threw
 * @returns e.g. `permission denied (EACCES)`
 */
export function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENOENT: 'no such directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EISDIR: 'it is a directory',
    EEXIST: 'a file is in the way',
  };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  return code !== undefined && words[code] !== undefined ? `${words[code]} (${code})` : error instanceof Error ? error.message : String(error);
}

const CHUNK = 1 << 16;

/**
 * Writes text chunks to a stream in blocks of about 64 KB, waiting for the
 * stream to drain when it asks to (so large reports do not pile up in memory).
 *
 * @param out - the stream
 * @param chunks - the text
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
