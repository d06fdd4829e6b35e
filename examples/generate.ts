/**
 * A seeded generator of realistic sales-office logs.
 *
 *   npx tsx examples/generate.ts                       # the bundled month: examples/logs/office-month.jsonl
 *   npx tsx examples/generate.ts --events 1000000 --out /tmp/big.jsonl --seed 7
 *   npx tsx examples/generate.ts --days 1 --corrupt 8 --out examples/logs/office-day-corrupt.jsonl
 *
 * The same seed always gives the same log. One office, 18 salespeople in three
 * teams, Chinese names, phones written the many ways visitor books write them.
 * For a month or a few days, the engine replays alongside, so that most
 * follow-ups, re-confirmations and deals come from the client's owner as of
 * the day before, as in a real office (benchmark logs of `--events N` skip it).
 * `--corrupt N` damages N lines the ways real logs get damaged (truncated
 * writes, wrong fields, unknown staff, reordering, conflicting duplicates),
 * for trying `salesfloor validate` and the quarantine.
 */
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { initialState, ownerOf, parseEvent, replayer, type OfficeState } from 'salesfloor';

export interface Options {
  seed: number;
  /** Stop after this many events (0: stop after `days`). */
  events: number;
  /** Days to generate when `events` is 0 (default 31). */
  days?: number;
  /** Bad lines to mix in (the command line only; see {@link corrupt}). */
  corrupt?: number;
  out: string;
  start: string;
}

export function options(argv: string[]): Options {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    seed: Number(get('--seed') ?? 20261001),
    events: Number(get('--events') ?? 0),
    days: Number(get('--days') ?? 31),
    corrupt: Number(get('--corrupt') ?? 0),
    out: get('--out') ?? 'examples/logs/office-month.jsonl',
    start: get('--start') ?? '2026-10-01',
  };
}

