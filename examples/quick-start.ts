import { parseLog, replay, explain, owners, formatIssue } from 'salesfloor';

const log = [
  '{"v":1,"id":"e1","type":"changeStaff","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","name":"李娜"}',
  '{"v":1,"id":"e2","type":"changeStaff","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S02","name":"王强"}',
  '{"v":1,"id":"e3","type":"registerVisit","at":"2026-11-01T10:00:00+08:00","office":"jz","client":{"name":"张伟","phone":"138 1234 5678"}}',
  '{"v":1,"id":"e4","type":"claimClient","at":"2026-11-02T09:30:00+08:00","office":"jz","staff":"S02","client":{"name":"张伟","phone":"13812345678"}}',
].join('\n');

const { events, issues } = parseLog(log);           // never throws; bad lines come back as issues
issues.forEach((i) => console.error(formatIssue(i)));

const { state, decisions } = replay(events, { timeZone: 'Asia/Shanghai', ownership: { validityDays: { visit: 15 } } });
console.log(owners(state));                          // 张伟 → 李娜, protected until 2026-11-17 [OWN-FIRST, REG-FIRST, OWN-VALIDITY]
console.log(explain(state, '13812345678').lines);    // the story: reception, registration, the refused claim (COL-EARLIEST) …
