import type { Preset } from './define.js';

/** 置业顾问客户归属细则 (004h): personal skip no make-up, company skip one make-up, 1-month follow-up, group counts once. */
export const consultantDetail: Preset<'consultant-detail'> = {
  name: 'consultant-detail',
  source: '004h',
  title: '置业顾问客户归属细则',
  summary: 'personal skip no make-up, company skip one make-up, 1-month follow-up, group counts once',
  fields: {
    'ownership.validityDays.visit': { value: 30, seed: '004h' },
    'ownership.followUp.withinDays': { value: 30, seed: '004h' },
    'ownership.followUp.doNotCallExempt': { value: true, seed: '004h' },
    'ownership.renewOn': { value: ['followUp', 'visit'], seed: '004h' },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '004h' },
    'rotation.makeUps.companyBusiness': { value: 'once', seed: '004h' },
    'rotation.makeUps.first': { value: true, seed: '004h' },
    'rotation.makeUps.ownClient': { value: 'none', seed: '004h' },
    'rotation.absentOwner': { value: 'last', seed: '004h' },
    'rotation.callAllocation': { value: 'rotation', seed: '004h' },
    'rotation.groupTurns': { value: 'one', seed: '004h' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } }, seed: '004h' },
  },
};
