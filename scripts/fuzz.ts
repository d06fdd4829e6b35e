/**
 * A bounded, seeded fuzz run (issue 13): realistic logs with faults
 * injected, each checked three ways.
 *
 *   npm run fuzz                          # 20 s, a fresh seed (printed)
 *   FUZZ_SECONDS=60 npm run fuzz          # longer
 *   FUZZ_SEED=123456 npm run fuzz         # the same logs again, in the same order
 *   FUZZ_SEED=123456 FUZZ_ONLY=17 npm run fuzz   # log 17 of that run alone, with its details
 *   FUZZ_LOGS=50 npm run fuzz             # exactly 50 logs, whatever the time
 *
 * Each log is made by examples/generate.ts (every event type, none refused
 * under the default policy), replayed under the default policy or a preset,
 * and damaged: duplicates, reorders, drops, a truncated last line, invalid
 * UTF-8, byte order marks, invalid JSON, unknown types, missing, extra and
 * mistyped fields, an id reused with another payload, time going backwards,
 * huge lines, deep nesting, huge decimals, prototype keys and ids, times
 * without an offset or out of range, CRLF and blank lines. Every log also
 * gets hostile snapshots (damaged, resumed), hostile policies and hostile
 * objects for `ingest`. Then:
 *
 * 1. the faulty log's state equals the state of its valid events alone
 *    (a duplicate of a valid line is a no-op, so that log has it once;
 *    a line that a fault made invalid, such as one moved before an earlier
 *    one, is not in it), and each valid line has the same outcome in both;
 * 2. every injected bad line is reported with its line number;
 * 3. no exception escapes, and no log runs longer than FUZZ_LOG_SECONDS
 *    (default 15; a watchdog kills a hung run and counts a crash).
 *
 * A snapshot taken halfway and read back must resume to the same state.
 * One log in eight also goes through the command line (`validate`), which
 * must exit 2 and name every bad line. The last line of output is exactly
 * `logs: N, faults: M, crashes: C, lost: L`, where L counts valid events
 * lost (a state that differs, a valid line with another outcome) and bad
 * lines left unreported. The exit code is 1 when C or L is not 0.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogResult } from './fuzz-log.js';

// ---------------------------------------------------------------------------
// The run: a parent that keeps time and a watchdog, and a child that fuzzes.

interface Progress {
  readonly kind: 'start' | 'done';
  readonly index: number;
  readonly result?: LogResult;
}

async function child(seed: number, from: number, until: number, only: number | null, maxLogs: number | null): Promise<void> {
  // The engine is loaded here only: the parent keeps time and stays light.
  const { fuzzLog } = await import('./fuzz-log.js');
  const send = (m: Progress) => process.send?.(m);
  for (let index = from; only === null ? Date.now() < until && (maxLogs === null || index < maxLogs) : index === only; index++) {
    send({ kind: 'start', index });
    const { faulty, ...result } = await fuzzLog(seed, index);
    if ((result.crashes > 0 || result.lost > 0) && process.env['FUZZ_KEEP'] !== '0') {
      mkdirSync('.fuzz', { recursive: true });
      writeFileSync(join('.fuzz', `seed-${seed}-log-${index}.jsonl`), faulty);
    }
    send({ kind: 'done', index, result });
  }
}

async function parent(): Promise<void> {
  const seconds = Number(process.env['FUZZ_SECONDS'] ?? 20);
  const seed = process.env['FUZZ_SEED'] !== undefined && process.env['FUZZ_SEED'] !== '' ? Number(process.env['FUZZ_SEED']) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  const only = process.env['FUZZ_ONLY'] !== undefined && process.env['FUZZ_ONLY'] !== '' ? Number(process.env['FUZZ_ONLY']) : null;
  const maxLogs = process.env['FUZZ_LOGS'] !== undefined && process.env['FUZZ_LOGS'] !== '' ? Number(process.env['FUZZ_LOGS']) : null;
  const perLog = Number(process.env['FUZZ_LOG_SECONDS'] ?? 15) * 1000;
  const started = Date.now();
  // The child stops starting logs a little before the end, so the run ends on time.
  const until = maxLogs !== null || only !== null ? Number.POSITIVE_INFINITY : started + Math.max(1, seconds - 1.5) * 1000;
  process.stdout.write(`fuzz: seed ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz), ${only !== null ? `log ${only} only` : maxLogs !== null ? `${maxLogs} logs` : `${seconds} s`}\n`);
  const totals = { logs: 0, faults: 0, crashes: 0, lost: 0 };
  const report = (r: LogResult) => {
    totals.logs++;
    totals.faults += r.faults;
    totals.crashes += r.crashes;
    totals.lost += r.lost;
    for (const d of r.details.slice(0, 20)) process.stderr.write(`  ${d}\n`);
    if (r.details.length > 0) process.stderr.write(`  (replay this log alone: FUZZ_SEED=${seed} FUZZ_ONLY=${r.index} npm run fuzz; its bytes are in .fuzz/)\n`);
  };
  let next = only ?? 0;
  for (;;) {
    const outcome = await new Promise<'finished' | { hung: number } | { died: number }>((resolve) => {
      const worker = fork(fileURLToPath(import.meta.url), ['--child', String(seed), String(next), String(until), String(only ?? ''), String(maxLogs ?? '')], { execArgv: process.execArgv, stdio: 'inherit' });
      let current = -1;
      let since = Date.now();
      const watchdog = setInterval(() => {
        if (current >= 0 && Date.now() - since > perLog) {
          worker.kill('SIGKILL');
          resolve({ hung: current });
        }
      }, 250);
      worker.on('message', (m: Progress) => {
        if (m.kind === 'start') {
          current = m.index;
          since = Date.now();
        } else {
          current = -1;
          next = m.index + 1;
          if (m.result) report(m.result);
        }
      });
      worker.on('exit', (code) => {
        clearInterval(watchdog);
        resolve(code === 0 && current < 0 ? 'finished' : { died: current });
      });
    });
    if (outcome === 'finished') break;
    const index = 'hung' in outcome ? outcome.hung : outcome.died;
    totals.logs++;
    totals.crashes++;
    process.stderr.write(`  log ${index}: ${'hung' in outcome ? `ran longer than ${perLog / 1000} s` : 'the fuzzing process died'} (replay: FUZZ_SEED=${seed} FUZZ_ONLY=${index} npm run fuzz)\n`);
    next = index + 1;
    if (only !== null || Date.now() >= until) break;
  }
  process.stdout.write(`logs: ${totals.logs}, faults: ${totals.faults}, crashes: ${totals.crashes}, lost: ${totals.lost}\n`);
  process.exitCode = totals.crashes > 0 || totals.lost > 0 ? 1 : 0;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv[2] === '--child') {
    const [, , , seed, from, until, only, maxLogs] = process.argv;
    await child(Number(seed), Number(from), Number(until), only === '' || only === undefined ? null : Number(only), maxLogs === '' || maxLogs === undefined ? null : Number(maxLogs));
  } else await parent();
}
