import type { Preset } from './define.js';

/** 售楼处接待制度及客户归属 (004i): absent owner: credit A, commission A:B 5:5 on a same-day deal, appointments (name + time + own name left, else rotation). */
export const absentSplit: Preset<'absent-split'> = {
  name: 'absent-split',
  source: '004i',
  title: '售楼处接待制度及客户归属',
  summary: 'absent owner: credit A, commission A:B 5:5 on a same-day deal, appointments (name + time + own name left, else rotation)',
  fields: {
    'rotation.makeUps.busy': { value: 'none', seed: '004i 轮空处理: 接待完该客户后若不在轮值业务员位置,按原顺序接待 (a turn passed while receiving is not made up)' },
    'ownership.namedOwnsNewClient': { value: true, seed: '004i 道出A销售员姓名 / 新客户提出找A销售人员: the client named is A\'s' },
    'rotation.absentOwner': { value: 'next', seed: '004i 如A销售员不在场,则由排首位的B销售人员负责跟进' },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: { owner: 50, closer: 50 } },
      seed: '004i 若当天成交,成交后的佣金由A和B销售人员平分,业绩归属A销售人员',
    },
    'deals.splits.absentOwnerSameDay': { value: true, seed: '004i 若当天无法成交,客户归还A销售人员继续跟进 (the split holds only for a deal the same day)' },
    'deals.splits.concealment': { value: true, seed: '004i 如出现销售人员在知情的情况下刻意隐瞒真相,则成交后佣金归原销售人员' },
    'referrals.chain': {
      value: true,
      seed: '004i 若第一接触是销售员A的客户介绍的新客户甲 ... 甲带来的客户资源乙应归属销售员A,以后依此类推 (仅适应于新上门客户指明找销售员A或老客户介绍在先,不包括不期而遇的)',
    },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '004i 销售员A的客户介绍的(包括来电介绍和亲自带领上门)新客户甲 ... 仍应归属销售员A' },
    'ownership.call.gives': { value: 'nothing', seed: '004i 电话接听客户的,若没有具体预约的 ... 客户到现场后,依然按轮次表接待' },
    'rotation.appointments': {
      value: { requireDetails: true },
      seed: '004i 具体预约 (留下客户姓名,预约看房时间,并向客户留下自己的姓名) ... 若有预约的,由谁负责预约的销售人员接待',
    },
    'rotation.makeUps.ownClient': { value: 'none', seed: '004i 销售人员A接待旧客户,新客户则由下一位轮值销售人员B轮见,两销售人员不存在分单' },
  },
};
