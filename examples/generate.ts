/**
 * A seeded generator of realistic sales-office logs.
 *
 *   npx tsx examples/generate.ts --out /tmp/month.jsonl                  # a month like the bundled one
 *   npx tsx examples/generate.ts --events 1000000 --out /tmp/big.jsonl --seed 7
 *   npx tsx examples/generate.ts --days 1 --corrupt 8 --out examples/logs/office-day-corrupt.jsonl --force
 *   npx tsx examples/generate.ts --help
 *
 * The same seed always gives the same log. One office, 18 salespeople in three
 * teams, Chinese names, phones written the many ways visitor books write them.
 * For a month or a few days, the engine replays alongside, so that most
 * follow-ups, re-confirmations and deals come from the client's owner as of
 * the day before, as in a real office (benchmark logs of `--events N` skip it).
 * Benchmark logs have every event type at realistic, mostly low rates, and
 * never a line the engine refuses: the generator keeps enough books (staff on
 * the roster, units held, money left on a deal) to stay valid on its own.
 * `--returning R` sets the share of client visits and calls by clients already
 * on record, to vary clients per event.
 * `--corrupt N` damages N lines the ways real logs get damaged (truncated
 * writes, wrong fields, unknown staff, reordering, conflicting duplicates),
 * for trying `salesfloor validate` and the quarantine.
 * `--out` is required, and an existing file is replaced only with `--force`
 * (the bundled logs are regenerated that way).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { initialState, ownerOf, parseEvent, replayer, type OfficeState } from 'salesfloor';

/**
 * The rules the generated office follows where they decide who owns a client
 * (the defaults of 0.1, which the bundled logs were written under): 15-day
 * visit, 7-day call and 10-day claim windows, the collision rules of 002,
 * make-ups after company business and a busy turn. The default policy has none.
 */
const OFFICE = {
  ownership: { validityDays: { visit: 15, call: 7, claim: 10, preFile: 10, assigned: 15 } },
  collisions: { afterDealDays: 3, companyVsPerson: 'contractName' },
  disputes: { raiseSameDay: true },
  rotation: { makeUps: { companyBusiness: 'once', busy: 'once' } },
} as const;

/**
 * The fines a benchmark log's `recordViolation` events name (000 §18's
 * misconduct, 004c 七.3's exposed reward conflict): the default policy names
 * no violation, so replay benchmark logs under this for none to be refused.
 */
export const benchmarkPolicy = {
  periods: {
    fines: {
      schedule: {
        misconduct: { range: { min: '20', max: '200' }, source: '000 §18' },
        exposeRewardConflict: { amount: '1000', cancelsClaim: true, source: '004c 七.3' },
      },
    },
  },
} as const;

export interface Options {
  seed: number;
  /** Stop after this many events (0: stop after `days`). */
  events: number;
  /** Days to generate when `events` is 0 (default 31). */
  days?: number;
  /** Bad lines to mix in (the command line only; see {@link corrupt}). */
  corrupt?: number;
  /**
   * The share (0 to 1) of client visits and calls that are by clients already
   * on record. Omitted: about 30% of visits and no calls, as in the bundled
   * month. The benchmark varies it to tell heap per client from heap per event.
   */
  returning?: number;
  /** The file the command line writes (the library's `generate` writes to its sink instead). */
  out?: string;
  start: string;
  /** Replace `out` if it exists. */
  force?: boolean;
  /**
   * Offices in one log (default 1): office k (from 0) is the log of seed
   * `seed + k` under its own id, `jiuzhou` then `jiuzhou-2`, `jiuzhou-3`...,
   * the logs interleaved by time; `events` and `days` are per office.
   */
  offices?: number;
}

/** The generator's command-line words, with what each means. */
export const USAGE = `usage: npx tsx examples/generate.ts --out FILE [options]

  --out FILE        where to write the log (required)
  --force           replace FILE if it exists
  --seed N          the seed (default 20261001): the same seed gives the same log
  --events N        stop after N events: a benchmark log without the engine alongside
  --days N          days to generate when --events is not given (default 31)
  --start DATE      the first day, YYYY-MM-DD (default 2026-10-01)
  --returning R     share (0 to 1) of client visits and calls by known clients
  --corrupt N       damage N lines the ways real logs get damaged
  --offices N       N offices in one log (seeds seed..seed+N-1), interleaved by time
  --help            this text
`;

/** A command line the generator cannot run, with the reason. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function numberOf(flag: string, text: string | undefined, fallback: number, check: (n: number) => boolean, what: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected ${what}`);
  return n;
}

/**
 * Reads the generator's options from command-line words.
 *
 * @param argv - the words after the script, e.g. `['--events', '1000000', '--seed', '7']`
 * @returns the options, with the bundled month's defaults for what is left out
 * @throws UsageError for an unknown flag or a value out of range (the command line prints it with {@link USAGE})
 * @example
 * ```ts
 * generate(options(['--events', '5000', '--returning', '0.8']), (line) => lines.push(line));
 * ```
 */
