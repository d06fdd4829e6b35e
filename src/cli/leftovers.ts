/**
 * What an interrupted or failed run must not leave behind. The commands
 * name each output file as they open it (the files of `--out`, the
 * workbook, the quarantine file), each folder they make for one, and each
 * temporary directory (spools). On Ctrl-C the executable removes the files
 * this run wrote, so no half-written file is left looking complete, then
 * exits 130; a run that fails (a usage error, an output it could not
 * write, a bug) removes the files it created. Either way the folders it
 * made go when nothing else is in them; a folder or a file that was there
 * before is never removed by a failure.
 */
import { mkdirSync, rmdirSync, rmSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** A file as it was when named: absent, or its identity and last change. */
type Before = { readonly absent: true } | { readonly absent: false; readonly ino: number; readonly mtimeMs: number; readonly ctimeMs: number; readonly size: number };

function look(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * The output files and temporary directories of one run.
 *
 * @example
 * ```ts
 * const leftovers = new Leftovers();
 * leftovers.file('/tmp/out/owners.csv'); // before opening it
 * process.once('SIGINT', () => { leftovers.remove(); process.exit(130); });
 * ```
 */
export class Leftovers {
  private readonly files = new Map<string, Before>();
  private readonly dirs = new Set<string>();
  /** The folders this run made for its outputs, in the order made (a parent before its children). */
  private readonly made: string[] = [];

  /**
   * Names an output file of the run, before it is opened: removed on
   * interrupt if the run created or rewrote it (a file it only might have
   * written, such as a quarantine with no bad line yet, is kept untouched).
   *
   * @param path - the file's absolute path
   */
  file(path: string): void {
    if (this.files.has(path)) return;
    const now = look(path);
    this.files.set(path, now === null ? { absent: true } : { absent: false, ino: now.ino, mtimeMs: now.mtimeMs, ctimeMs: now.ctimeMs, size: now.size });
  }

  /**
   * Names a temporary directory of the run: always removed on interrupt.
   *
   * @param path - the directory's absolute path
   */
  dir(path: string): void {
    this.dirs.add(path);
  }

  /**
   * Names the folders a recursive mkdir made for an output: from the first
   * it made (what `mkdirSync(dir, { recursive: true })` returns) down to
   * `dir`. Nothing when it made none.
   *
   * @param first - the topmost folder made, or undefined
   * @param dir - the folder asked for
   */
  madeDirectories(first: string | undefined, dir: string): void {
    if (first === undefined) return;
    const chain: string[] = [];
    for (let d = dir; d !== first && dirname(d) !== d; d = dirname(d)) chain.unshift(d);
    for (const d of [first, ...chain]) if (!this.made.includes(d)) this.made.push(d);
  }

  /**
   * Ctrl-C: removes the files the run wrote (created, or rewritten: half
   * written either way), its temporary directories, and the folders it made
   * that are left empty.
   *
   * @returns the files removed (not the directories)
   */
  remove(): string[] {
    const removed = this.removeFiles((before, now) => before.absent || now.ino !== before.ino || now.mtimeMs !== before.mtimeMs || now.ctimeMs !== before.ctimeMs || now.size !== before.size);
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    this.removeMadeDirectories();
    return removed;
  }

  /**
   * A failed run: removes the files it created (a file that was there
   * before stays, rewritten or not), its temporary directories, and the
   * folders it made that are left empty (one that holds anything else
   * stays).
   *
   * @returns the files removed (not the directories)
   */
  discard(): string[] {
    const removed = this.removeFiles((before) => before.absent);
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    this.removeMadeDirectories();
    return removed;
  }

  private removeFiles(remove: (before: Before, now: Stats) => boolean): string[] {
    const removed: string[] = [];
    for (const [path, before] of this.files) {
      const now = look(path);
      if (now === null || !now.isFile() || !remove(before, now)) continue;
      try {
        rmSync(path, { force: true });
        removed.push(path);
      } catch {
        // Nothing more can be done on the way out: the message names what was removed.
      }
    }
    return removed;
  }

  /** The folders made, deepest first, each only if empty. */
  private removeMadeDirectories(): void {
    for (const dir of [...this.made].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty (something else is in it), or gone: it stays as it is.
      }
    }
  }
}

/**
 * Makes an output's folder (and the folders above it), telling the run's
 * leftovers which it made, so that a run that fails or is interrupted
 * removes them if they are left empty.
 *
 * @param dir - the folder
 * @param leftovers - the run's leftovers, if it keeps them
 * @throws what mkdir throws (a file in the way, no permission)
 * @example
 * ```ts
 * makeDirectory('/tmp/out', leftovers);
 * ```
 */
export function makeDirectory(dir: string, leftovers: Leftovers | undefined): void {
  const first = mkdirSync(dir, { recursive: true });
  leftovers?.madeDirectories(first, dir);
}

/**
 * What the executable says on Ctrl-C, after removing the run's leftovers.
 *
 * @param removed - the files removed, as people read their paths
 * @returns the message, with its line break
 * @example
 * ```ts
 * interruptedMessage(['out/reports.xlsx']); // 'salesfloor: interrupted (Ctrl-C); removed the partial output out/reports.xlsx\n'
 * ```
 */
export function interruptedMessage(removed: readonly string[]): string {
  return `salesfloor: interrupted (Ctrl-C); ${removed.length === 0 ? 'no output file was left' : `removed the partial output ${removed.join(', ')}`}\n`;
}
