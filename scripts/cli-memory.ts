/**
 * Wall time and peak RSS of the built CLI replaying long benchmark logs, for
 * two checks: 4x the events costs at most ~4x the time (nothing quadratic),
 * and peak RSS stays within the engine's state plus ~200 MB (the log is
 * streamed, not held, and so are the rows of receptions and deals).
 * Generates a 250k and a 1M-event log into a temp dir, and runs on each
 *
 * - every report, as JSON files (`replay --format json --out`), and
 * - the scorecard alone (`replay --report scorecard`), which keeps counts
 *   only: its peak RSS is the engine's state, the reference of the first.
 *
 *   npm run bench:cli                            # builds first
 *   npm run bench:cli -- --events 100000,400000
 *   npm run bench:cli -- --no-reference          # every report only
 *   npm run bench:cli -- --cli /tmp/old/cli.js   # another build (e.g. main's, to compare)
 *   npm run bench:cli -- --offices-only          # only the speedup of --jobs (below)
 *
 * Then, offices in parallel: a generated 4-office log (`--office-events` per
 * office, default 50000) replayed with `--jobs 1`, `--jobs 2` and `--jobs 4`,
 * the outputs compared byte for byte, and the speedup printed as ratios of
 * wall and CPU time against `--jobs 1`, in the same run.
 *
 * Peak RSS and CPU time (user + system) come from `/usr/bin/time -v`;
 * without it, from the CLI process's own getrusage at exit
 * (process.resourceUsage(), loaded with --import). CPU time is printed next
 * to wall time because wall time is unreliable on a loaded machine.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generate } from '../examples/generate.js';

const argAfter = (flag: string) => {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const cli = resolve(argAfter('--cli') ?? 'dist/cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`cli-memory: no ${cli}; run npm run build first\n`);
  process.exit(1);
}
const i = process.argv.indexOf('--events');
const sizes = (i >= 0 ? (process.argv[i + 1] ?? '') : '250000,1000000').split(',').map(Number);
const reference = !process.argv.includes('--no-reference');
const time = '/usr/bin/time';
const haveTime = existsSync(time);
// Fallback: the CLI reports its own peak RSS (KB on Linux) as it exits.
const selfReport = `data:text/javascript,${encodeURIComponent("import{writeSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeSync(2,'\\nmaxRSS(kbytes): '+u.maxRSS+'\\ncpu(seconds): '+(u.userCPUTime+u.systemCPUTime)/1e6+'\\n')})")}`;

const dir = mkdtempSync(join(tmpdir(), 'salesfloor-cli-memory-'));
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Streams a benchmark log to a file in chunks, so that a long one is never held whole. */
function writeLog(path: string, events: number): void {
  const fd = openSync(path, 'w');
  let chunk: string[] = [];
  generate({ seed: 7, events, out: path, start: '2026-01-01' }, (line) => {
    chunk.push(line);
    if (chunk.length === 10_000) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  });
  if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  closeSync(fd);
}

interface Run {
  events: number;
  seconds: number;
  /** User + system CPU seconds. */
  cpu: number;
  rssMB: number;
  code: number | null;
  /** The scorecard-only run on the same log: the engine's state. */
  state?: { seconds: number; cpu: number; rssMB: number };
}

/** Runs the CLI under /usr/bin/time (or its own report): wall seconds, peak RSS in MB, stderr, exit code. */
function measure(node: readonly string[]): { seconds: number; cpu: number; rssMB: number; stderr: string; code: number | null; signal: string | null } {
  const [cmd, args] = haveTime ? [time, ['-v', process.execPath, ...node]] : [process.execPath, [`--import=${selfReport}`, ...node]];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const kb = /(?:Maximum resident set size \(kbytes\)|maxRSS\(kbytes\)): (\d+)/.exec(r.stderr ?? '')?.[1];
  if (kb === undefined) throw new Error(`no peak RSS in the output of ${cmd}:\n${r.stderr ?? ''}`);
  const field = (re: RegExp) => Number(re.exec(r.stderr ?? '')?.[1] ?? 0);
  const cpu = haveTime ? field(/User time \(seconds\): ([\d.]+)/) + field(/System time \(seconds\): ([\d.]+)/) : field(/cpu\(seconds\): ([\d.]+)/);
  // /usr/bin/time exits with the command's code.
  return { seconds, cpu, rssMB: Number(kb) / 1024, stderr: r.stderr ?? '', code: r.status, signal: r.signal };
}

