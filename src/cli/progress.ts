/**
 * The progress line a long read shows on stderr when stderr is a terminal:
 * how far (share of the file), how many lines, the rate in events a second,
 * and the time left, from the bytes read against the file's size. It is
 * redrawn in place (`\r`) at most five times a second and cleared when the
 * read ends; on Ctrl-C the executable clears it (`\r\x1b[K`) before it
 * says the run was interrupted.
 */
import type { Io } from './io.js';

/** Logs at least this large show progress on a terminal. */
export const PROGRESS_MIN_BYTES = 256 * 1024;
/** What clears the line the cursor is on: back to its start, erase to its end. */
export const CLEAR_LINE = '\r\x1b[K';
const REDRAW_MS = 200;

/**
 * A progress line, ticked as blocks of the log are read.
 *
 * @example
 * ```ts
 * const shown = progress(io, 'office.jsonl', size, () => events);
 * shown.tick(bytesRead, linesRead);
 * shown.done();
 * ```
 */
export interface Progress {
  /**
   * Redraws the line (at most every 200 ms).
   *
   * @param bytes - bytes read so far
   * @param lines - lines read so far
   */
  tick(bytes: number, lines: number): void;
  /** Clears the line, if one was drawn. */
  done(): void;
}

/** A duration as people read it: 0:42, 12:05, 1:02:03. */
function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/**
 * The text of the progress line.
 *
 * @param name - the log's name
 * @param size - its size in bytes; null for stdin (no share, no ETA)
 * @param bytes - bytes read so far
 * @param lines - lines read so far
 * @param events - events applied so far
 * @param elapsedMs - time since the read began
 * @returns e.g. `reading office.jsonl: 42% 120,000 lines, 85,000 events/s, ETA 0:03`
 * @example
 * ```ts
 * progressText('a.jsonl', 1000, 250, 10, 10, 1000); // 'reading a.jsonl: 25% 10 lines, 10 events/s, ETA 0:03'
 * ```
 */
export function progressText(name: string, size: number | null, bytes: number, lines: number, events: number, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(events / seconds) : 0;
  const share = size ? ` ${Math.floor((100 * bytes) / size)}%` : '';
  // The time left: the bytes left at the rate bytes came so far.
  const eta = size && bytes > 0 && elapsedMs > 0 ? `, ETA ${clock((elapsedMs * Math.max(0, size - bytes)) / bytes)}` : '';
  return `reading ${name}:${share} ${lines.toLocaleString('en-US')} lines, ${rate.toLocaleString('en-US')} events/s${eta}`;
}

/**
 * The progress of reading a log: drawn on stderr when it is a terminal and
 * the log is not small (or is stdin); otherwise nothing.
 *
 * @param io - where stderr is
 * @param name - the log's name
 * @param size - its size in bytes; null for stdin
 * @param events - how many events were applied so far
 * @param now - the clock (tests pass their own)
 * @returns the progress line
 */
export function progress(io: Io, name: string, size: number | null, events: () => number = () => 0, now: () => number = Date.now): Progress {
  if (io.stderr.isTTY !== true || (size !== null && size < PROGRESS_MIN_BYTES)) return { tick: () => undefined, done: () => undefined };
  const started = now();
  let last = 0;
  let shown = false;
  return {
    tick(bytes, lines) {
      const at = now();
      if (shown && at - last < REDRAW_MS) return;
      last = at;
      shown = true;
      // Cleared, then written: a shorter line leaves nothing of the longer one before it.
      io.stderr.write(`${CLEAR_LINE}${progressText(name, size, bytes, lines, events(), at - started)}`);
    },
    done() {
      if (shown) io.stderr.write(CLEAR_LINE);
      shown = false;
    },
  };
}