export function options(argv: string[]): Options & { help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        force: { type: 'boolean' },
        seed: { type: 'string' },
        events: { type: 'string' },
        days: { type: 'string' },
        start: { type: 'string' },
        returning: { type: 'string' },
        corrupt: { type: 'string' },
        offices: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  const start = values.start ?? '2026-10-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start))) throw new UsageError(`--start ${JSON.stringify(start)}: expected a date YYYY-MM-DD`);
  const returning = values.returning === undefined ? undefined : numberOf('--returning', values.returning, 0, (n) => n >= 0 && n <= 1, 'a share from 0 to 1');
  return {
    seed: numberOf('--seed', values.seed, 20261001, Number.isInteger, 'a whole number'),
    events: numberOf('--events', values.events, 0, whole, 'a whole number of events'),
    days: numberOf('--days', values.days, 31, (n) => Number.isInteger(n) && n >= 1, 'a whole number of days, at least 1'),
    corrupt: numberOf('--corrupt', values.corrupt, 0, whole, 'a whole number of lines'),
    offices: numberOf('--offices', values.offices, 1, (n) => Number.isInteger(n) && n >= 1, 'a whole number of offices, at least 1'),
    ...(returning === undefined ? {} : { returning }),
    ...(values.out === undefined ? {} : { out: values.out }),
    start,
    force: values.force === true,
    help: values.help === true,
  };
}

/**
 * mulberry32: small, fast, seedable. The fuzzer draws its faults from it too.
 *
 * @param seed - any number; the same seed gives the same draws
 * @returns draws in [0, 1)
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉红建国文斌宇浩凯健俊帆帅旭宁龙林欣雪琳晨晶颖婷慧佳悦思雨嘉子怡梓涵一诺宏志新春海波'.split('');
const NEEDS = ['90㎡ 三房', '110㎡ 三房', '75㎡ 两房', '130㎡ 四房', '别墅', '商铺', '140㎡ 改善'];
const TELEMARKETERS = ['T01', 'T02'];

interface Client {
  name: string;
  phone: string;
  need: string;
  visits: number;
  dealt: boolean;
}

interface OpenDeal {
  id: string;
  client: Client;
  staff: string;
  unit: string;
  amount: number;
  stage: string;
  /** The day it was opened: benchmark logs act only on deals of earlier days, which the engine has seen. */
  day: number;
  /** Refunded so far, in yuan (benchmark logs refund in part too). */
  refunded: number;
  /** The second of its day it was opened at: a refund the same day comes after it. */
  second: number;
}

interface Member {
  id: string;
  name: string;
  team: string;
}

/**
 * Writes a seeded log through `write`, one JSON line per event, in time order.
 *
 * With `events` 0 it writes `days` days of a realistic office, replaying the
 * engine alongside so that follow-ups and deals mostly come from the owner
 * (the bundled logs). With `events` N > 0 it writes exactly N events of a
 * benchmark log, quickly and without the engine: every event type of
 * `eventSchemas` occurs, at realistic and mostly low rates, and the engine
 * refuses no line (the generator keeps its own books of the roster, the units
 * held by live deals and the money left to refund).
 *
 * @param opt - the options (see {@link options})
 * @param write - called with each line, without its newline
 * @returns the number of events written
 * @example
 * ```ts
 * const lines: string[] = [];
 * generate({ seed: 7, events: 20_000, out: '', start: '2026-01-01' }, (line) => lines.push(line));
 * ```
 */
