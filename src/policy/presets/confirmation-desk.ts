import type { Preset } from './define.js';

/** 客户确认制度 (002): claim windows, 50/80/30 quota, 10-day re-confirmable claims, earliest-claim collisions, 3-days-after-deal rule, appeals 400/500. */
export const confirmationDesk: Preset<'confirmation-desk'> = {
  name: 'confirmation-desk',
  source: '002',
  title: '客户确认制度',
  summary: 'claim windows, 50/80/30 quota, 10-day re-confirmable claims, earliest-claim collisions, 3-days-after-deal rule, appeals 400/500',
  fields: {
    'identity.matchOn': { value: 'phoneOrName', seed: '002' },
    'identity.needMustMatch': { value: true, seed: '002' },
    'identity.familyRelations': { value: ['spouse', 'parent', 'child'], seed: '002' },
    'claims.windows': { value: [{ from: '09:00', to: '10:00' }, { from: '16:00', to: '17:00' }], seed: '002' },
    'claims.requireRegistration': { value: true, seed: '002' },
    'claims.reclaimRenews': { value: true, seed: '002' },
    'ownership.validityDays.claim': { value: 10, seed: '002' },
    'ownership.validityDays.preFile': { value: 10, seed: '002' },
    'ownership.renewOn': { value: ['claim'], seed: '002' },
    'ownership.managerAssigns': { value: 'service', seed: '002' },
    'collisions.sameDay': { value: 'ruling', seed: '002' },
    'collisions.afterDealDays': { value: 3, seed: '002' },
    'collisions.afterDealStage': { value: 'subscription', seed: '002' },
    'collisions.companyVsPerson': { value: 'contractName', seed: '002' },
    'disputes.raiseSameDay': { value: true, seed: '002' },
    'disputes.appealFailedFine': { value: '400', seed: '002' },
    'disputes.overturnFine': { value: '500', seed: '002' },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '002' },
    'referrals.chain': { value: false, seed: '002' },
  },
};
