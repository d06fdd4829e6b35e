import type { Preset } from './define.js';

/** 碧桂园电开管理制度 (001): 100 calls/day, 10 invites/week, invite confirmation, 200/500 bonuses. */
export const callCenter: Preset<'call-center'> = {
  name: 'call-center',
  source: '001',
  title: '碧桂园电开管理制度',
  summary: '100 calls/day, 10 invites/week, invite confirmation, 200/500 bonuses',
  fields: {
    'registration.requiredFields': { value: ['phone'], seed: '001' },
    'deals.bonus.byProductType': { value: { highRise: '200', villa: '500' }, seed: '001' },
    'deals.bonus.to': { value: 'inviter', seed: '001' },
  },
};
