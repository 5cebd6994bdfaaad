/**
 * Demo data for the embedded database: a district government, its departments and staff, and
 * several years of realistic applications that went through the real state machine (so every
 * demo case is valid), plus reconsideration/litigation records and table 二 inputs.
 *
 * 科学技术和工业信息化局 is the agency of the seed report: it received no applications in 2022 and
 * entered 0 everywhere in table 二, so its compiled 2022 report has exactly the seed's tables.
 * Deterministic: the same data every time (seeded PRNG).
 */
import type { WorkingCalendar } from '../calendar/types.ts';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, residentIdCheckChar } from '../cases/intake.ts';
import type { OutcomeCode } from '../cases/outcomes.ts';
import { seedDisclosureDemo } from '../disclosure/demo.ts';
import { createAgency, createStaffUser } from '../store/agencies.ts';
import { appendCaseEvent, CaseRuleError, createCase } from '../store/cases.ts';
import type { Store } from '../store/db.ts';
import { setTable2Input, setTable2Zero } from '../store/reportInputs.ts';
import { addReviewRecord } from '../store/reviews.ts';
import { seedDemoReports } from './annualReports.ts';
import { prng, type Rng } from './prng.ts';

export const SEED_AGENCY = '科学技术和工业信息化局';
export const DEMO_GOVERNMENT = '示范区人民政府';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '桂英',
  '建华',
  '志强',
];

