import type { Preset } from './define.js';

/**
 * 销售部客户管理制度及佣金制度 (004a): the first visit registration decides,
 * the front desk asks first, appointments are received by the appointer
 * (the last in line assists an allowed absence), an own old client's
 * arrival is made up once.
 */
export const firstVisit: Preset<'first-visit'> = {
  name: 'first-visit',
  source: '004a',
  title: '销售部客户管理制度及佣金制度',
  summary: 'first visit registration (a call gives nothing), appointments (allowed absence: last in line assists, no skip; otherwise the rotation receiver\'s), own-client-arrives make-up once',
  fields: {
    'registration.requiredFields': { value: ['name', 'phone'], seed: '004a 一 总则: 以客户来访第一次登记为唯一依据,登记内容为客户姓名、联系电话' },
    'identity.familyRelations': {
      value: ['spouse', 'parent', 'child', 'sibling', 'relative'],
      seed: '004a §2.1.1: 询问客户是否来过现场(其亲属是否来过): a relative who came before makes the client an old one',
    },
    'ownership.call.gives': {
      value: 'nothing',
      seed: '004a 一 总则: 客户归属原则上以客户第一次到现场的接待销售代表为其归属; 客户确认制度以客户来访第一次登记为唯一依据 (a call owns no one: the first on-site receiver does)',
    },
    'ownership.namedOwnsNewClient': { value: true, seed: '004a §2.1.1: 如客户指定某位销售代表接待则由该销售代表接待' },
    'ownership.recognition.unidentified': {
      value: 'receiver',
      seed: '004a 一 总则: 当客户来访无法确认销售代表时,按照新客户重新进行客户确认制度 (the desk asks first, §2.1.1)',
    },
    'rotation.oldClientCounts': { value: false, seed: '004a §2.1.2: only a first visit (第一次来现场) is received by rotation 并计接待客户一次; an old client goes to the original (§2.1.1)' },
    'rotation.absentOwner': { value: 'last', seed: '004a §2.1.2: 轮值最后一位销售代表应协助接待其预约客户并不做轮空处理' },
    'rotation.appointments.allowedAbsence': {
      value: ['busy', 'leave', 'off', 'companyBusiness'],
      seed: '004a §2.1.2: 如有约销售代表因正在接待客户、病假、休息、因公外出 the last in line assists; 除上述原因之外,该客户归属轮值销售代表',
    },
    'rotation.makeUps.ownClient': { value: 'once', seed: '004a §2.1.2: 如有老客户在场...由下一位销售代表接待,待接待完老客户以后,再补接一次' },
    'deals.splits.absentOwner': {
      value: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } },
      seed: '004a 一 总则 + §2.1.2: the client stays the first receiver\'s (客户归属以第一次到现场的接待销售代表为其归属); whoever helps an absent one only assists (协助接待, 义务协助)',
    },
  },
};
