import type { Preset } from './define.js';

/** 房地产客户归属规定 (004l): next-day callback, weekly call callbacks, complaint 5:5 then 7:3, family order, 带看 registers the real buyer. */
export const callbackFirst: Preset<'callback-first'> = {
  name: 'callback-first',
  source: '004l',
  title: '房地产客户归属规定',
  summary: 'next-day callback, weekly call callbacks, complaint 5:5 then 7:3, family order, 带看 registers the real buyer',
  fields: {
    'rotation.absentOwner': { value: 'last', seed: '004l §3: 若该销售员休息或因公外出 ... 则由最后一位轮序人员热情接待 (此种情况不列为有效轮值接待客户)' },
    'rotation.absentOwnerNotice': {
      value: true,
      seed: '004l §3: 如客户来到现场,能说出销售员姓名或大致长相,由原销售员接待;若该销售员休息或因公外出,且知道该客户可能要来并告知同事或主管,则由最后一位轮序人员热情接待 (without the notice, no assist: the visitor takes a turn)',
    },
    'rotation.appointments': {
      value: { allowedAbsence: ['off', 'companyBusiness'], requireNotice: true },
      seed: '004l §3: 若该销售员休息或因公外出,且知道该客户可能要来并告知同事或主管,则由最后一位轮序人员热情接待',
    },
    'ownership.validityDays.visit': { value: null, seed: '004l §4: no fixed window: a visitor is kept by the callbacks (若已超出回访期限,则视之为新客户)' },
    'ownership.followUp.firstWithinDays': { value: 1, seed: '004l §4: 客户第一次来访后,第二天必须回访' },
    'ownership.followUp.agreedNext': { value: true, seed: '004l §4: 根据客户意向按原定回访时间进行回访。若已超出回访期限,则视之为新客户' },
    'ownership.followUp.doNotCallExempt': { value: false, seed: '004l §4: 若已超出回访期限,则视之为新客户; §5: 否则,则视为新客户 (no exception for a client who asked not to be called: that is 004h §9\'s)' },
    'ownership.call.gives': { value: 'protection', seed: '004l §5: 来电咨询的客户,由个人详细登记在"来电登记表" ... 此客户来访则归为原置业顾问' },
    'ownership.validityDays.call': { value: null, seed: '004l §5: no fixed window: a caller is kept by the weekly callback' },
    'ownership.call.followUpDays': { value: 7, seed: '004l §5: 来电客户回访至少1次/周,并做相应回访登记 ... 否则,则视为新客户' },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '004l §6.1: 老客户带新客户过来,找原置业顾问或原置业顾问认出老客户,并且新客户之前没有到访或来电过,则归属原置业顾问' },
    'ownership.complaintReassigns': { value: true, seed: '004l §6.2: 由各组主管了解清楚情况后安排其他置业顾问进行服务,客户归属为新进行服务的置业顾问' },
    'deals.splits.complaint': {
      value: { credit: { server: 100, original: 0 }, commission: { server: 50, original: 50 } },
      seed: '004l §6.2: 客户归属为新进行服务的置业顾问,成交后两置业顾问按5:5分配此客户佣金',
    },
    'deals.splits.complaintReferral': {
      value: { credit: { server: 100, original: 0 }, commission: { server: 70, original: 30 } },
      seed: '004l §6.2: 此客户若再带新客户来,则进行服务的置业顾问与原置业顾问7:3分配佣金。客户归属为进行服务的置业顾问',
    },
    'registration.realBuyer': { value: true, seed: '004l §7.1: 客户到访表明带看,置业顾问需问明真正购房客户信息并进行登记,则该购房客户归属为此置业顾问' },
    'identity.familyRelations': {
      value: ['spouse', 'parent', 'child', 'sibling', 'relative'],
      seed: '004l §7.2: 多名置业顾问与同一组买房客户及亲属联系 ... 称为撞单 (spouse, parents, children, siblings and other relatives are one buyer group)',
    },
    'identity.familyPriority': {
      value: ['spouse', 'parent', 'child', 'sibling', 'relative'],
      seed: '004l §7.2: 直系亲属区分顺序:配偶、父母、子女、兄弟姐妹、其他亲属',
    },
    'deals.splits.crossFamily': {
      value: { credit: { first: 100, other: 0 }, commission: { first: 100, other: 0 } },
      seed: '004l §7.2: 按照直系亲属首接制划分 (all to the first receiver in the family order)',
    },
  },
};
