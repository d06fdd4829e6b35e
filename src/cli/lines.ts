/**
 * Reading a JSONL log as a stream of lines. Lines are split on the raw bytes
 * (Buffer.indexOf), which is about twice as fast as readline, and decoded one
 * whole line at a time, so a character cut by a chunk boundary stays whole.
 */

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const BOM = '\uFEFF';
const BOM_BYTES = Buffer.from(BOM);

/** Receives each line (without its newline or carriage return) and its 1-based number. */
export type LineHandler = (text: string, line: number) => void;

/** Splits chunks of bytes into lines; feed it chunks, then call `end`. */
export class LineSplitter {
  private rest: Buffer | null = null;
  private count = 0;

  constructor(private readonly onLine: LineHandler) {}

  /** The number of lines emitted so far. */
  get lines(): number {
    return this.count;
  }

  push(chunk: Buffer): void {
    const buf = this.rest === null ? chunk : Buffer.concat([this.rest, chunk]);
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
      this.emit(buf, start, nl);
      start = nl + 1;
    }
    this.rest = start < buf.length ? buf.subarray(start) : null;
  }

  /** Emits the last line when the log does not end with a newline. */
  end(): void {
    const rest = this.rest;
    this.rest = null;
    // A file holding only a byte order mark has no lines.
    if (rest !== null && !(this.count === 0 && rest.equals(BOM_BYTES))) this.emit(rest, 0, rest.length);
  }

  private emit(buf: Buffer, start: number, end: number): void {
    const stop = end > start && buf[end - 1] === RETURN ? end - 1 : end;
    let text = buf.toString('utf8', start, stop);
    this.count++;
    // Logs saved by Excel or Notepad may start with a byte order mark.
    if (this.count === 1 && text.startsWith(BOM)) text = text.slice(1);
    this.onLine(text, this.count);
  }
}

/**
 * Reads every line of a byte stream.
 *
 * @param source - the bytes (a file or stdin stream)
 * @param onLine - called once per line, in order
 * @param onChunk - called after each chunk with the bytes read so far (for progress); reading waits for the promise it may return (output draining)
 * @returns the number of lines
 */
export async function eachLine(
  source: AsyncIterable<Buffer | string>,
  onLine: LineHandler,
  onChunk?: (bytes: number, lines: number) => Promise<void> | void,
): Promise<number> {
  const splitter = new LineSplitter(onLine);
  let bytes = 0;
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buf.length;
    splitter.push(buf);
    const waiting = onChunk?.(bytes, splitter.lines);
    if (waiting !== undefined) await waiting;
  }
  splitter.end();
  return splitter.lines;
}