/** mulberry32: small, fast, seedable. */
function rng(seed: number): () => number {
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

interface Client {
  name: string;
  phone: string;
  need: string;
  visits: number;
  dealt: boolean;
}

export function generate(opt: Options, write: (line: string) => void): number {
  const random = rng(opt.seed);
  // Who owns whom as of the end of the previous day (realistic logs only).
  const engine = opt.events > 0 ? null : replayer(initialState({}, { history: 'none' }));
  let yesterday: OfficeState | null = null;
  const ownerOfClient = (phone: string): string | null => (yesterday === null ? null : (ownerOf(yesterday, phone)?.owner ?? null));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const office = 'jiuzhou';
  const staff = Array.from({ length: 18 }, (_, i) => ({
    id: `S${String(i + 1).padStart(2, '0')}`,
    name: pick(SURNAMES) + pick(GIVEN) + (chance(0.5) ? pick(GIVEN) : ''),
    team: ['A', 'B', 'C'][i % 3] as string,
  }));
  const clients: Client[] = [];
  const phones = new Set<string>();
  let written = 0;
  let seq = 0;
  let dealSeq = 0;
  const openDeals: { id: string; client: Client; staff: string; unit: string; amount: number; stage: string }[] = [];

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

  let day = new Date(`${opt.start}T00:00:00+08:00`);
  const days = opt.events > 0 ? Number.POSITIVE_INFINITY : (opt.days ?? 31);
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
    const add = (minute: number, body: Record<string, unknown>) => batch.push({ second: minute * 60 + Math.floor(random() * 60), body });
    if (d === 0) {
      for (const s of staff) add(8 * 60, { type: 'changeStaff', staff: s.id, name: s.name, team: s.team, role: 'sales', status: 'onDuty' });
      add(8 * 60, { type: 'changeStaff', staff: 'M01', name: '周经理', role: 'manager', status: 'onDuty' });
    }
    // Who is away today, and back the next morning.
    const away = staff.filter(() => chance(0.12));
    for (const s of away) {
      add(8 * 60 + 5, { type: 'changeStaff', staff: s.id, status: pick(['off', 'leave', 'companyBusiness', 'personalBusiness']) });
      add(21 * 60, { type: 'changeStaff', staff: s.id, status: 'onDuty' });
    }
    const visits = 40 + Math.floor(random() * 25);
    for (let v = 0; v < visits; v++) {
      const minute = 9 * 60 + Math.floor(random() * (9 * 60));
      const r = random();
      if (r < 0.02) {
        add(minute, { type: 'registerVisit', nonClient: pick(['askingWay', 'media', 'beggar']) });
      } else if (r < 0.32 && clients.length > 20) {
        const c = pick(clients);
        c.visits++;
        add(minute, { type: 'registerVisit', client: { name: c.name, phone: asWritten(c.phone), need: c.need } });
      } else if (r < 0.4 && clients.length > 20) {
        const referrer = pick(clients);
        const c = newClient();
        add(minute, { type: 'registerVisit', client: { name: c.name, phone: asWritten(c.phone), need: c.need }, referredBy: { phone: referrer.phone }, ...(chance(0.3) ? { accompanied: true } : {}) });
      } else {
        const c = newClient();
        const party = chance(0.15) ? [{ name: pick(SURNAMES) + pick(GIVEN), relation: pick(['spouse', 'parent', 'child', 'friend']) }] : undefined;
        add(minute, { type: 'registerVisit', client: { name: c.name, phone: asWritten(c.phone), need: c.need }, ...(party ? { party } : {}) });
      }
    }
    const calls = 15 + Math.floor(random() * 10);
    for (let k = 0; k < calls; k++) {
      const c = chance(0.7) ? newClient() : undefined;
      add(9 * 60 + Math.floor(random() * 9 * 60), { type: 'registerCall', receiver: pick(staff).id, ...(c ? { client: { phone: asWritten(c.phone) } } : {}) });
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
      add(9 * 60 + Math.floor(random() * 8 * 60), { type: 'claimClient', staff: byOwner(c, 0.6), client: { name: c.name, phone: c.phone, need: c.need } });
    }
    const deals = Math.floor(random() * 4);
    for (let k = 0; k < deals && clients.length > 30; k++) {
      const c = pick(clients.filter((x) => x.visits > 0 && !x.dealt).slice(-200)) ?? pick(clients);
      c.dealt = true;
      const unit = `${1 + Math.floor(random() * 12)}-${String(1 + Math.floor(random() * 30)).padStart(2, '0')}${String(1 + Math.floor(random() * 4)).padStart(2, '0')}`;
      const amount = (80 + Math.floor(random() * 220)) * 10000;
      const deal = { id: `D${++dealSeq}`, client: c, staff: byOwner(c, 0.85), unit, amount, stage: 'subscription' };
      openDeals.push(deal);
      add(14 * 60 + Math.floor(random() * 4 * 60), { type: 'closeDeal', deal: deal.id, client: { phone: c.phone }, staff: deal.staff, stage: 'subscription', unit, productType: c.need === '别墅' ? 'villa' : c.need === '商铺' ? 'shop' : 'highRise', amount: String(amount) });
    }
    for (const deal of openDeals.filter((x) => x.stage === 'subscription' && chance(0.15))) {
      deal.stage = 'contract';
      add(16 * 60 + Math.floor(random() * 60), { type: 'closeDeal', deal: deal.id, client: { phone: deal.client.phone }, staff: deal.staff, stage: 'contract', unit: deal.unit, amount: String(deal.amount) });
    }
    if (chance(0.2) && openDeals.length > 0) {
      const deal = openDeals.splice(Math.floor(random() * openDeals.length), 1)[0];
      if (deal) add(17 * 60 + Math.floor(random() * 60), { type: 'refund', deal: deal.id, reason: '客户退房' });
    }
    batch.sort((a, b) => a.second - b.second);
    for (const { second, body } of batch) {
      const event = { v: 1, id: `e${String(++seq).padStart(6, '0')}`, at: at(second), office, ...body };
      write(JSON.stringify(event));
      const parsed = engine === null ? null : parseEvent(event);
      if (engine !== null && parsed?.ok) engine.push(parsed.event);
      written++;
      if (opt.events > 0 && written >= opt.events) return written;
    }
    // Keep memory flat in very long logs: old clients stop coming back.
    if (clients.length > 50_000) clients.splice(0, clients.length - 50_000);
    if (openDeals.length > 500) openDeals.splice(0, openDeals.length - 500);
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
if (isMain) {
  const opt = options(process.argv.slice(2));
  mkdirSync(dirname(opt.out), { recursive: true });
  const out = createWriteStream(opt.out);
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
  out.end(() => process.stderr.write(`wrote ${count} events${mixed} to ${opt.out}\n`));
}
