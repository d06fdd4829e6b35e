import type { Preset } from './define.js';

/** 售楼处管理制度 (篇十) (003 篇十): 2-month archive, 80/20 splits, make-ups equal to turns missed, several names in order, later archive match or later naming 50:50, complaint and family to one side, long-leave clients by the manager's draw, quarrels: credit to the department. */
export const storeArchive: Preset<'store-archive'> = {
  name: 'store-archive',
  source: '003 篇十',
  title: '售楼处管理制度 (篇十)',
  summary: "2-month archive, 80/20 splits, make-ups equal to turns missed, several names in order, later archive match or later naming 50:50, a justified complaint gives the deal to the new server, a family to its first receiver, long-leave clients by the manager's draw, quarrels: credit to the department",
  fields: {
    // Registration and ownership (首訪原則, 區分原則).
    'ownership.validityDays.visit': { value: { months: 2 }, seed: '003 篇十 2(1): 客戶建檔有效期為2個月 (calendar months; the 來人登記表 is the archive)' },
    'ownership.validityDays.call': { value: { months: 2 }, seed: '003 篇十 2(1): 客戶建檔有效期為2個月 (客戶來電要記錄來電登記表: calls are archived too)' },
    'ownership.permanentFromStage': { value: 'subscription', seed: '003 篇十 2(2): 以成交為準 (a deal, 開認購書, settles the client)' },
    'ownership.multiNamed': { value: 'order', seed: '003 篇十 3(5): 由客戶說出的第一位銷售員a接待,若a不在場,則由第二位銷售員b接待,以此類推;如 … 都不在場,由前臺輪值c接待' },
    'ownership.complaintReassigns': { value: true, seed: '003 篇十 3(4): 客戶 … 不願找b,對b進行投訴 … 待銷售主任落實后,此客戶成交與b無關' },
    'ownership.redistribute.from': { value: ['leave', 'left'], seed: '003 篇十 3(12): 銷售代表請長假或調離時,其客戶由經理按隨機抽數分配給其他銷售代表' },
    'identity.familyPriority': { value: null, seed: '003 篇十 3(11): 客戶中家庭有一方先來看房,另一方后來看房,成交后以先接待者為準 (the first receiver, no ranking of relatives)' },
    'referrals.accompaniedGoesToOriginal': { value: true, seed: '003 篇十 3(10): 原則上由舊客戶帶來的新客戶,屬原始接待者所有' },

    // Rotation (the reception rules 1-5).
    'rotation.makeUps.companyBusiness': { value: 'perTurn', seed: '003 篇十 rotation 3: 因公事外出 … 當外出銷售員歸來時,空幾輪,補接幾名新客戶' },
    'rotation.makeUps.busy': { value: 'none', seed: '003 篇十 rotation 3: 忙于接待客戶時,其他銷售員按順序輪流接待 (the make-up is for those out: 外出銷售員歸來時)' },
    'rotation.oldClientCounts': { value: false, seed: '003 篇十 rotation 5(2): 客戶以后重新上門,不管是否被首次銷售員接待,均不計入接待名額' },

    // Credit and bonus (區分準則 3(2)-(13), 客戶交叉 4).
    'deals.splits.validity': { value: { credit: { named: 100, previous: 0 }, commission: { named: 80, previous: 20 } }, seed: '003 篇十 3(2): 若客戶不願找b,要求a接待 … 業績屬a,若b屬建檔有效期,提成為a:80%,b:20%,若b屬建檔無效期,則與b無關' },
    'deals.splits.absentOwner': { value: { credit: { owner: 100, closer: 0 }, commission: { owner: 80, closer: 20 } }, seed: '003 篇十 3(3): b不在現場,則由銷售員c協助接待,不列入前臺輪值指標,若成交后,業績屬b,獎金b:80%,c:20%分配' },
    'deals.splits.complaint': { value: { credit: { server: 100, original: 0 }, commission: { server: 100, original: 0 } }, seed: '003 篇十 3(4): 對b進行投訴 … 此客戶成交與b無關 (all to the new server)' },
    'deals.splits.discountHelper': { value: true, seed: '003 篇十 3(6): 如a所接待的客戶位爭取銷售折頭而找b,業績獎金全部屬a' },
    'deals.splits.laterDesignation': {
      value: { named: { credit: { named: 50, earlier: 50 }, commission: { named: 50, earlier: 50 } }, archive: { commission: { receiver: 50, original: 50 } } },
      seed: '003 篇十 3(7): a通過潛在客戶檔案找b … 若屬建檔有效期 … 成交后業績屬"a或b",獎金a:50%,b:50%; 3(8): 第n次來看樓時,指定a接待 … 業績獎金屬a:50%,n次前的銷售員50%',
    },
    'deals.splits.crossFamily': { value: { credit: { first: 100, other: 0 }, commission: { first: 100, other: 0 } }, seed: '003 篇十 3(11): 家庭有一方先來看房,另一方后來看房,成交后以先接待者為準 (all to the first receiver)' },
    'deals.splits.marketingEvent': { value: { byManager: true }, seed: '003 篇十 3(13): 開房展會或樓盤開盤等其他活動,客戶的確定由經理按其他方法確定' },
    'disputes.quarrelTo': { value: 'department', seed: '003 篇十 4: 如發生爭吵,該交叉樓宇的業績、獎金歸部門 … 由部門經理進行界定,銷售員必須服從,否則該交叉樓宇的業績、獎金歸部門' },

    // Fines (rotation rule 4).
    'periods.fines.settlement': { value: 'deductFromPay', seed: '003 篇十 rotation 4: 扣罰當事人當日基本工資 (deducted from pay)' },
    'periods.fines.schedule': {
      value: {
        grabClient: { dayBase: '1', source: '003 篇十 4' },
        grabClientSerious: { monthBase: '1', monthBonus: '0.5', source: '003 篇十 4' },
        provokeDispute: { monthBonus: '0.5', source: '003 篇十 rotation 5(3)' },
      },
      seed: '003 篇十 rotation 4: 如有搶客、爭客或怠慢客戶 … 一般情況下,將扣罰當事人當日基本工資,情況嚴重者,將扣罰當月基本工資和當月應發獎金的50%; rotation 5(3): 故意挑起事端者,即給予辭退處理,並扣罰當事人當月應得成交獎金的50% (the dismissal is not a fine)',
    },
  },
};
