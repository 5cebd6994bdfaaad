/**
 * Demo annual reports: every demo department's reports for past years go through the real workflow
 * (the clerk writes and submits, the office head approves and publishes in January of the next
 * year), so the portal lists published reports; the current year is a draft the clerk has begun.
 *
 * The seed agency's 2022 report carries the narrative of the real seed report
 * (test/fixtures/seed-2022.txt), so its published snapshot equals the seed in tables and text.
 * The other years' text is written from the compiled numbers, so the text-versus-table rule (E-16)
 * holds; the fee sentence (E-14) and the statistics period (E-17) are there too.
 */
import type { Report } from '../report/model.ts';
import {
  type Actor,
  assembleReport,
  loadAnnualReport,
  saveSections,
  transitionReport,
} from '../store/annualReports.ts';
import type { Store } from '../store/db.ts';

/** Sections 一、五、六 of the seed report (test/fixtures/seed-2022.txt), paragraph by paragraph. */
export const SEED_2022_SECTIONS: Record<string, string> = {
  overview: [
    '2022年以来，我局在区委、区政府的正确领导下，坚决贯彻落实党中央、国务院和省、市决策部署，严格按照政务公开工作要点，不断加大和改进政府信息公开工作力度，结合我局实际，积极开拓公开渠道，创新公开方式，进一步提高政府治理和政务服务水平，增强人民群众获得感和满意度。现将工作情况总结如下：',
    '(一) 主动公开',
    '2022年，我局主动做好政府信息公开，我局积极落实政府信息公开工作要求，及时完善政府信息公开指南、政策文件库，积极科学合理完善目录。',
    '(二) 依申请公开',
    '加强依申请公开工作，明确责任岗位和人员。2022年我局没有收到依申请公开政府信息。',
    '(三) 政府信息管理',
    '办公室落实信息公开的具体工作，明确信息公开具体流程及内容把关工作，所有公开的信息均经过各股室负责人、分管领导和办公室的保密审查才可以发布。做到了“主要领导及分管领导主抓，办公室具体抓，各股室队配合抓，并落实了专人具体承办”，把政府信息公开工作列入了我局的重要工作目标，有力地促进了政府信息公开工作的开展。',
    '(四) 政府信息公开平台建设情况',
    '利用各种媒体推进政务公开、信息公开，积极利用局微信群、企业微信群等媒体主动公开政务信息，积极拓宽渠道，广泛收集信息，在信息报送的广度和深度上下功夫，准确把握信息动态，全面反映工作情况。通过多种形式向社会公开发布各种信息，将信息公开工作纳入我局的年度重点工作，保证信息公开工作有效运行。',
    '(五) 监督保障',
    '健全制度做好保障，不断修改完善政府服务事项办事指南，不断加大公开力度，拓宽公开渠道，创新公开形式。进一步保障公众的知情权、参与权和监督权。认真履行政务公开工作职责，及时做好有针对性地围绕企业关心的热点申报、政策文件、权威资讯等工作，让更多企业知晓政策、享受实惠，统筹推进全区科技创新和工业领域信息化工作，确保本单位政府信息公开工作的正常运行和不涉密的政务信息全部公开。',
  ].join('\n'),
  problems: [
    '2022年以来, 我局政府信息公开工作稳步推进, 但对对照信息公开的相关要求。',
    '1、存在问题',
    '对信息公开的条例学习还不够深入, 整体工作水平还需要提高, 公开范围有待进一步扩大。',
    '2、改进情况',
    '加强人员业务培训, 提高政府信息公开工作水平。',
  ].join('\n'),
  other: [
    '依申请公开收费标准按照《国务院办公厅关于<印发政府信息公开信息处理费管理办法>的通知》(国办函〔2020〕109号)的规定执行。2022年度未收取信息公开信息处理费用。',
  ].join('\n'),
};

const n = (r: Report, row: string) => r.table3.rows[row]?.cells.c7?.value ?? 0;
const t4 = (r: Report, key: string) => r.table4.row?.cells[key]?.value ?? 0;

