import type { Preset } from './define.js';

/** 客户分配接待轮排制度 (九州名座) (000): daily carry-over rotation, call allocation, 20%/10% rates, two-rounds-one penalty, 1.8-2.5‰ tiers, grades, clawback. */
export const jiuzhou: Preset<'jiuzhou'> = {
  name: 'jiuzhou',
  source: '000',
  title: '客户分配接待轮排制度 (九州名座)',
  summary: 'daily carry-over rotation, call allocation, secretary identifies the caller, no make-up but company business, duty hours to the duty person, an undealt old client who names nobody goes to rotation, 20%/10% rates, two-rounds-one penalty, 1.8-2.5‰ tiers, grades, clawback',
  fields: {
    // Registration and the book (§1, §4).
    'registration.requiredFields': { value: ['name', 'phone'], seed: '000 §4: 客戶姓名…聯系方式,聯系方式盡量留手機號 (name and a phone, mobile preferred)' },

    // Ownership: no protection window anywhere in 000; the book holds until the client names someone else or nobody (§7-8).
    'ownership.validityDays.visit': { value: null, seed: '000 §8-9: the first 來客登記 decides ownership and credit; the seed sets no time limit' },
    'ownership.validityDays.call': { value: null, seed: '000 §1-2: calls are registered and allocated by the secretary; the seed sets no time limit' },
    'ownership.namedOwnsNewClient': { value: true, seed: '000 §2: 客戶能報上業務員名字 (a client who names the salesperson is theirs)' },
    'ownership.unnamedOldClient': { value: 'receiver', seed: '000 §8: 未成交的老客戶來訪,若未能指定或記起原業務員,則執行輪排及來人登記,客戶歸屬為本次接待的業務員所有' },
    'ownership.permanentFromStage': { value: 'subscription', seed: '000 §5, §8: a 已簽約/成交 client is the original\'s old client, received by them; only 未成交 ones go back to rotation' },
    'ownership.call.gives': { value: 'nothing', seed: '000 §2: a called client who says nobody called them is received 按照正常輪排順序 (a call alone does not own the visitor)' },
    'ownership.phoneInvite.reception': { value: 'notCounted', seed: '000 §2: 成功確認后由追訪的業務員接待,接待完畢后如未超出本輪的輪排繼續安排輪排 (the identified caller receives without using a turn)' },

    // Referrals (§7).
    'referrals.chain': { value: true, seed: '000 §7: 老客戶介紹新客戶 … 若未能指定或記起原業務員,則執行輪排 (a referral who names the original is theirs)' },
    'referrals.accompaniedGoesToOriginal': { value: false, seed: '000 §7: 不論新客戶是否在老客戶的陪同下來訪 … 執行輪排 (coming along does not bring them to the original)' },

    // Rotation (§2, §4-6, §9, §12, §20-21).
    'rotation.dailyStart': { value: 'carryOver', seed: '000 §4: 每天接待客戶的順序,將以前一天最后一個接待客戶的下一個人為第一順位' },
    'rotation.oldClientCounts': { value: false, seed: '000 §5: 已簽約的老客戶來訪 … 由原業務員接待,如未超過本輪本人的接待順序,繼續按序輪排' },
    'rotation.makeUps.busy': { value: 'none', seed: '000 §6: 如錯過本輪接待順序的,不再安排補接' },
    'rotation.makeUps.ownClient': { value: 'none', seed: '000 §5-6: 如超過,即視為錯過本輪接待 … 不再安排補接' },
    'rotation.makeUps.companyBusiness': { value: 'once', seed: '000 §21: 若本人因公事影響到本人接待客戶的 … 由秘書安排補接' },
    'rotation.absentOwner': { value: 'team', seed: '000 §9: 業務員應提前委托同組人員或其他業務員接待 (a member of the same team assists)' },
    'rotation.callAllocation': { value: 'rotation', seed: '000 §2: 來電登記每天分配一次,原則上按順序依次分配; self-sourced calls 歸該內銷員所有,且不計入來電分配' },
    'rotation.penaltyDays': { value: 7, seed: '000 §3, §12: 下一周 … 不再分配來電; 一周內 … 接待輪排為兩輪排一輪 (penalties last a week)' },
    'rotation.duty.windows': { value: [], seed: '000 §20: 值班時間的來客歸值班人員接待 … 但不記入輪排; the seed names no hours: the day\'s assignDuty carries them' },

    // Deals, credit and commission (§2, §9, §14-15).
    'deals.splits.invited': { value: { credit: { closer: 50, inviter: 50 }, commission: 'negotiated' }, seed: '000 §2: 電話邀約客戶 … 未能由該業務員本人接待的,該客戶成交后,業績五五分成,傭金自行協商分成比例' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: 'negotiated' }, seed: '000 §9: 客戶的歸屬,業績的確認將以第一時間的來客登記為準,傭金的分配由業務員自行協商分成' },
    'deals.commission.rates': { value: { neither: '1.8', one: '2', both: '2.3', above: '2.5' }, seed: '000 §14: 紅線綠線其中之一 2‰; 均完成 2.3‰; 超額部分 2.5‰; 均未完成 1.8‰' },
    'deals.commission.excess': { value: 'marginal', seed: '000 §14: 紅線、綠線超額完成,則超額部分按2.5‰發放傭金 (only the excess at 2.5‰)' },
    'deals.commission.excessBase': { value: 'red', seed: '000 §14: 超額部分 of the month\'s sales: commission is paid on the red line (大定/簽約), the green line gates the tier' },
    'deals.commission.redLineFrom': { value: 'bigDeposit', seed: '000 §14: 紅線以大定或簽約為準' },
    'deals.commission.greenLineFrom': { value: 'loan', seed: '000 §14: 綠線以銀行放款或者客戶已符合放款條件并已登記備案為準' },
    'deals.commission.retierOnRefund': { value: 'recompute', seed: '000 §15: 若出現客戶退房或退定現象時,公司有權核查原始薪金發放記錄,追回先前發放的部分' },

    // Periods, KPIs, penalties, grades and fines (§3, §12-14, §18).
    'periods.calendar.quarterStartMonth': { value: 12, seed: '000 §13: 自2007年12月份開始計算。每3個月一考核' },
    'periods.inviteRate.percent': { value: 20, seed: '000 §3: 電話約客率應在20%以上' },
    'periods.inviteRate.period': { value: 'week', seed: '000 §3: 如一周或規定的時間內不能邀約新客戶到售樓現場' },
    'periods.closeRate.percent': { value: 10, seed: '000 §12: 成交率應在10%以上' },
    'periods.closeRate.period': { value: 'week', seed: '000 §12: 如一周或規定的時間內無成交或下定' },
    'periods.penalties.halfTurns': { value: { when: 'noDeal' }, seed: '000 §12: 一周 … 內無成交或下定,則一周內 … 接待輪排為兩輪排一輪' },
    'periods.penalties.noCalls': { value: {}, seed: '000 §3: 約客率為零,則下一周或規定的時間內不再分配來電' },
    'periods.invitations.confirm': { value: false, seed: '000 §2-3: the secretary and the staff identify the caller (registerVisit.invitedBy); no signed confirmation step' },
    'periods.elimination': { value: { mode: 'last', period: 'quarter', from: '2007-12', roles: ['sales'], rankBy: ['redLine'] }, seed: '000 §13: 實行末位淘汰制;自2007年12月份開始計算。每3個月一考核,業績最差者(包括并列)淘汰' },
    'periods.grades.ladder': {
      value: [
        { name: '试用业务员', base: '700' },
        { name: '正式业务员', base: '800' },
        { name: '优秀业务员', base: '1000' },
        { name: '资深业务员', base: '1200' },
        { name: '销售主管', base: '1300' },
        { name: '高级销售主管', base: '1500' },
      ],
      seed: '000 §14: 等級工資 試用業務員700, 正式業務員800, 優秀業務員1000, 資深業務員1200, 銷售主管1300, 高級銷售主管1500',
    },
    'periods.grades.promoteAfter': { value: 3, seed: '000 §14: 若連續3個月完成紅線及綠線者,晉升1級' },
    'periods.grades.demoteAfter': { value: 3, seed: '000 §14: 若連續3個月未完成紅線及綠線者,降1級' },
    'periods.fines.schedule': { value: { misconduct: { range: { min: '20', max: '200' }, source: '000 §18' } }, seed: '000 §18: 如發生違反本制度的行為,視情節輕重程度,將處以20-200元不等的經濟處罰' },
  },
};
