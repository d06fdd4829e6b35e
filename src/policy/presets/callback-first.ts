import type { Preset } from './define.js';

/** 房地产客户归属规定 (004l): next-day callback, complaint 5:5 then 7:3, family order. */
export const callbackFirst: Preset<'callback-first'> = {
  name: 'callback-first',
  source: '004l',
  title: '房地产客户归属规定',
  summary: 'next-day callback, complaint 5:5 then 7:3, family order',
  fields: {
    'identity.familyPriority': { value: ['spouse', 'parent', 'child', 'sibling', 'relative'], seed: '004l' },
    'ownership.followUp.firstWithinDays': { value: 1, seed: '004l' },
    'ownership.followUp.withinDays': { value: 7, seed: '004l' },
    'ownership.renewOn': { value: ['followUp', 'visit'], seed: '004l' },
    'ownership.complaintReassigns': { value: true, seed: '004l' },
    'rotation.absentOwner': { value: 'last', seed: '004l' },
    'deals.splits.complaint': { value: { credit: { server: 100, original: 0 }, commission: { server: 50, original: 50 } }, seed: '004l' },
    'deals.splits.complaintReferral': { value: { credit: { server: 100, original: 0 }, commission: { server: 70, original: 30 } }, seed: '004l' },
  },
};
