/**
 * The deal and commission sections of each preset (RULES §G, §H): at which
 * stages credit and commission accrue, how a deal touched by several
 * salespeople is split, commission rates and bonuses, and what a refund
 * does. Sections left out take the schema's defaults (credit and commission
 * at subscription; absent owner: credit to the owner, commission 5:5;
 * cross-family: credit to the first registrant, commission 5:5; complaint
 * 5:5 then 7:3 on referrals; 1.8/2/2.3/2.5‰ tiers).
 */
import type { PolicyInput } from '../schema.js';
import type { PresetName } from './catalog.js';

const allToOwner = { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } };

/** Deal sections by preset. */
export const dealsPresets: Record<PresetName, Pick<PolicyInput, 'deals'>> = {
  // 000 §14: red line = 大定 or 签约, green line = 放款 or 备案; 1.8/2/2.3‰, the excess at 2.5‰.
  // §15: refunds claw back what was paid. §2: an invited client served by another: credit 5:5, commission negotiated.
  // §9: a colleague who serves an absent owner's client: credit to the first registration, commission negotiated.
  jiuzhou: {
    deals: {
      splits: {
        invited: { credit: { closer: 50, inviter: 50 }, commission: 'negotiated' },
        absentOwner: { credit: { owner: 100, closer: 0 }, commission: 'negotiated' },
      },
      commission: {
        rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' },
        excess: 'marginal',
        redLineFrom: 'bigDeposit',
        greenLineFrom: 'loan',
        retierOnRefund: 'recompute',
      },
    },
  },
  // 002 says nothing about credit or commission.
  'confirmation-desk': {},
  // 004a: a colleague who serves an absent salesperson's client, or one who only came to pay or sign, is 义务协助: no credit.
  'first-visit': { deals: { splits: { absentOwner: allToOwner } } },
  // 004b §1.3: the original consultant absent but knowing the client: a cooperative reception, credit 5:5.
  // §1.5, §4.3: cross-family clients 5:5. §2.1: a phone invitation with proof: 5:5.
  cooperation: {
    deals: {
      splits: {
        absentOwner: { credit: { owner: 50, closer: 50 }, commission: { owner: 50, closer: 50 } },
        invited: { credit: { closer: 50, inviter: 50 }, commission: { closer: 50, inviter: 50 } },
        crossFamily: { credit: { first: 50, other: 50 }, commission: { first: 50, other: 50 } },
      },
    },
  },
  // 004d says nothing about credit or commission.
  'onsite-offsite': {},
  // 004e §4: an unrecognized old client closed by another within a month: credit to the server, commission
  // shared; later, all to the second receiver. §5: a named salesperson absent: credit to the one on duty,
  // commission shared. §6: family members: credit to the first registrant, commission shared. §10: complaint 5:5.
  'draft-rules': {
    deals: {
      splits: {
        recognition: { withinDays: 30, credit: { original: 0, closer: 100 }, commission: { original: 50, closer: 50 } },
        absentOwner: { credit: { owner: 0, closer: 100 }, commission: { owner: 50, closer: 50 } },
        crossFamily: { credit: { first: 100, other: 0 }, commission: { first: 50, other: 50 } },
        complaint: { credit: { server: 100, original: 0 }, commission: { server: 50, original: 50 } },
      },
    },
  },
  // 004f §2(1): a deal closed by 甲 for absent 乙 is 乙's. §2(4): the discount helper earns nothing.
  // §2(5): two subscriptions of one unit: the first deposit wins.
  'sales-dept-one': {
    deals: { sameUnit: 'firstDeposit', splits: { absentOwner: allToOwner, discountHelper: true } },
  },
  // 004g: colleagues who help an absent first contact close earn no credit.
  'resource-chain': { deals: { splits: { absentOwner: allToOwner } } },
  // 004h: the same: help for an absent first contact is not credited.
  'consultant-detail': { deals: { splits: { absentOwner: allToOwner } } },
  // 004i: the absent owner A keeps the credit, commission A:B 5:5 when closed that day; concealment loses the commission.
  'absent-split': {
    deals: { splits: { absentOwner: { credit: { owner: 100, closer: 0 }, commission: { owner: 50, closer: 50 } }, concealment: true } },
  },
  // 004j §2.3-2.4: the team decides among itself; nothing for the engine to split.
  shenyang: {},
  // 004k says nothing about credit or commission.
  'channel-report': {},
  // 004l §6.2: a client reassigned after a complaint: commission 5:5; that client's referrals 7:3 (server : original).
  'callback-first': {
    deals: {
      splits: {
        complaint: { credit: { server: 100, original: 0 }, commission: { server: 50, original: 50 } },
        complaintReferral: { credit: { server: 100, original: 0 }, commission: { server: 70, original: 30 } },
      },
    },
  },
  // 003 篇十 3(2): the client prefers A over B still within validity: commission A 80 / B 20.
  // 3(3): B named but absent, C assists: credit B, bonus B 80 / C 20. 3(6): the discount helper earns nothing.
  'store-archive': {
    deals: {
      splits: {
        validity: { credit: { named: 100, previous: 0 }, commission: { named: 80, previous: 20 } },
        absentOwner: { credit: { owner: 100, closer: 0 }, commission: { owner: 80, closer: 20 } },
        discountHelper: true,
      },
    },
  },
  // 001: each invited visit that converts earns the telemarketer 200 (high-rise) or 500 (villa), only when the
  // visit was confirmed (邀约客户确认标准).
  'call-center': {
    deals: { bonus: { byProductType: { highRise: '200', villa: '500' }, to: 'inviter', confirmedOnly: true } },
  },
};