/** Narrative written from the compiled numbers (so E-16 holds). */
function narrative(agency: string, year: number, r: Report): Record<string, string> {
  const reviews = t4(r, 'review.total');
  const suits = t4(r, 'direct.total') + t4(r, 'afterReview.total');
  return {
    overview: [
      `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，扎实做好政府信息公开工作。本报告中所列数据统计期限为${year}年1月1日至${year}年12月31日。`,
      '（一）主动公开',
      `${year}年，本局通过政府信息公开专栏主动公开政府信息，及时更新政府信息公开指南和政策文件库。`,
      '（二）依申请公开',
      `${year}年，本局新收政府信息公开申请${n(r, 'R1')}件，上年结转${n(r, 'R2')}件，办结${n(r, 'R3_7')}件，结转下年度继续办理${n(r, 'R4')}件。`,
      '（三）政府信息管理',
      '严格执行保密审查制度，拟公开的政府信息经股室负责人、分管领导和办公室审核后发布。',
      '（四）政府信息公开平台建设',
      '依托政府门户网站政府信息公开专栏，规范栏目设置，提升检索和浏览体验。',
      '（五）监督保障',
      `明确政府信息公开工作机构和人员，将政府信息公开工作纳入年度工作考核。${year}年，因政府信息公开被申请行政复议${reviews}件，被提起行政诉讼${suits}件。`,
    ].join('\n'),
    problems: [
      '存在问题：政策解读的形式还比较单一，部分信息更新不够及时。',
      `改进情况：${year + 1}年，本局将加强业务培训，完善信息发布审核流程，丰富政策解读形式。`,
    ].join('\n'),
    other: `依申请公开收费标准按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行。${year}年度本局未收取信息处理费。`,
  };
}

export interface DemoReportPlan {
  agencyId: number;
  agencyName: string;
  /** Past years to publish (in January of the next year). */
  publish: number[];
  /** The year of the draft the clerk has begun, and the day the clerk saved it. */
  draft: number;
  draftOn: string;
  clerk: Actor;
  head: Actor;
  /** Day of January on which the reports are published. */
  day: number;
}

/** Publishes the planned reports through the workflow and begins the current year's draft. */
export async function seedAnnualReportsDemo(store: Store, plans: DemoReportPlan[]): Promise<number> {
  const db = store.db;
  let published = 0;
  for (const p of plans) {
    for (const year of p.publish) {
      const stamp = (day: number) => `${year + 1}-01-${String(day).padStart(2, '0')}T02:00:00Z`;
      const blank = await loadAnnualReport(db, p.agencyId, year);
      const sections =
        year === 2022 && p.agencyName === '科学技术和工业信息化局'
          ? SEED_2022_SECTIONS
          : narrative(p.agencyName, year, await assembleReport(db, blank));
      let r = await saveSections(db, p.agencyId, year, blank.revision, sections, p.clerk, {
        at: stamp(p.day - 8),
      });
      r = await transitionReport(db, p.agencyId, year, r.revision, 'submit', p.clerk, {
        at: stamp(p.day - 6),
      });
      r = await transitionReport(db, p.agencyId, year, r.revision, 'approve', p.head, {
        at: stamp(p.day - 2),
      });
      await transitionReport(db, p.agencyId, year, r.revision, 'publish', p.head, { at: stamp(p.day) });
      published++;
    }
    const draft = await loadAnnualReport(db, p.agencyId, p.draft);
    const text = narrative(p.agencyName, p.draft, await assembleReport(db, draft));
    await saveSections(db, p.agencyId, p.draft, draft.revision, { overview: text.overview ?? '' }, p.clerk, {
      at: `${p.draftOn}T02:00:00Z`,
    });
  }
  return published;
}

/**
 * The demo's plan: the seed agency publishes 2022–(current − 1), the other departments from 2023
 * (their first year with table 二 inputs); every department has a draft for the current year.
 * Staff are the demo accounts clerkN / officeHeadN of each department.
 */
export async function seedDemoReports(
  store: Store,
  departments: { id: number; name: string; firstYear: number }[],
  until: string,
): Promise<number> {
  const current = Number(until.slice(0, 4));
  const plans: DemoReportPlan[] = [];
  for (const [i, d] of departments.entries()) {
    const staff = await store.db
      .selectFrom('staff_user')
      .select(['id', 'role', 'display_name'])
      .where('agency_id', '=', d.id)
      .where('role', 'in', ['clerk', 'officeHead'])
      .execute();
    const actor = (role: 'clerk' | 'officeHead'): Actor => {
      const u = staff.find((x) => x.role === role);
      if (!u) throw new Error(`演示机关“${d.name}”没有${role}账号`);
      return { id: `staff:${u.id}`, role, name: u.display_name };
    };
    const publish: number[] = [];
    for (let y = d.firstYear; y < current; y++) publish.push(y);
    plans.push({
      agencyId: d.id,
      agencyName: d.name,
      publish,
      draft: current,
      draftOn: until,
      clerk: actor('clerk'),
      head: actor('officeHead'),
      day: 20 + i * 3,
    });
  }
  return seedAnnualReportsDemo(store, plans);
}
