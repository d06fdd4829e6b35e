/**
 * Wall time and peak RSS of the built CLI replaying long benchmark logs, for
 * two checks: 4x the events costs at most ~4x the time (nothing quadratic),
 * and peak RSS stays within the engine's state plus ~200 MB (the log is
 * streamed, not held). Generates a 250k and a 1M-event log into a temp dir.
 *
 *   npm run bench:cli                            # builds first
 *   npm run bench:cli -- --events 100000,400000
 *
 * Peak RSS comes from `/usr/bin/time -v`; without it, from the CLI process's
 * own getrusage at exit (process.resourceUsage().maxRSS, loaded with --import).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from '../examples/generate.js';

const cli = resolve('dist/cli.js');
if (!existsSync(cli)) {
  process.stderr.write('cli-memory: no dist/cli.js; run npm run build first\n');
  process.exit(1);
}
const i = process.argv.indexOf('--events');
const sizes = (i >= 0 ? (process.argv[i + 1] ?? '') : '250000,1000000').split(',').map(Number);
const time = '/usr/bin/time';
const haveTime = existsSync(time);
// Fallback: the CLI reports its own peak RSS (KB on Linux) as it exits.
const selfReport = `data:text/javascript,${encodeURIComponent("import{writeSync}from'node:fs';process.on('exit',()=>writeSync(2,'\\nmaxRSS(kbytes): '+process.resourceUsage().maxRSS+'\\n'))")}`;

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
  rssMB: number;
  code: number | null;
}

function run(events: number): Run {
  const log = join(dir, `bench-${events}.jsonl`);
  writeLog(log, events);
  const out = join(dir, `out-${events}`);
  const node = [cli, 'replay', log, '--format', 'json', '--out', out];
  const [cmd, args] = haveTime ? [time, ['-v', process.execPath, ...node]] : [process.execPath, [`--import=${selfReport}`, ...node]];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const kb = /(?:Maximum resident set size \(kbytes\)|maxRSS\(kbytes\)): (\d+)/.exec(r.stderr ?? '')?.[1];
  if (kb === undefined) throw new Error(`no peak RSS in the output of ${cmd}:\n${r.stderr ?? ''}`);
  // /usr/bin/time exits with the command's code.
  const code = r.status;
  if (code !== 0) say(`  (exit code ${code ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(0, 3).join(' / ')})`);
  const mb = statSync(log).size / 1e6;
  rmSync(log);
  // A benchmark log has no bad line; say so if the CLI found one.
  const summary = join(out, 'summary.json');
  const bad = existsSync(summary) ? (JSON.parse(readFileSync(summary, 'utf8')) as { badLines?: number }).badLines : undefined;
  rmSync(out, { recursive: true, force: true });
  const result = { events, seconds, rssMB: Number(kb) / 1024, code };
  say(`${events} events (${mb.toFixed(0)} MB log): wall ${seconds.toFixed(1)} s, peak RSS ${result.rssMB.toFixed(0)} MB, ${bad ?? '?'} bad lines`);
  return result;
}

say(`node ${process.version}; peak RSS from ${haveTime ? `${time} -v` : 'process.resourceUsage().maxRSS in the CLI'}`);
say(`node dist/cli.js replay <log> --format json --out <dir>, logs in ${dir}`);
try {
  const runs = sizes.map(run);
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (first && last && last !== first) {
    say(`time ratio ${last.events / 1000}k/${first.events / 1000}k: ${(last.seconds / first.seconds).toFixed(2)} (events ${(last.events / first.events).toFixed(0)}x)`);
    say(`peak RSS ratio ${last.events / 1000}k/${first.events / 1000}k: ${(last.rssMB / first.rssMB).toFixed(2)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
