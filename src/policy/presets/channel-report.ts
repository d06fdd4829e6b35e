import type { Preset } from './define.js';

/** 房地产拓客客户归属判别制度 (004k): masked-phone reports, 7-day report validity, 3 re-files then public pool. */
export const channelReport: Preset<'channel-report'> = {
  name: 'channel-report',
  source: '004k',
  title: '房地产拓客客户归属判别制度',
  summary: 'masked-phone reports, 7-day report validity, 3 re-files then public pool',
  fields: {
    'identity.maskedPhones': { value: 'withName', seed: '004k' },
    'claims.report.validDays': { value: 7, seed: '004k' },
    'claims.report.maxRefiles': { value: 3, seed: '004k' },
    'claims.report.refileNeedsReason': { value: true, seed: '004k' },
    'ownership.validityDays.report': { value: 7, seed: '004k' },
    'ownership.complaintReassigns': { value: true, seed: '004k' },
  },
};
