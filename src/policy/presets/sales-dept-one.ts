import type { Preset } from './define.js';

/**
 * 房地产客户归属制度 (销售一部) (004f): rotation with daily carry-over and a
 * make-up after a long own-client reception, 10-day archive renewed by
 * follow-ups, calls allocated centrally, the original keeps a client the
 * receiver did not ask about, a justified complaint ends the original's
 * part, the book decides several names, referral beats relative.
 */
export const salesDeptOne: Preset<'sales-dept-one'> = {
  name: 'sales-dept-one',
  source: '004f',
  title: '房地产客户归属制度 (销售一部)',
  summary: '10-day archive, calls allocated centrally, "where is the office" call = new client, no first question: the original keeps the client, several names: the book decides, referral beats relative, long-reception make-up, same-unit first deposit',
  fields: {
    'rotation.dailyStart': { value: 'carryOver', seed: '004f 接待顺序(2): 如当天下班轮到4,则第二天上班时从5开始' },
    'rotation.oldClientCounts': { value: false, seed: '004f 接待顺序(2): 如(甲)轮值,(乙)的客户到访,则由(乙)负责接待 (out of turn: 乙 keeps a turn to make up)' },
    'rotation.makeUps.ownClient': { value: 'once', seed: '004f 接待顺序(2): (乙)接待时间过长,排轮到(丙),则(丙)排轮后(乙)主动补上' },
    'registration.requiredFields': { value: ['name', 'phone'], seed: '004f 1(2): 所有接待客户名单、联系方式均应在来访登记表上体现' },
    'ownership.recognition.unidentified': {
      value: 'original',
      seed: '004f 1(3): 若置业顾问未咨询客户是否第一次来访,且客户未主动说起原接待人员,则该客户仍然归属原接待人员(建档有效期内)',
    },
    'ownership.call.gives': { value: 'allocation', seed: '004f 1(4): 来电咨询的客户,统一登记,由上级领导统一分配,不能私自记录在自己的登记本上' },
    'rotation.callAllocation': { value: 'manager', seed: '004f 1(4): 由上级领导统一分配' },
    'ownership.call.askingWayIsNew': { value: true, seed: '004f 1(5): 客户在售楼处附近来电咨询售楼处的具体位置表示马上要过来,该客户到现场时按新客户原则处理' },
    'ownership.validityDays.visit': { value: 10, seed: '004f 1(6): 客户的建档有效期为10天' },
    'ownership.validityDays.call': { value: 10, seed: '004f 1(6): 客户的建档有效期为10天 (an allocated call is an archived client too, 1(4))' },
    'ownership.renewOn': { value: ['followUp', 'visit'], seed: '004f 1(6): 若10天都没有跟进记录,再次到访则作为新客户处理; 客户的归属问题以客户跟进记录本为准' },
    'referrals.chain': { value: true, seed: '004f 1(7): 已成交客户介绍其朋友及亲人过来,若指明要找原置业顾问接待的,尽管排轮未到该置业顾问,该置业顾问都可以接待' },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '004f 1(7): 若该客户未指明要谁接待,置业顾问已认出是自己曾接待的客户,则可主动接待' },
    'referrals.accompaniedOnRecognition': {
      value: true,
      seed: '004f 1(7): 置业顾问已认出是自己曾接待的客户,则可主动接待 (only once the salesperson recognized the referrer and received the visit; else the rotation receives)',
    },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } },
      seed: '004f 2(1): (甲)知道是(乙)曾接待过的客户,而(乙)又不在现场...成交后业绩原则归(乙)',
    },
    'ownership.complaintReassigns': { value: true, seed: '004f 業績(2): 客户...不愿意找(乙),对(乙)提出投诉...待销售经理落实后' },
    'deals.splits.complaint': {
      value: { credit: { server: 100, original: 0 }, commission: { server: 100, original: 0 } },
      seed: '004f 業績(2): 待销售经理落实后,此客户成交与(乙)无关',
    },
    'ownership.multiNamed': { value: 'book', seed: '004f 2(3): 能说出多名置业顾问的姓名,但不指定谁接待,则由排轮的置业顾问(甲)接待,则根据客户登记本为准' },
    'deals.splits.discountHelper': { value: true, seed: '004f 2(4): 为争取销售折扣而找(乙)...则业绩提成全部属(甲)' },
    'deals.sameUnit': { value: 'firstDeposit', seed: '004f 2(5): 同时有两个以上客户认购同一套商品房,以先付定金者为主' },
    'referrals.overRelative': { value: true, seed: '004f 2(6): (甲)已成交的客户介绍他的朋友过来...是(乙)销售员的亲戚朋友,成交后业绩属于(甲)销售员' },
  },
};
