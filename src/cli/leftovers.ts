/**
 * What an interrupted run must not leave behind. The commands name each
 * output file as they open it (the files of `--out`, the workbook, the
 * quarantine file) and each temporary directory (spools); on Ctrl-C the
 * executable removes the ones this run wrote, so no half-written file is
 * left looking complete, then exits 130.
 */
import { rmSync, statSync, type Stats } from 'node:fs';

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
   * Removes the files the run wrote and its temporary directories.
   *
   * @returns the files removed (not the temporary directories)
   */
  remove(): string[] {
    const removed: string[] = [];
    for (const [path, before] of this.files) {
      const now = look(path);
      if (now === null || !now.isFile()) continue;
      const touched = before.absent || now.ino !== before.ino || now.mtimeMs !== before.mtimeMs || now.ctimeMs !== before.ctimeMs || now.size !== before.size;
      if (!touched) continue;
      try {
        rmSync(path, { force: true });
        removed.push(path);
      } catch {
        // Nothing more can be done on the way out: the message names what was removed.
      }
    }
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    return removed;
  }
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