export function generate(opt: Options, write: (line: string) => void): number {
  if ((opt.offices ?? 1) > 1) return generateOffices(opt, write);
  const random = rng(opt.seed);
  const bench = opt.events > 0;
  // Who owns whom as of the end of the previous day (realistic logs only).
  const engine = bench ? null : replayer(initialState(OFFICE, { history: 'none' }));
  let yesterday: OfficeState | null = null;
  const ownerOfClient = (phone: string): string | null => (yesterday === null ? null : (ownerOf(yesterday, phone)?.owner ?? null));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const office = 'jiuzhou';
  const personName = () => pick(SURNAMES) + pick(GIVEN) + (chance(0.5) ? pick(GIVEN) : '');
  // The sales staff on the roster now (benchmark logs replace those who leave).
  const staff: Member[] = Array.from({ length: 18 }, (_, i) => ({
    id: `S${String(i + 1).padStart(2, '0')}`,
    name: personName(),
    team: ['A', 'B', 'C'][i % 3] as string,
  }));
  const clients: Client[] = [];
  const phones = new Set<string>();
  let written = 0;
  let seq = 0;
  let dealSeq = 0;
  let hired = staff.length;
  const openDeals: OpenDeal[] = [];
  // The live deal holding each unit, as the engine sees them (open deals are capped; this is not).
  const holders = new Map<string, OpenDeal>();
  const release = (deal: OpenDeal) => {
    if (holders.get(deal.unit) === deal) holders.delete(deal.unit);
  };
  // Benchmark books: units held by live deals (another deal on one is refused,
  // COL-SAME-UNIT), and a seat left empty yesterday, filled this morning.
  const held = new Set<string>();
  let vacancy: string | null = null;
  // Benchmark books of telemarketing: invitations waiting for their client.
  const invitations: { id: string; day: number; client: { name: string; phone: string } }[] = [];
  // Who left last night, whose clients the manager redistributes this morning (OWN-REDISTRIBUTE).
  let lastLeaver: string | null = null;

  const newPhone = (): string => {
    for (;;) {
      const p = `1${pick(['3', '5', '7', '8', '9'])}${Array.from({ length: 9 }, () => Math.floor(random() * 10)).join('')}`;
      if (!phones.has(p)) {
        phones.add(p);
        return p;
      }
    }
  };
  const asWritten = (p: string): string => {
    const r = random();
    if (r < 0.6) return p;
    if (r < 0.75) return `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`;
    if (r < 0.85) return `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;
    if (r < 0.95) return `+86 ${p}`;
    return `0086${p}`;
  };
  const newClient = (): Client => {
    const c = { name: pick(SURNAMES) + pick(GIVEN) + (chance(0.6) ? pick(GIVEN) : ''), phone: newPhone(), need: pick(NEEDS), visits: 0, dealt: false };
    clients.push(c);
    return c;
  };
  const oldUnit = () => `${1 + Math.floor(random() * 12)}-${String(1 + Math.floor(random() * 30)).padStart(2, '0')}${String(1 + Math.floor(random() * 4)).padStart(2, '0')}`;
  // A unit no live deal holds; a new phase (期) of the project every 400 deals keeps them easy to find.
  const freeUnit = (): string => {
    for (;;) {
      const unit = `${1 + Math.floor(dealSeq / 400)}期${oldUnit()}`;
      if (!held.has(unit)) {
        held.add(unit);
        return unit;
      }
    }
  };
  const onRoster = (id: string): string => (staff.some((s) => s.id === id) ? id : pick(staff).id);

  let day = new Date(`${opt.start}T00:00:00+08:00`);
  const days = bench ? Number.POSITIVE_INFINITY : (opt.days ?? 31);
  for (let d = 0; d < days; d++) {
    const date = new Date(day.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const known = clients.length;
    const batch: { second: number; body: Record<string, unknown> }[] = [];
    const at = (second: number) => {
      const h = String(Math.floor(second / 3600)).padStart(2, '0');
      const m = String(Math.floor(second / 60) % 60).padStart(2, '0');
      const s = String(second % 60).padStart(2, '0');
      return `${date}T${h}:${m}:${s}+08:00`;
    };
    // Returns the event's second of the day; `after` puts it later than an earlier event of the day (a deal's refund).
    const add = (minute: number, body: Record<string, unknown>, after = -1): number => {
      const second = Math.max(minute * 60 + Math.floor(random() * 60), after + 1);
      batch.push({ second, body });
      return second;
    };
    if (d === 0) {
      for (const s of staff) add(8 * 60, { type: 'changeStaff', staff: s.id, name: s.name, team: s.team, role: 'sales', status: 'onDuty' });
      add(8 * 60, { type: 'changeStaff', staff: 'M01', name: '周经理', role: 'manager', status: 'onDuty' });
      // Benchmark logs: two telemarketers (001), whose invited clients come in (ROT-INVITED-VISIT), and the salespeople's starting grades (COM-SALARY-GRADES).
      if (bench) {
        for (const t of TELEMARKETERS) add(8 * 60, { type: 'changeStaff', staff: t, name: t === 'T01' ? '郑电开' : personName(), role: 'telemarketer', status: 'onDuty' });
        for (const s of staff) add(8 * 60 + 1, { type: 'setGrade', staff: s.id, grade: pick(['试用业务员', '正式业务员', '优秀业务员']) });
      }
    }
    if (bench && vacancy !== null) {
      const s = { id: `S${String(++hired).padStart(2, '0')}`, name: personName(), team: vacancy };
      staff.push(s);
      add(8 * 60, { type: 'changeStaff', staff: s.id, name: s.name, team: s.team, role: 'sales', status: 'onDuty' });
      add(8 * 60 + 1, { type: 'setGrade', staff: s.id, grade: '试用业务员' });
      vacancy = null;
    }
    // Who is away today, and back the next morning.
    const away = staff.filter(() => chance(0.12));
    for (const s of away) {
      add(8 * 60 + 5, { type: 'changeStaff', staff: s.id, status: pick(['off', 'leave', 'companyBusiness', 'personalBusiness']) });
      add(21 * 60, { type: 'changeStaff', staff: s.id, status: 'onDuty' });
    }
    // Benchmark logs only (the bundled month stays as it is): the rarer facts of a visit.
    const returningExtras = (): Record<string, unknown> => (bench && chance(0.05) ? { unannounced: true, asked: chance(0.8) } : {});
    const newExtras = (): Record<string, unknown> => {
      if (!bench) return {};
      const r = random();
      if (r < 0.02 && staff.length > 1) {
        const first = pick(staff);
        return { namedSeveral: [first.id, pick(staff.filter((x) => x !== first)).id] };
      }
      if (r < 0.04) return { invitedBy: pick(staff).id, ...(chance(0.5) ? { inviterOwnsNumber: true } : {}) };
      if (r < 0.05) {
        const buyer = newClient();
        return { realBuyer: { name: buyer.name, phone: buyer.phone } };
      }
      if (r < 0.06 && d > 0) return { contactAt: `${new Date(day.getTime() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)}T15:00:00+08:00` };
      return {};
    };
    const returningVisit = (minute: number) => {
      const c = pick(clients);
      c.visits++;
      // A third of the returns say the owner had given notice (ROT-ABSENT-OWNER-ASSIST), drawing nothing: the rest of the log stays what the seed made it.
      const notice = bench && c.visits % 3 === 0 ? { ownerNotice: true } : {};
      add(minute, { type: 'registerVisit', client: { name: c.name, phone: asWritten(c.phone), need: c.need }, ...returningExtras(), ...notice });
    };
    const referredVisit = (minute: number) => {
      const referrer = pick(clients);
      const c = newClient();
      add(minute, { type: 'registerVisit', client: { name: c.name, phone: asWritten(c.phone), need: c.need }, referredBy: { phone: referrer.phone }, ...(chance(0.3) ? { accompanied: true } : {}) });
    };
    // Benchmark logs only (the bundled month stays as it was): appointments, invited clients, tour groups.
    const visitFacts = (minute: number): Record<string, unknown> => {
      if (!bench) return {};
      const r = random();
      if (r < 0.04) return { appointment: { staff: pick(staff).id, at: at(minute * 60), nameLeft: chance(0.7), ...(chance(0.3) ? { notice: chance(0.5) } : {}) } };
      if (r < 0.07) return { invitedBy: 'T01', ...(chance(0.8) ? { receiver: pick(staff).id } : {}) };
      if (r < 0.075) return { tourGroup: true };
      return {};
    };
    const newVisit = (minute: number) => {
      const c = newClient();
      const party = chance(0.15) ? [{ name: pick(SURNAMES) + pick(GIVEN), relation: pick(['spouse', 'parent', 'child', 'friend']) }] : undefined;
      // A telemarketer's invitation (visitFacts) wins over a salesperson's (newExtras): one inviter a visit.
      add(minute, { type: 'registerVisit', client: { name: c.name, phone: asWritten(c.phone), need: c.need }, ...(party ? { party } : {}), ...newExtras(), ...visitFacts(minute) });
    };
    const visits = 40 + Math.floor(random() * 25);
    for (let v = 0; v < visits; v++) {
      const minute = 9 * 60 + Math.floor(random() * (9 * 60));
      const r = random();
      if (r < 0.02) {
        add(minute, { type: 'registerVisit', nonClient: pick(['askingWay', 'media', 'beggar']) });
      } else if (opt.returning !== undefined) {
        // Of the new visitors, about one in eight is referred, as below.
        if (clients.length > 20 && chance(opt.returning)) returningVisit(minute);
        else if (clients.length > 20 && chance(0.12)) referredVisit(minute);
        else newVisit(minute);
      } else if (r < 0.32 && clients.length > 20) {
        returningVisit(minute);
      } else if (r < 0.4 && clients.length > 20) {
        referredVisit(minute);
      } else {
        newVisit(minute);
      }
    }
    const calls = 15 + Math.floor(random() * 10);
    for (let k = 0; k < calls; k++) {
      // Seven calls in ten leave a phone; with `returning`, some of those are clients on record.
      const withPhone = chance(0.7);
      const c = !withPhone ? undefined : opt.returning !== undefined && clients.length > 20 && chance(opt.returning) ? pick(clients) : newClient();
      const callExtras = bench && chance(0.1) ? pick([{ allocatedBy: 'M01' }, { filed: true }, { askingWay: true }]) : {};
      add(9 * 60 + Math.floor(random() * 9 * 60), { type: 'registerCall', receiver: pick(staff).id, ...(c ? { client: { phone: asWritten(c.phone) } } : {}), ...callExtras });
    }
    // Mostly the owner: follow-ups keep a client, re-confirmations renew a claim, deals are closed by the owner.
    const byOwner = (c: Client, p: number) => {
      const owner = ownerOfClient(c.phone);
      return owner !== null && chance(p) ? owner : pick(staff).id;
    };
    const follows = 20 + Math.floor(random() * 15);
    for (let k = 0; k < follows && known > 0; k++) {
      const c = clients[Math.floor(random() * known)] as Client;
      add(10 * 60 + Math.floor(random() * 8 * 60), { type: 'recordFollowUp', staff: byOwner(c, 0.85), client: { phone: c.phone }, channel: 'call' });
    }
    const claims = 5 + Math.floor(random() * 6);
    for (let k = 0; k < claims && clients.length > 0; k++) {
      const c = pick(clients);
      const referral = bench && known > 0 && chance(0.03) ? { referredBy: { phone: (clients[Math.floor(random() * known)] as Client).phone } } : {};
      add(9 * 60 + Math.floor(random() * 8 * 60), { type: 'claimClient', staff: byOwner(c, 0.6), client: { name: c.name, phone: c.phone, need: c.need }, ...referral });
    }
    const deals = Math.floor(random() * 4);
    for (let k = 0; k < deals && clients.length > 30; k++) {
      const c = pick(clients.filter((x) => x.visits > 0 && !x.dealt).slice(-200)) ?? pick(clients);
      c.dealt = true;
      const unit = bench ? freeUnit() : oldUnit();
      const amount = (80 + Math.floor(random() * 220)) * 10000;
      const deal = { id: `D${++dealSeq}`, client: c, staff: byOwner(c, 0.85), unit, amount, stage: 'subscription', day: d, refunded: 0, second: 0 };
      deal.second = add(14 * 60 + Math.floor(random() * 4 * 60), { type: 'closeDeal', deal: deal.id, client: { phone: c.phone }, staff: deal.staff, stage: 'subscription', unit, productType: c.need === '别墅' ? 'villa' : c.need === '商铺' ? 'shop' : 'highRise', amount: String(amount) });
      // A unit held by an open deal made before this one: the engine refuses the later deal (COL-SAME-UNIT, a decision),
      // so no later stage or refund names it.
      const first = holders.get(unit);
      if (first === undefined || (first.day === d && first.second > deal.second)) {
        holders.set(unit, deal);
        const at = first === undefined ? -1 : openDeals.indexOf(first);
        if (at >= 0) openDeals[at] = deal;
        else openDeals.push(deal);
      }
    }
    // A deal opened today: its refund comes after it. (A contract stage before its subscription is a deal opened at
    // contract, which the engine takes; the bundled month holds one.)
    const sameDay = (deal: OpenDeal) => (deal.day === d ? deal.second : -1);
    // Benchmark logs move only deals the engine has seen (earlier days), by staff still on the roster.
    for (const deal of openDeals.filter((x) => (!bench || x.day < d) && x.stage === 'subscription' && chance(0.15))) {
      deal.stage = 'contract';
      if (bench) deal.staff = onRoster(deal.staff);
      add(16 * 60 + Math.floor(random() * 60), { type: 'closeDeal', deal: deal.id, client: { phone: deal.client.phone }, staff: deal.staff, stage: 'contract', unit: deal.unit, amount: String(deal.amount) });
    }
    const freed: string[] = [];
    if (!bench) {
      if (chance(0.2) && openDeals.length > 0) {
        const deal = openDeals.splice(Math.floor(random() * openDeals.length), 1)[0];
        if (deal) {
          release(deal);
          add(17 * 60 + Math.floor(random() * 60), { type: 'refund', deal: deal.id, reason: '客户退房' }, sameDay(deal));
        }
      }
    } else {
      const ready = openDeals.filter((x) => x.day < d);
      if (chance(0.2) && ready.length > 0) {
        const deal = pick(ready);
        const part = Math.round(deal.amount / 10);
        if (chance(0.3) && deal.refunded + part < deal.amount) {
          // A partial refund (a discount given back) leaves the deal live.
          deal.refunded += part;
          add(17 * 60 + Math.floor(random() * 60), { type: 'refund', deal: deal.id, amount: String(part), reason: '优惠返还' });
        } else {
          openDeals.splice(openDeals.indexOf(deal), 1);
          release(deal);
          freed.push(deal.unit); // free from tomorrow: today's deals were placed before the refund was known
          add(17 * 60 + Math.floor(random() * 60), { type: 'refund', deal: deal.id, reason: '客户退房' });
        }
      }
    }
    /**
     * The rarer events of benchmark logs: roster, queue, targets, disputes,
     * links, developer contacts, negotiated splits. Clients are those known
     * before today; returns who leaves tonight, if anyone.
     */
    const officeEvents = (): Member | undefined => {
      const present = staff.filter((s) => !away.includes(s));
      const other = (id: string) => {
        const rest = staff.filter((s) => s.id !== id);
        return pick(rest.length > 0 ? rest : staff).id;
      };
      const knownClient = () => clients[Math.floor(random() * known)] as Client;
      if (date.endsWith('-01')) {
        for (const s of staff) add(8 * 60 + 10, { type: 'setTargets', staff: s.id, month: date.slice(0, 7), red: String((200 + Math.floor(random() * 300)) * 10000), green: String((100 + Math.floor(random() * 200)) * 10000) });
      }
      if (chance(0.04)) add(8 * 60 + 20, { type: 'setRotationPenalty', staff: pick(staff).id, penalty: pick(['halfTurns', 'noCalls']), days: pick([0, 3, 7]) });
      // Telemarketing (001): each telemarketer's day as a few graded tallies and a call with its number;
      // invitations, and the arrivals of earlier days' invitations, confirmed or not.
      for (const t of TELEMARKETERS) {
        if (chance(0.35)) add(17 * 60 + Math.floor(random() * 30), { type: 'recordOutboundCall', staff: t, grade: pick(['C', 'D']), count: 20 + Math.floor(random() * 60) });
        if (chance(0.2)) add(10 * 60 + Math.floor(random() * 6 * 60), { type: 'recordOutboundCall', staff: t, grade: pick(['A', 'B', 'C', 'D']), phone: newPhone() });
        if (chance(0.25)) {
          const c = { name: pick(SURNAMES) + pick(GIVEN), phone: newPhone() };
          add(11 * 60 + Math.floor(random() * 5 * 60), { type: 'recordInvitation', staff: t, client: { name: c.name, phone: c.phone, need: pick(NEEDS) } });
          invitations.push({ id: '', day: d, client: c });
        }
      }
      const due = invitations.filter((x) => x.day < d && x.id !== '');
      if (chance(0.3) && due.length > 0) {
        const inv = pick(due);
        invitations.splice(invitations.indexOf(inv), 1);
        const contacted = chance(0.8);
        add(10 * 60 + Math.floor(random() * 7 * 60), { type: 'recordInvitedArrival', invitation: inv.id, contactedInviter: contacted, ...(contacted && chance(0.9) ? { signedBy: pick(present.length > 0 ? present : staff).id } : {}) });
      }
      if (chance(0.05)) add(12 * 60 + Math.floor(random() * 5 * 60), { type: 'recordViolation', staff: pick(staff).id, violation: 'misconduct', amount: String(20 + 10 * Math.floor(random() * 19)) });
      if (chance(0.3) && present.length >= 2) {
        const first = pick(present);
        const second = pick(present.filter((s) => s !== first));
        add(8 * 60 + 30, { type: 'assignDuty', staff: [first.id, second.id], ...(chance(0.5) ? { hours: [{ from: '12:00', to: '13:30' }] } : {}) });
      }
      const ends = Math.floor(random() * 3);
      for (let k = 0; k < ends && present.length > 0; k++) add(9 * 60 + Math.floor(random() * 9 * 60), { type: 'endReception', staff: pick(present).id });
      if (chance(0.04)) {
        const contacts = Array.from({ length: 1 + Math.floor(random() * 4) }, () => newClient());
        add(9 * 60, { type: 'announceDeveloperContacts', clients: contacts.map((c) => ({ name: c.name, phone: c.phone })) });
      }
      if (known > 0) {
        if (chance(0.15)) {
          const c = knownClient();
          const raisedBy = pick(staff).id;
          add(11 * 60 + Math.floor(random() * 4 * 60), { type: 'raiseDispute', staff: raisedBy, client: { phone: c.phone } });
          const owner = chance(0.1) ? null : chance(0.5) ? raisedBy : other(raisedBy);
          const finding = chance(0.1) ? { finding: pick(['quarrel', 'refusedRuling']) } : {};
          add(17 * 60 + Math.floor(random() * 30), { type: 'issueRuling', client: { phone: c.phone }, level: pick(['supervisor', 'manager']), owner, by: 'M01', ...finding });
          if (chance(0.2)) add(18 * 60 + Math.floor(random() * 30), { type: 'issueRuling', client: { phone: c.phone }, level: 'appeal', owner: raisedBy, appellant: raisedBy, by: 'M01' });
        }
        if (chance(0.04)) {
          const c = knownClient();
          const against = pick(staff).id;
          const justified = chance(0.5);
          add(10 * 60 + Math.floor(random() * 7 * 60), { type: 'fileComplaint', client: { phone: c.phone }, against, justified, ...(justified ? { reassignTo: other(against) } : {}), by: 'M01' });
        }
        if (chance(0.08)) add(15 * 60 + Math.floor(random() * 2 * 60), { type: 'releaseClaim', client: { phone: knownClient().phone }, staff: pick(staff).id });
        if (chance(0.02)) add(15 * 60 + Math.floor(random() * 2 * 60), { type: 'recordViolation', staff: pick(staff).id, violation: 'exposeRewardConflict', client: { phone: knownClient().phone } });
        if (chance(0.05) && present.length > 0) add(10 * 60 + Math.floor(random() * 7 * 60), { type: 'recognizeClient', client: { phone: knownClient().phone }, by: pick(present).id });
        if (chance(0.04)) add(15 * 60 + Math.floor(random() * 60), { type: 'returnClaim', staff: pick(staff).id, client: { phone: knownClient().phone }, by: 'M01' });
        if (lastLeaver !== null && present.length > 0) {
          // The morning after a departure: the manager's draw hands out the leaver's clients (most turn out not to be theirs).
          const to = Array.from({ length: 1 + Math.floor(random() * 3) }, () => knownClient()).filter((c, i, all) => all.indexOf(c) === i);
          add(8 * 60 + 40, { type: 'redistributeClients', staff: lastLeaver, to: to.map((c) => ({ client: { phone: c.phone }, staff: pick(present).id })), by: 'M01', draw: 'lots' });
        }
        if (chance(0.08)) {
          add(10 * 60 + Math.floor(random() * 7 * 60), { type: 'assignClient', client: { phone: knownClient().phone }, staff: pick(staff).id, by: 'M01', scope: pick(['ownership', 'service']) });
        }
        if (chance(0.1) && known > 1) {
          const a = knownClient();
          const b = knownClient();
          if (a !== b) add(10 * 60 + Math.floor(random() * 7 * 60), { type: 'linkClients', a: { phone: a.phone }, b: { phone: b.phone }, relation: pick(['spouse', 'parent', 'child', 'sibling', 'friend']) });
        }
      }
      // A launch mid-month (DEAL-EVENT), and now and then an old client recognized, found later, or found after a deal.
      if (date.endsWith('-15')) add(8 * 60 + 15, { type: 'holdMarketingEvent', name: '开盘', from: at(9 * 3600), to: at(18 * 3600) });
      // Each quarter a building's pre-launch period (002 §6.3): opened on the 1st of its first month, its start fixed on the 10th for the 20th.
      // At fixed times, drawing nothing: the rest of the log stays what the seed made it.
      if (/-(01|04|07|10)-01$/.test(date)) batch.push({ second: (8 * 60 + 5) * 60, body: { type: 'announceSubscription', by: 'M01' } });
      if (/-(01|04|07|10)-10$/.test(date)) batch.push({ second: (8 * 60 + 5) * 60, body: { type: 'announceSubscription', startsAt: `${date.slice(0, 8)}20T09:00:00+08:00`, by: 'M01' } });
      const recognizable = openDeals.filter((x) => x.day < d);
      if (chance(0.1) && known > 0) {
        const withDeal = chance(0.3) && recognizable.length > 0 ? pick(recognizable) : null;
        const phone = withDeal === null ? knownClient().phone : withDeal.client.phone;
        add(12 * 60 + Math.floor(random() * 4 * 60), { type: 'recognizeClient', client: { phone }, during: pick(['reception', 'later']), by: pick(staff).id, ...(withDeal === null ? {} : { deal: withDeal.id }) });
      }
      const splittable = openDeals.filter((x) => x.day < d);
      if (chance(0.1) && splittable.length > 0) {
        const deal = pick(splittable);
        add(10 * 60 + Math.floor(random() * 60), { type: 'splitDeal', deal: deal.id, commission: [{ staff: deal.staff, share: '60' }, { staff: other(deal.staff), share: '40' }], by: 'M01' });
      }
      // About one salesperson in seven weeks leaves (never one away today: their return is written tonight).
      if (chance(1 / 50) && present.length > 0) {
        const s = pick(present);
        add(21 * 60 + 30, { type: 'changeStaff', staff: s.id, status: 'left' });
        return s;
      }
      return undefined;
    };
    const leaver = bench ? officeEvents() : undefined;
    lastLeaver = leaver?.id ?? null;
    batch.sort((a, b) => a.second - b.second);
    for (const { second, body } of batch) {
      const event = { v: 1, id: `e${String(++seq).padStart(6, '0')}`, at: at(second), office, ...body };
      // An invitation's id is known once it is written: its arrival, on a later day, names it.
      if (body.type === 'recordInvitation') {
        const open = invitations.find((x) => x.id === '' && x.client.phone === (body.client as { phone: string }).phone);
        if (open) open.id = event.id;
      }
      write(JSON.stringify(event));
      const parsed = engine === null ? null : parseEvent(event);
      if (engine !== null && parsed?.ok) engine.push(parsed.event);
      written++;
      if (bench && written >= opt.events) return written;
    }
    // Keep memory flat in very long logs: old clients stop coming back.
    if (clients.length > 50_000) clients.splice(0, clients.length - 50_000);
    if (openDeals.length > 500) openDeals.splice(0, openDeals.length - 500);
    if (invitations.length > 200) invitations.splice(0, invitations.length - 200);
    for (const unit of freed) held.delete(unit);
    if (leaver !== undefined) {
      staff.splice(staff.indexOf(leaver), 1);
      vacancy = leaver.team;
    }
    day = new Date(day.getTime() + 86_400_000);
    if (engine !== null) yesterday = engine.state();
  }
  return written;
}

type Damage = (good: string, event: Record<string, unknown>, k: number) => string;

// The ways real logs get damaged, one per bad line in turn.
const damages: readonly Damage[] = [
  (good) => good.slice(0, Math.floor(good.length / 2)), // a write cut short
  () => '<html><body>502 Bad Gateway</body></html>', // an error page saved into the log
  (_, e, k) => JSON.stringify({ ...e, id: `bad${k}`, type: 'teleportClient' }), // an unknown event type
  (_, e, k) => JSON.stringify({ ...e, id: `bad${k}`, v: 2 }), // a newer schema version
  (_, e, k) => JSON.stringify({ v: 1, id: `bad${k}`, at: e.at, office: e.office, type: 'claimClient', staff: 'S99', client: { name: '陈某', phone: '139 0000 1111' } }), // unknown staff
  (_, e, k) => JSON.stringify({ ...e, id: `bad${k}`, at: '2026-01-01T09:00:00+08:00' }), // time going backwards
  (_, e, k) => JSON.stringify({ ...e, id: `bad${k}`, office: 'another-office' }), // another office's event
  (_, e) => JSON.stringify({ v: 1, id: e.id, at: e.at, office: e.office, type: 'changeStaff', staff: 'S01', status: 'left' }), // a reused id
];

/** The id of office k (from 0) of a multi-office log. */
export const officeId = (k: number): string => (k === 0 ? 'jiuzhou' : `jiuzhou-${k + 1}`);

/**
 * Several offices in one log: each office's own seeded log under its id,
 * merged by time (ties: the lower office first), each office's lines in order.
 */
function generateOffices(opt: Options, write: (line: string) => void): number {
  const logs = Array.from({ length: opt.offices ?? 1 }, (_, k) => {
    const lines: string[] = [];
    generate({ ...opt, seed: opt.seed + k, offices: 1 }, (line) => lines.push(k === 0 ? line : line.replace('"office":"jiuzhou"', `"office":"${officeId(k)}"`)));
    return lines;
  });
  const next = logs.map(() => 0);
  const atOf = (line: string) => Date.parse(/"at":"([^"]+)"/.exec(line)?.[1] ?? '');
  let count = 0;
  for (;;) {
    let best = -1;
    let bestAt = Number.POSITIVE_INFINITY;
    logs.forEach((lines, k) => {
      const line = lines[next[k] ?? 0];
      if (line === undefined) return;
      const at = atOf(line);
      if (best < 0 || at < bestAt) {
        best = k;
        bestAt = at;
      }
    });
    if (best < 0) return count;
    write(logs[best]?.[next[best] ?? 0] ?? '');
    next[best] = (next[best] ?? 0) + 1;
    count++;
  }
}

/**
 * Mixes `count` bad lines into a log at seeded places, each right after a
 * good line it is made from. The good lines are all kept, in order.
 */
export function corrupt(lines: readonly string[], count: number, seed: number): string[] {
  const random = rng(seed ^ 0x5eed);
  const after = new Map<number, string[]>();
  for (let k = 0; k < count; k++) {
    // After the roster (the first 20 lines), so the staff exist.
    const i = Math.min(lines.length - 1, 20 + Math.floor(random() * Math.max(1, lines.length - 20)));
    const good = lines[i] ?? '{}';
    const damage = damages[k % damages.length] as Damage;
    after.set(i, [...(after.get(i) ?? []), damage(good, JSON.parse(good) as Record<string, unknown>, k)]);
  }
  return lines.flatMap((line, i) => [line, ...(after.get(i) ?? [])]);
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) main(process.argv.slice(2));

function main(argv: string[]): void {
  let opt: ReturnType<typeof options>;
  try {
    opt = options(argv);
    if (opt.help) {
      process.stdout.write(USAGE);
      return;
    }
    if (opt.out === undefined) throw new UsageError('--out FILE is required (nothing is written to a default place)');
    if (existsSync(opt.out) && !opt.force) throw new UsageError(`${opt.out} exists: pass --force to replace it`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`generate: ${e.message}\n\n${USAGE}`);
    process.exitCode = 1;
    return;
  }
  const file = opt.out;
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let count: number;
  const bad = opt.corrupt ?? 0;
  if (bad > 0) {
    const lines: string[] = [];
    count = generate(opt, (line) => lines.push(line));
    for (const line of corrupt(lines, bad, opt.seed)) out.write(`${line}\n`);
  } else {
    count = generate(opt, (line) => out.write(`${line}\n`));
  }
  const mixed = bad > 0 ? ` and ${bad} bad lines` : '';
  out.end(() => process.stderr.write(`wrote ${count} events${mixed} to ${file}\n`));
}