function run(events: number): Run {
  const log = join(dir, `bench-${events}.jsonl`);
  writeLog(log, events);
  const out = join(dir, `out-${events}`);
  const node = [cli, 'replay', log, '--format', 'json', '--out', out];
  const r = measure(node);
  const { seconds, code } = r;
  if (code !== 0) say(`  (exit code ${code ?? r.signal}: ${r.stderr.trim().split('\n').slice(0, 3).join(' / ')})`);
  const state = reference ? measure([cli, 'replay', log, '--report', 'scorecard', '--format', 'json', '--out', join(dir, `state-${events}`)]) : undefined;
  rmSync(join(dir, `state-${events}`), { recursive: true, force: true });
  const mb = statSync(log).size / 1e6;
  rmSync(log);
  // A benchmark log has no bad line; say so if the CLI found one.
  const summary = join(out, 'summary.json');
  const bad = existsSync(summary) ? (JSON.parse(readFileSync(summary, 'utf8')) as { badLines?: number }).badLines : undefined;
  rmSync(out, { recursive: true, force: true });
  const result: Run = { events, seconds, cpu: r.cpu, rssMB: r.rssMB, code, ...(state ? { state: { seconds: state.seconds, cpu: state.cpu, rssMB: state.rssMB } } : {}) };
  say(`${events} events (${mb.toFixed(0)} MB log): wall ${seconds.toFixed(1)} s, cpu ${r.cpu.toFixed(1)} s, peak RSS ${result.rssMB.toFixed(0)} MB, ${bad ?? '?'} bad lines`);
  if (state) {
    say(`  scorecard only (the engine's state): wall ${state.seconds.toFixed(1)} s, cpu ${state.cpu.toFixed(1)} s, peak RSS ${state.rssMB.toFixed(0)} MB; every report costs ${(result.rssMB - state.rssMB).toFixed(0)} MB more`);
  }
  return result;
}

/** The speedup of `replay --jobs N` against `--jobs 1` on a generated 4-office log. */
function offices(): void {
  const perOffice = Number(argAfter('--office-events') ?? 50_000);
  const log = join(dir, 'offices-4.jsonl');
  const fd = openSync(log, 'w');
  generate({ seed: 7, events: perOffice, out: log, start: '2026-01-01', offices: 4 }, (line) => writeSync(fd, `${line}\n`));
  closeSync(fd);
  say(`offices in parallel: 4 offices x ${perOffice} events (${(statSync(log).size / 1e6).toFixed(0)} MB), replay --format json --out <dir> --jobs N`);
  const runs = [1, 2, 4].map((jobs) => {
    const out = join(dir, `jobs-${jobs}`);
    const r = measure([cli, 'replay', log, '--format', 'json', '--out', out, '--jobs', String(jobs)]);
    say(`  --jobs ${jobs}: wall ${r.seconds.toFixed(1)} s, cpu ${r.cpu.toFixed(1)} s, peak RSS ${r.rssMB.toFixed(0)} MB, exit ${r.code}`);
    return { jobs, out, ...r };
  });
  const [one] = runs;
  if (one === undefined) return;
  for (const r of runs.slice(1)) {
    const same = ['owners', 'receptions', 'fairness', 'deals', 'credits', 'commissions', 'scorecard', 'summary'].every((name) => readFileSync(join(r.out, `${name}.json`)).equals(readFileSync(join(one.out, `${name}.json`))));
    say(`  speedup --jobs ${r.jobs}/--jobs 1: ${(one.seconds / r.seconds).toFixed(2)}x wall (cpu ${(r.cpu / one.cpu).toFixed(2)}x of --jobs 1's), output ${same ? 'identical' : 'DIFFERENT'}`);
  }
  for (const r of runs) rmSync(r.out, { recursive: true, force: true });
  rmSync(log);
}

say(`node ${process.version}; peak RSS from ${haveTime ? `${time} -v` : 'process.resourceUsage().maxRSS in the CLI'}`);
say(`node ${relative(process.cwd(), cli)} replay <log> --format json --out <dir>, logs in ${dir}`);
try {
  if (process.argv.includes('--offices-only')) {
    offices();
    process.exit(0);
  }
  const runs = sizes.map(run);
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (first && last && last !== first) {
    say(`time ratio ${last.events / 1000}k/${first.events / 1000}k: ${(last.seconds / first.seconds).toFixed(2)} wall, ${(last.cpu / first.cpu).toFixed(2)} cpu (events ${(last.events / first.events).toFixed(0)}x)`);
    say(`peak RSS ratio ${last.events / 1000}k/${first.events / 1000}k: ${(last.rssMB / first.rssMB).toFixed(2)}`);
    if (first.state && last.state) {
      say(`scorecard only: time ratio ${(last.state.seconds / first.state.seconds).toFixed(2)} wall, ${(last.state.cpu / first.state.cpu).toFixed(2)} cpu, peak RSS ratio ${(last.state.rssMB / first.state.rssMB).toFixed(2)}`);
    }
  }
  offices();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
