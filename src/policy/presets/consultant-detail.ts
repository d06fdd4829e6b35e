import type { Preset } from './define.js';

/** 置业顾问客户归属细则 (004h): personal skip no make-up, company skip one make-up, 1-month follow-up, group counts once, calls go to rotation. */
export const consultantDetail: Preset<'consultant-detail'> = {
  name: 'consultant-detail',
  source: '004h',
  title: '置业顾问客户归属细则',
  summary: 'personal skip no make-up, company skip one make-up, 1-month follow-up, group counts once, calls go to rotation',
  fields: {
    'registration.requiredFields': { value: ['name', 'phone'], seed: '004h §2: 接待客户一定要做客户姓名、电话登记 (the registration is the proof of the reception)' },
    'rotation.makeUps.companyBusiness': { value: 'once', seed: '004h §3: 因公事轮空的,该情况属于轮空一次,且可优先补接新客户一次 (因私事轮空: 不可补接)' },
    'rotation.makeUps.first': { value: true, seed: '004h §3: 可优先补接新客户一次 (the make-up comes first)' },
    'rotation.absentOwner': { value: 'last', seed: '004h §4: 如该销售员不在场,则轮排次序未位(末位)的销售人员负责跟进' },
    'ownership.namedOwnsNewClient': { value: true, seed: '004h §5: 新客户点名要求某销售人员接待时,客户算该销售人员所有,且算一次轮排' },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '004h §5: 老客户陪新客户来买房的,客户归原销售人员' },
    'ownership.call.gives': { value: 'nothing', seed: '004h §6: 电话接听客户的,一律按轮次表接待 (a call owns no one: the caller is received by rotation)' },
    'rotation.callAllocation': { value: 'rotation', seed: '004h §6: 电话接听客户的,一律按轮次表接待 (calls follow the rotation)' },
    'rotation.oldClientCounts': { value: false, seed: '004h §7: 旧客户来了 ... 如老客户忙完后仍没有新客户到访仍由销售人员继续轮排 (serving the old client uses no turn)' },
    'rotation.makeUps.ownClient': { value: 'none', seed: '004h §7: 该销售不得接待新客户,新客户则由下一位轮值销售人员轮接 (no make-up)' },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } },
      seed: '004h §8: 接待了其他销售人员客户并成交的,因归还负责该客户的销售人员 (all to the owner)',
    },
    'ownership.validityDays.visit': { value: null, seed: '004h §9: no fixed window: the client is kept while followed up (一个月内无老客户的跟踪记录 ... 该业绩不属于该销售人员)' },
    'ownership.followUp.withinDays': { value: { months: 1 }, seed: '004h §9 (a calendar month): 若销售人员一个月内无老客户的跟踪记录,则该客户被其他销售员成交时,该业绩不属于该销售人员' },
    'ownership.followUp.doNotCallExempt': { value: true, seed: '004h §9: 但客户明确告知 ... 不要电话打扰的除外、此情况以销售人员客户笔记为准' },
    'ownership.renewOn': { value: ['followUp', 'visit'], seed: '004h §9: a tracking record (跟踪记录), a follow-up or a reception of the old client, restarts the month' },
    'rotation.groupTurns': { value: 'one', seed: '004h §10: 一起来的亲戚朋友同事,不论几个人有购房需求,一律只计算一次轮排' },
    'identity.familyRelations': {
      value: ['spouse', 'parent', 'child', 'sibling', 'relative', 'friend'],
      seed: '004h §11: 接待了同一家庭成员和亲戚朋友的,若这些人都为其中某一位看房的 (family, relatives and friends viewing for one buyer are one client)',
    },
    'identity.familyNeedMustMatch': { value: true, seed: '004h §11: 当这批客户中其他成员也有购房需求的,由相应时间段销售人员所有 (a member with a need of their own is a client of their own)' },
    'deals.splits.crossFamily': {
      value: { credit: { first: 100, other: 0 }, commission: { first: 100, other: 0 } },
      seed: '004h §11: 客户资源归第一时间接待的销售人员所有 (首接: all to the first receiver)',
    },
  },
};
