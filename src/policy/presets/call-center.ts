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
  },
};
