/**
 * The `salesfloor` executable: binds the command line to the process.
 */
import { relative } from 'node:path';
import { run } from './cli.js';
import type { Output } from './io.js';
import { interruptedMessage, Leftovers } from './leftovers.js';
import { CLEAR_LINE } from './progress.js';
import { terminalWidth } from './width.js';

/**
 * A standard stream that goes quiet when its reader leaves
 * (`salesfloor validate log | head -1` closes the pipe early): the command
 * still runs to its end, so its exit code says whether the log was clean.
 */
function quietOnClose(stream: NodeJS.WriteStream): Output {
  let closed = false;
  const waiting = new Set<() => void>();
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
    for (const resume of waiting) resume();
    waiting.clear();
  });
  const out: Output = {
    write: (chunk) => (closed ? true : stream.write(chunk)),
    once(_event, listener) {
      if (closed) {
        listener();
        return out;
      }
      let called = false;
      const resume = () => {
        if (called) return;
        called = true;
        waiting.delete(resume);
        listener();
      };
      waiting.add(resume);
      stream.once('drain', resume);
      return out;
    },
    ...(stream.isTTY ? { isTTY: true } : {}),
  };
  return out;
}

const cwd = process.cwd();
const leftovers = new Leftovers();

// Ctrl-C: the progress line cleared, the files this run wrote removed (none is left half-written), exit 130 (128 + SIGINT).
process.once('SIGINT', () => {
  if (process.stderr.isTTY) process.stderr.write(CLEAR_LINE);
  const removed = leftovers.remove().map((path) => {
    const rel = relative(cwd, path);
    return rel !== '' && !rel.startsWith('..') ? rel : path;
  });
  process.stderr.write(interruptedMessage(removed));
  process.exit(130);
});

const io = { stdout: quietOnClose(process.stdout), stderr: quietOnClose(process.stderr), stdin: process.stdin, cwd, columns: terminalWidth(process.stdout, process.env.COLUMNS), leftovers };
run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`salesfloor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