function residentId(r: Rng): string {
  const area = r.pick(['110105', '320812', '350128', '440305', '510107']);
  const birth = `${r.int(1950, 2002)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  const body = `${area}${birth}${String(r.int(100, 999))}`;
  return body + residentIdCheckChar(body);
}

/** Real-format 统一社会信用代码 with a valid check character (GB 32100-2015). */
function creditCode(r: Rng, prefix: string): string {
  let body = `${prefix}320812`;
  while (body.length < 17) body += CREDIT_CODE_ALPHABET[r.int(0, 30)]!;
  return body + creditCodeCheckChar(body);
}

const ORGS: Record<string, { names: string[]; prefix: string }> = {
  commercial: {
    names: ['江苏某某建设工程有限公司', '某某房地产开发有限公司', '某某科技股份有限公司'],
    prefix: '91',
  },
  research: { names: ['某某大学公共管理学院', '某某市规划设计研究院'], prefix: '12' },
  nonprofit: { names: ['某某市环保志愿者协会', '某某公益基金会'], prefix: '53' },
  legalServices: { names: ['某某律师事务所', '某某法律服务所'], prefix: '31' },
  otherOrganization: { names: ['某某村民委员会', '某某业主委员会'], prefix: '54' },
};

const TOPICS: Record<string, string[]> = {
  [SEED_AGENCY]: [
    '2023年度工业企业技术改造专项资金拟扶持项目名单',
    '本局关于高新技术企业认定推荐的工作文件',
    '某某工业园区企业用电扶持政策的依据文件',
    '2024年度科技计划项目立项评审结果',
  ],
  某区住房和城乡建设局: [
    '某某小区加装电梯项目的审批文件',
    '某路段道路改造工程的施工许可证',
    '某某棚户区改造项目的房屋征收补偿方案',
    '2024年度建筑市场违法违规行为行政处罚决定书',
    '某某楼盘商品房预售许可证及附件',
    '某某小区物业专项维修资金使用情况',
  ],
  某区教育局: [
    '2025年义务教育阶段学区划分方案',
    '某某学校校舍改造工程的招标文件',
    '2024年度教师招聘考试成绩及录用名单',
    '民办培训机构年检结果',
  ],
};

const OUTCOME_WEIGHTS: [OutcomeCode, number][] = [
  ['disclosed', 30],
  ['alreadyPublic', 8],
  ['partlyDisclosed', 10],
  ['withheldThirdParty', 3],
  ['withheldProcess', 4],
  ['withheldEnforcementFile', 2],
  ['notHeld', 18],
  ['notResponsible', 6],
  ['needsCreation', 4],
  ['petition', 3],
  ['repeated', 2],
  ['publication', 1],
];

export interface SeedSummary {
  agencies: number;
  users: number;
  cases: number;
  reviews: number;
  /** Information items of proactive disclosure. */
  disclosures?: number;
  /** Annual reports published. */
  annualReports?: number;
}

/** Seeds the demo data into an empty, migrated store (refuses a store that already has agencies). */
export async function seedDemo(
  store: Store,
  calendar: WorkingCalendar,
  opts: { until?: string; perYear?: number } = {},
): Promise<SeedSummary> {
  const existing = await store.db.selectFrom('agency').select('id').limit(1).execute();
  if (existing.length)
    throw new Error('数据库中已有机关数据，演示数据只能导入空数据库（可换一个 --data 目录）');
  const until = opts.until ?? '2026-11-20';
  const r = prng(20261126);
  const db = store.db;
  const gov = await createAgency(
    db,
    { name: DEMO_GOVERNMENT, kind: 'government', creditCode: creditCode(r, '11') },
    'demo',
  );
  const depts = [SEED_AGENCY, '某区住房和城乡建设局', '某区教育局'];
  const ids: Record<string, number> = {};
  let users = 0;
  await createStaffUser(
    db,
    { agencyId: gov, username: 'supervisor', displayName: '政务公开办 周主任', role: 'supervisor' },
    'demo',
  );
  await createStaffUser(
    db,
    { agencyId: gov, username: 'admin', displayName: '系统管理员', role: 'admin' },
    'demo',
  );
  users += 2;
  for (const [i, name] of depts.entries()) {
    ids[name] = await createAgency(
      db,
      { name, kind: 'department', parentId: gov, creditCode: creditCode(r, '11') },
      'demo',
    );
    for (const [role, display] of [
      ['clerk', '承办人'],
      ['sectionHead', '股室负责人'],
      ['officeHead', '办公室主任'],
      ['leader', '分管领导'],
    ] as const) {
      await createStaffUser(
        db,
        { agencyId: ids[name]!, username: `${role}${i + 1}`, displayName: `${name} ${display}`, role },
        'demo',
      );
      users++;
    }
  }

  // table 二 inputs: the seed agency entered 0 everywhere for 2022 (as in the seed report)
  await setTable2Zero(db, ids[SEED_AGENCY]!, 2022, 'demo:clerk1');
  for (const year of [2023, 2024, 2025]) {
    for (const name of depts) {
      const id = ids[name]!;
      await setTable2Zero(db, id, year, 'demo');
      if (name === '某区住房和城乡建设局') {
        await setTable2Input(db, id, year, 'a20_1.normativeDocs.issued', String(r.int(1, 5)), 'demo');
        await setTable2Input(db, id, year, 'a20_1.normativeDocs.valid', String(r.int(20, 40)), 'demo');
        await setTable2Input(db, id, year, 'a20_5.licensing.decisions', String(r.int(300, 900)), 'demo');
        await setTable2Input(db, id, year, 'a20_6.penalty.decisions', String(r.int(20, 90)), 'demo');
        await setTable2Input(
          db,
          id,
          year,
          'a20_8.fees.amount',
          (r.int(100000, 999999) / 10000).toFixed(4),
          'demo',
        );
      }
    }
  }

  let cases = 0;
  const perYear = opts.perYear ?? 60;
  const staff = (role: 'clerk' | 'officeHead') => ({ id: `demo-${role}`, role });
  const at = (d: string) => `${d}T10:00:00+08:00`;
  for (const name of depts) {
    const agencyId = ids[name]!;
    const years = name === SEED_AGENCY ? [2023, 2024, 2025, 2026] : [2022, 2023, 2024, 2025, 2026];
    for (const year of years) {
      const n = name === SEED_AGENCY ? Math.round(perYear / 6) : perYear;
      for (let k = 0; k < n; k++) {
        let arrive = calendar.addWorkingDays(`${year}-01-01`, r.int(1, 240));
        if (arrive > until) continue;
        const type = r.weighted([
          ['naturalPerson', 80],
          ['commercial', 10],
          ['research', 2],
          ['nonprofit', 2],
          ['legalServices', 4],
          ['otherOrganization', 2],
        ] as const);
        const channel = r.weighted([
          ['online', 60],
          ['inPerson', 20],
          ['registeredPost', 15],
          ['ordinaryLetter', 5],
        ] as const);
        const applicant =
          type === 'naturalPerson'
            ? {
                type,
                name: `${r.pick([...SURNAMES])}${r.pick(GIVEN)}`,
                idDocument: { type: 'residentIdCard', number: residentId(r) },
              }
            : { type, name: r.pick(ORGS[type]!.names), creditCode: creditCode(r, ORGS[type]!.prefix) };
        const application = {
          applicant,
          contact: { phone: `139${String(r.int(10000000, 99999999))}`, address: '某市示范区某某路1号' },
          information: { description: r.pick(TOPICS[name]!) },
          form: r.pick(['paper', 'electronic'] as const),
          delivery: r.pick(['post', 'collect'] as const),
          channel,
        };
        const c = await createCase(
          store,
          agencyId,
          application,
          { on: arrive, at: at(arrive), actor: staff('clerk') },
          { calendar },
        );
        cases++;
        const add = async (input: Record<string, unknown>) => {
          try {
            await appendCaseEvent(store, c.id, input, { calendar });
            return true;
          } catch (e) {
            if (e instanceof CaseRuleError) return false;
            throw e;
          }
        };
        if (channel === 'online' || channel === 'ordinaryLetter') {
          await add({
            type: 'receiptConfirmed',
            on: arrive,
            at: at(arrive),
            actor: staff('clerk'),
            means: '电话确认',
          });
        }
        let day = arrive;
        const later = (n: number) => {
          day = calendar.addWorkingDays(day, n);
          return day;
        };
        if (r.next() < 0.12) {
          const on = later(r.int(2, 6));
          if (on > until) continue;
          await add({
            type: 'correctionRequested',
            on,
            at: at(on),
            actor: staff('clerk'),
            items: ['请明确所需信息的文件名称、文号或者时间范围'],
            dueWorkingDays: 10,
          });
          if (r.next() < 0.25) {
            const lapse = later(11);
            if (lapse <= until)
              await add({ type: 'correctionLapsed', on: lapse, at: at(lapse), actor: staff('clerk') });
            continue;
          }
          const got = later(r.int(2, 8));
          if (got > until) continue;
          await add({ type: 'correctionReceived', on: got, at: at(got), actor: staff('clerk') });
          arrive = got;
        }
        if (r.next() < 0.08) {
          const on = later(3);
          if (on > until) continue;
          await add({
            type: 'extensionApproved',
            on,
            at: at(on),
            actor: staff('clerk'),
            days: 20,
            reason: '需要调取历史档案',
            approvedBy: staff('officeHead'),
          });
        }
        const reply = calendar.addWorkingDays(arrive, r.int(5, 19));
        if (reply > until) continue; // still open: carried forward
        const outcome = r.weighted(OUTCOME_WEIGHTS);
        await add({ type: 'replied', on: reply, at: at(reply), actor: staff('clerk'), outcome });
        if (outcome !== 'disclosed' && outcome !== 'alreadyPublic' && r.next() < 0.06) {
          const filed = calendar.addWorkingDays(reply, r.int(10, 40));
          if (filed <= until) {
            const decided = calendar.addWorkingDays(filed, r.int(30, 60));
            const litigation = r.next() < 0.3;
            await addReviewRecord(
              db,
              agencyId,
              {
                id: `R-${c.number}`,
                kind: litigation ? 'litigation' : 'reconsideration',
                ...(litigation ? { route: 'direct' } : {}),
                caseIds: [String(c.id)],
                receivedOn: filed,
                ...(decided <= until
                  ? {
                      decidedOn: decided,
                      result: r.weighted([
                        ['upheld', 6],
                        ['corrected', 1],
                        ['other', 1],
                      ] as const),
                    }
                  : {}),
              },
              'demo',
            );
          }
        }
      }
    }
  }
  const reviews = await db
    .selectFrom('review_record')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // proactive disclosure: items, the policy library, the review worklist (src/disclosure/demo.ts)
  const disclosure = await seedDisclosureDemo(store, calendar, { until });
  // annual reports: past years published through the workflow, a draft for the current year
  const annualReports = await seedDemoReports(
    store,
    depts.map((name) => ({ id: ids[name]!, name, firstYear: name === SEED_AGENCY ? 2022 : 2023 })),
    until,
  );
  return {
    agencies: depts.length + 1,
    users,
    cases,
    reviews: Number(reviews.n),
    disclosures: disclosure.items,
    annualReports,
  };
}
