import type { Preset } from './define.js';

/**
 * 售楼部客户资源的归属规定 with 房地产-客户归属界定 (004g): the first contact
 * (visit or call) owns the client for three months, a helper earns no
 * credit, referral chains, relatives, departed staff's clients to the
 * office, a lunch duty person owns the new clients they receive (the duty
 * hours come with the duty event: the seed names none).
 */
export const resourceChain: Preset<'resource-chain'> = {
  name: 'resource-chain',
  source: '004g',
  title: '售楼部客户资源的归属规定 / 客户归属界定',
  summary: 'first contact, referral chains, 3-month ownership, departed staff pool, lunch duty',
  fields: {
    'ownership.call.gives': { value: 'protection', seed: '004g §1 第一接触点的原则(包括上客户和电话客户): 哪一个销售人员首先接触该客户,该客户应被其所有' },
    'ownership.validityDays.visit': { value: { months: 3 }, seed: '004g 一(三) 时效性原则: 其拥有客户资源的时效为三个月 (calendar months)' },
    'ownership.validityDays.call': { value: { months: 3 }, seed: '004g 一(三): 时效为三个月, for phone clients too (一(一) 包括电话客户)' },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } },
      seed: '004g §1: 第二、第三次上门时,第一接触销售人员不在,其它销售人员有义务协作、帮助成交,但不计入业绩',
    },
    'referrals.chain': { value: true, seed: '004g §2.1 群带性原则: A的客户介绍的新客户甲归A, 甲带来的乙归A; 仅适应于新上门客户指明找A或老客户介绍在先,不包括不期而遇的' },
    'referrals.overRelative': { value: false, seed: '004g §2.2: 若上门客户是某销售人员的亲属或朋友,则其资源权应优先归属该销售人员(若未能第一接触而事先又无记录,则不能拥有)' },
    'ownership.namedOwnsNewClient': { value: true, seed: '004g §5 (客户归属界定 (二)5): 客户介绍的客户资源如该客户指定销售人员接待,则该客户归该指定销售员所有' },
    'ownership.departed.deposited': { value: 'pool', seed: '004g §3 (客户归属界定 (二)3): 已离开公司的销售人员的客户资源归销售部' },
    'ownership.departed.undeposited': { value: 'new', seed: '004g §3: 未下订单的客户视作新客户,由销售经理统一安排' },
    'ownership.managerAssigns': { value: 'ownership', seed: '004g §3: 未下订单的客户...由销售经理统一安排 (the manager\'s assignment gives the client)' },
    'rotation.duty.windows': {
      value: [],
      seed: "004g §6 (客户归属界定 (二)6): 售楼处午餐时间由销售人员轮流值班 … 值班时间由值班人员接待的新客户归当值班销售人员; the seed names no hours: the day's assignDuty carries them",
    },
    'registration.requiredFields': { value: ['name', 'phone'], seed: '004g §4 (客户归属界定 (二)4): 未在《客户来访登记表》上记录姓名等相关资料的客户...作新客户处理' },
  },
};
