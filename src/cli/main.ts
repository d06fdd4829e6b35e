/**
 * The `salesfloor` executable: binds the command line to the process.
 */
import { run } from './cli.js';
import type { Output } from './io.js';

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

run(process.argv.slice(2), { stdout: quietOnClose(process.stdout), stderr: quietOnClose(process.stderr), stdin: process.stdin, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`salesfloor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
