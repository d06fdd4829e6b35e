import type { Preset } from './define.js';

/** 销售部客户管理制度及佣金制度 (004a): first visit registration, appointments, own-client-arrives make-up once. */
export const firstVisit: Preset<'first-visit'> = {
  name: 'first-visit',
  source: '004a',
  title: '销售部客户管理制度及佣金制度',
  summary: 'first visit registration, appointments, own-client-arrives make-up once',
  fields: {
    'registration.requiredFields': { value: ['name', 'phone'], seed: '004a' },
    'ownership.namedOwnsNewClient': { value: true, seed: '004a' },
    'rotation.absentOwner': { value: 'last', seed: '004a' },
    'rotation.makeUps.ownClient': { value: 'once', seed: '004a' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } }, seed: '004a' },
  },
};
