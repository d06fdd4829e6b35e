import type { Preset } from './define.js';

/** 碧桂园电开管理制度 (001): 100 calls/day, 10 invites/week, invite confirmation, invited visits to the receiver the group leader assigns, 200/500 bonuses. */
export const callCenter: Preset<'call-center'> = {
  name: 'call-center',
  source: '001',
  title: '碧桂园电开管理制度',
  summary: '100 calls/day, 10 invites/week, invite confirmation, invited visits to the receiver the group leader assigns, 200/500 bonuses',
  fields: {
    // 001 says nothing of commission rates, windows or splits: those are the default's (not 000's tiers).
    'rotation.invitedVisits': {
      value: {},
      seed: '001 二.2 邀約客戶確認標準: 客戶到訪時,如聯系電開人員,則電開人員引領客戶至前臺,相應銷售顧問…簽字確認; 如未聯系電開人員,則按新訪客戶接待; 五.2: 由銷售組長安排接訪人員 (whether it uses a turn: not said)',
    },
    'deals.bonus.byProductType': { value: { highRise: '200', villa: '500' }, seed: '001 二.2 激勵方式: 每有1組到訪轉成交,高層成交一套獎勵200元,別墅成交一套獎勵500元' },
    'deals.bonus.to': { value: 'inviter', seed: '001 二.2 激勵方式: 每名電開人員每有1組到訪轉成交 … 獎勵 (the bonus is the telemarketer\'s)' },

    // Quotas, rewards and ranking (二.1-2, 備注).
    'periods.calls.roles': { value: ['telemarketer'], seed: '001 一: 6名電開人員 … 完成每日規定的Call客數量 (the quotas are the telemarketers\')' },
    'periods.calls.daily': { value: 100, seed: '001 二.1: 每人每天至少完成call客電話(可撥通電話)100組' },
    'periods.calls.finePerMissing': { value: '1', seed: '001 二.1: 若未能達到規定call客數量,每少1組,扣罰1元' },
    'periods.calls.weeklyInvitedVisits': { value: 10, seed: '001 二.1: 每人每周至少完成10組邀約到訪' },
    'periods.calls.dismissal': { value: true, seed: '001 二.1: 若連續1個月內,每周都未能完成任務者予以辭退' },
    'periods.calls.recycleDays': { value: 30, seed: '001 (恒大call客技巧) 一.3: 間隔1個月左右,循環A、B、C類有效客戶' },
    'periods.invitations.confirm': { value: true, seed: '001 二.2: 每名電開人員的邀約客戶到訪數量僅以以上兩種標準確認 (contacted on arrival and signed by the receiver)' },
    'periods.dayOff': { value: { per: 10, days: '0.5', period: 'month' }, seed: '001 二.2: 每名電開人員每有10個call客轉到訪,則可以帶薪休息半天' },
    'periods.elimination': { value: { mode: 'outsideTop', top: 6, period: 'month', roles: ['telemarketer'], rankBy: ['invitedVisits', 'conversions'] }, seed: '001 備注: 以每名電開人員每月邀約客戶數量和到訪轉成交量作為指標進行排名,對于前六名以外人員進行淘汰' },
    'periods.fines.settlement': { value: 'deductFromPay', seed: '001 二.1: 每少1組,扣罰1元 (deducted)' },
    'periods.fines.schedule': { value: {}, seed: '001 二.1: the missing-call fine (periods.calls) is the only fine 001 names' },
    'deals.bonus.confirmedOnly': { value: true, seed: '001 二.2: 邀約客戶確認標準 … 每名電開人員的邀約客戶到訪數量僅以以上兩種標準確認 (the bonus needs a confirmed arrival)' },
  },
};
