import type { Preset } from './define.js';

/** 客户确认制度 (002): claims decide ownership, claim windows, 50/80/30 quota, 10-day re-confirmable claims (pre-launch: 10 days after subscription starts), earliest-claim collisions, conflicting claims returned within 24 h, 3-days-after-deal rule, appeals 400/500. */
export const confirmationDesk: Preset<'confirmation-desk'> = {
  name: 'confirmation-desk',
  source: '002',
  title: '客户确认制度',
  summary: 'claims (not the book) decide ownership, claim windows, 50/80/30 quota (current quarter), 10-day re-confirmable claims (pre-launch: 10 days after subscription starts), earliest-claim collisions, conflicting claims returned within 24 h, 3-days-after-deal rule, appeals 400/500',
  fields: {
    // Who is the same client (§2).
    'identity.matchOn': { value: 'phoneOrName', seed: '002 §2: 客戶需求基本一致,同時客戶名稱或聯系方式基本一致; §2.1.3: 其中一項相同,視為同一客戶' },
    'identity.needMustMatch': { value: true, seed: '002 §2: 同一客戶的判斷標準為客戶需求基本一致' },
    'identity.familyRelations': { value: ['spouse', 'parent', 'child'], seed: '002 §2.1.1: 實際是夫妻、父子或母女等直系 … 視作同一客戶' },
    'identity.familyNeedMustMatch': { value: true, seed: '002 §2.1.1: 且需為同一需求視作同一客戶' },

    // Claims (§1).
    'claims.windows': { value: [{ from: '09:00', to: '10:00' }, { from: '16:00', to: '17:00' }], seed: '002 §1.1: 確認遞交時間上午9:00-10:00 下午16:00-17:00' },
    'claims.requireRegistration': { value: true, seed: '002 §1.7: 銷售人員接待的新客戶必需在當天的《來人來電表》上有所反映 … 不予確認' },
    'claims.returnWithinHours': { value: 24, seed: '002 §1.4: 若發現該客戶確認與其它銷售人員沖突,則需在接到客戶確認單后24小時內將此份客戶確認交還給遞交人,通知其不得繼續聯系客戶' },
    'claims.reclaimRenews': { value: true, seed: '002 §6.3: 10天內如確認客戶沒有成交,但依然有意向,可以進行再次確認' },

    // Ownership: by claims and their stamps, 10 days (§1.3, §2.2.1, §6.2-6.3).
    'ownership.bookProtects': { value: false, seed: '002 §1.3: 如果發生客戶沖撞問題,由此確認時間判斷客戶歸屬; §1.7: the 來人來電表 is what a claim needs; §2.2.1: 根據客戶確認時間的先后進行歸屬判斷' },
    'ownership.validityDays.claim': { value: 10, seed: '002 §6.3: 客戶確認的有效期為10天 … 有效期過后,該客戶的確認將按新客戶對待' },
    'ownership.validityDays.preFile': { value: 10, seed: '002 §6.2-6.3: 提前備案 is a 客戶確認, whose 有效期為10天' },
    'ownership.preLaunchDays': { value: 10, seed: '002 §6.3: 前期確認的客戶有效期為正式通知內部認購開始后10天內,具體時間待定' },
    'ownership.renewOn': { value: ['claim'], seed: '002 §6.3: only 再次確認 renews; 如沒有進行再次確認,有效期過后 … 按新客戶對待' },
    'ownership.managerAssigns': { value: 'service', seed: '002 §2.2.3: 銷售經理或主管有權指定同組非確認業務員進行聯系客戶服務工作,與確認無關' },

    // Collisions (§2.2).
    'collisions.afterDealDays': { value: 3, seed: '002 §2.2.2: 如在簽約或認購三日后發現撞車,則將此客戶判給成交人員' },
    'collisions.afterDealStage': { value: 'subscription', seed: '002 §2.2.2: 簽約或認購 (the earlier of the two, subscription, starts the count)' },
    'collisions.companyVsPerson': { value: 'contractName', seed: '002 §2.2.3: 以簽約或認購的名稱為基準來判別,誰的客戶確認名稱與之一致,時間在前,客戶歸誰' },
    'collisions.sameDay': { value: 'ruling', seed: '002 §2.2.4: 如業務員在同一天內遞交同一客戶確認,則由銷售經理根據兩人(或以上)業務日報表 … 判斷客戶歸屬' },

    // Disputes (§3-4).
    'disputes.raiseSameDay': { value: true, seed: '002 §3.1: 銷售人員應在爭議當日將《查詢單》遞交給各自主管' },
    'disputes.appealFailedFine': { value: '400', seed: '002 §4: 若投訴駁回,則對上報業務員罰款400元' },
    'disputes.overturnFine': { value: '500', seed: '002 §4: 若投訴改判 … 則對其(簽約主管及銷售經理)罰款500元' },

    // Referrals (§1.8).
    'referrals.accompaniedGoesToOriginal': {
      value: false,
      seed: '002 §1.8: 老客户带来的新客户,由原销售人员接待;如老客户未指明接待人员则由当班人员接待 (coming along is not enough: the original receives when pointed out, REF-CHAIN; else the person on duty)',
    },

    // The claim quota (§1.5) and fines (§4).
    'periods.quota.limit': { value: 50, seed: '002 §1.5: 每一個現場銷售人員可同時確認50名客戶' },
    'periods.quota.targetMet': { value: 80, seed: '002 §1.5: 當季度如完成簽約任務,可增至80名' },
    'periods.quota.noSigning': { value: 30, seed: '002 §1.5: 當季度如無簽約成績,客戶確認總量降至30名' },
    'periods.quota.judged': { value: 'soFar', seed: '002 §1.5: 當季度 (the current quarter, so far)' },
    'periods.fines.schedule': { value: {}, seed: '002 §4: the only fines are the appeal fines (disputes.*)' },
  },
};
