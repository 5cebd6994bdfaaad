/**
 * Demo data of proactive disclosure for the demo agencies (src/demo/seed.ts): a few hundred items
 * that went through the real state machine — policy documents (行政规范性文件) with different
 * validity, amendments and 政策解读, items of every Art. 20 category, items in review at each step,
 * returned items, drafts, overdue and at-risk items, one withdrawn item and items that are not
 * proactive — plus guide sections and one agency with its own review chain and 主题分类.
 * Deterministic (seeded PRNG). Policy documents of the seed agency are all written from 2023 on, so
 * its 2022 report keeps the seed's table 二.
 */
import type { IsoDate, WorkingCalendar } from '../calendar/types.ts';
import { addDays } from '../cases/dates.ts';
import { prng, type Rng } from '../demo/prng.ts';
import type { Store } from '../store/db.ts';
import {
  appendItemEvents,
  createItem,
  DisclosureRuleError,
  saveDisclosureSettings,
} from '../store/disclosure.ts';
import { saveGuideSection } from '../store/disclosureGuide.ts';
import type { ItemActor } from './events.ts';

interface AgencyProfile {
  abbr: string;
  topics: string[];
  policies: string[];
  /** Titles by category; {year} {q} {m} {n} are filled in. */
  items: [string, string[]][];
  nouns: string[];
}

const PROFILES: Record<string, AgencyProfile> = {
  示范区人民政府: {
    abbr: '示范府',
    topics: ['综合政务', '城乡建设', '社会保障', '财政金融'],
    policies: [
      '示范区政府投资项目管理办法',
      '示范区重大行政决策程序规定',
      '示范区最低生活保障审核确认办法',
      '示范区城市道路挖掘管理办法',
      '示范区国有资产管理暂行办法',
      '示范区行政规范性文件管理办法',
      '示范区临时救助实施细则',
      '示范区农村集体经营性建设用地入市管理办法',
    ],
    items: [
      ['art20.2', ['示范区人民政府领导分工', '示范区人民政府工作部门设置及职责']],
      ['art20.3', ['示范区国民经济和社会发展第十五个五年规划纲要', '示范区{year}年国民经济和社会发展计划']],
      ['art20.4', ['{year}年{m}月示范区主要经济指标', '示范区{year}年国民经济和社会发展统计公报']],
      ['art20.7', ['示范区{year}年财政预算执行情况和{year}年预算草案的报告', '示范区{year}年政府性基金预算']],
      ['art20.10', ['示范区滨河路综合改造工程批准和实施情况', '示范区第二污水处理厂扩建工程进展情况']],
      ['art20.12', ['示范区突发事件总体应急预案', '关于做好{year}年防汛防台工作的通知']],
      ['art21.landExpropriation', ['示范区{year}年第{n}批次城镇建设用地征收土地公告']],
      ['art21.socialAssistance', ['{year}年第{q}季度示范区城乡低保资金发放情况']],
      ['art21.municipal', ['关于城市道路照明设施改造的公告', '示范区{year}年市政设施养护计划']],
    ],
    nouns: ['全区各镇（街道）', '区政府各部门', '各有关单位', '重点项目', '民生实事'],
  },
  科学技术和工业信息化局: {
    abbr: '示范科工',
    topics: ['科技创新', '工业经济', '信息化'],
    policies: [
      '示范区高新技术企业培育扶持办法',
      '示范区科技创新券管理办法',
      '示范区工业企业技术改造专项资金管理办法',
      '示范区专利资助奖励办法',
    ],
    items: [
      ['art20.2', ['示范区科学技术和工业信息化局机构职能', '示范区科学技术和工业信息化局领导信息']],
      [
        'art20.5',
        ['{year}年度示范区科技计划项目立项名单公示', '{year}年度工业企业技术改造专项资金拟扶持项目公示'],
      ],
      [
        'art20.7',
        ['示范区科学技术和工业信息化局{year}年部门预算', '示范区科学技术和工业信息化局{year}年部门决算'],
      ],
      ['art20.9', ['{year}年示范区科学技术和工业信息化局政府采购意向']],
      [
        'art20.11',
        ['关于开展{year}年度高新技术企业认定推荐工作的通知', '{year}年度科技型中小企业评价入库名单'],
      ],
      ['art20.13', ['{year}年第{q}季度工业企业安全生产检查情况通报']],
    ],
    nouns: ['各工业企业', '各科技型中小企业', '各园区管委会', '高新技术企业', '研发投入'],
  },
  某区住房和城乡建设局: {
    abbr: '示范住建',
    topics: ['房地产管理', '建筑业', '城市更新', '物业管理'],
    policies: [
      '示范区住宅小区物业管理办法',
      '示范区既有住宅加装电梯实施办法',
      '示范区国有土地上房屋征收与补偿实施细则',
      '示范区建筑工地扬尘污染防治管理规定',
      '示范区城镇老旧小区改造资金管理办法',
      '示范区住宅专项维修资金管理办法',
      '示范区商品房预售资金监管办法',
      '示范区建筑市场信用管理办法',
      '示范区保障性租赁住房管理办法',
      '示范区城市危险房屋管理办法',
    ],
    items: [
      ['art20.2', ['示范区住房和城乡建设局内设机构及职责']],
      [
        'art20.5',
        [
          '{year}年第{q}季度建筑工程施工许可办理结果',
          '关于某某花园商品房预售许可的公示',
          '{year}年{m}月房屋交易网签备案情况',
        ],
      ],
      [
        'art20.6',
        ['行政处罚决定书（示范住建罚〔{year}〕{n}号）', '{year}年第{q}季度建筑市场违法违规行为查处情况'],
      ],
      ['art20.8', ['示范区住房和城乡建设局行政事业性收费项目目录（{year}年）']],
      ['art20.10', ['某某片区棚户区改造项目实施情况', '城南安置房二期工程批准和实施情况']],
      ['art20.13', ['{year}年第{q}季度建筑施工安全生产监督检查情况通报']],
      [
        'art21.housingExpropriation',
        [
          '某某片区国有土地上房屋征收决定公告',
          '某某片区房屋征收补偿方案（征求意见稿）',
          '某某片区房屋征收补偿结果公示',
        ],
      ],
      ['art21.publicServices', ['{year}年示范区公共租赁住房配租结果公示']],
    ],
    nouns: ['各物业服务企业', '各建设单位', '各施工企业', '房屋征收部门', '老旧小区'],
  },
  某区教育局: {
    abbr: '示范教',
    topics: ['基础教育', '学前教育', '教师队伍', '学生资助'],
    policies: [
      '示范区义务教育阶段学校招生入学管理办法',
      '示范区校外培训机构管理办法',
      '示范区中小学教师交流轮岗实施意见',
      '示范区学生资助管理办法',
      '示范区普惠性民办幼儿园认定和管理办法',
      '示范区中小学校园安全管理规定',
    ],
    items: [
      ['art20.2', ['示范区教育局机构职能', '示范区教育局领导分工']],
      ['art20.5', ['{year}年民办学校办学许可证年检结果', '{year}年教师资格认定结果公告']],
      ['art20.7', ['示范区教育局{year}年部门预算', '示范区教育局{year}年部门决算']],
      ['art20.9', ['示范区某某学校校舍改造工程招标公告', '{year}年示范区中小学课桌椅采购结果公告']],
      [
        'art20.11',
        [
          '{year}年义务教育阶段学区划分方案',
          '{year}年示范区学生资助政策简介',
          '关于做好{year}年秋季学期开学工作的通知',
        ],
      ],
      [
        'art20.14',
        ['示范区教育局{year}年公开招聘教师公告', '示范区教育局{year}年公开招聘教师拟聘用人员名单公示'],
      ],
    ],
    nouns: ['各中小学', '各幼儿园', '全体教职工', '适龄儿童', '家长'],
  },
};

const SENTENCES = [
  '为进一步规范{topic}工作，根据有关法律法规和上级部门的部署，结合本区实际，制定本{kind}。',
  '{noun}要高度重视，明确责任分工，确保各项措施落到实处。',
  '本{kind}所称{topic}，是指在本区行政区域内依法开展的相关活动。',
  '区级有关部门应当按照职责分工，加强协调配合，形成工作合力。',
  '对违反本{kind}规定的，由有关部门依法依规处理；构成犯罪的，依法追究刑事责任。',
  '{noun}应当于每季度结束后10个工作日内报送工作进展情况。',
  '联系人：办公室，联系电话：0512-6688{n4}。',
  '本{kind}自发布之日起施行，有效期5年。',
  '请各单位认真组织实施，执行中遇到的问题及时反馈。',
  '具体名单及有关情况详见附件。',
];

const CHARS = '安宝成达丰福广海和华佳锦康乐隆明宁平庆荣瑞盛顺泰通祥新兴旭阳益永裕元泽正中';

function fill(s: string, r: Rng, v: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (k === 'n4') return String(r.int(1000, 9999));
    if (k === 'q') return ['一', '二', '三', '四'][r.int(0, 3)]!;
    if (k === 'm') return String(r.int(1, 12));
    if (k === 'n') return String(r.int(1, 40));
    return v[k] ?? '';
  });
}

function body(r: Rng, profile: AgencyProfile, topic: string, kind: string): string {
  const n = r.int(3, 7);
  const paras: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = fill(r.pick(SENTENCES), r, { topic, kind, noun: r.pick(profile.nouns) });
    paras.push(i === 0 ? s : `${['一', '二', '三', '四', '五', '六', '七'][i - 1]}、${s}`);
  }
  return paras
    .map((p) => `<p>${p.replace(/某某/g, `${r.pick([...CHARS])}${r.pick([...CHARS])}`)}</p>`)
    .join('');
}

const at = (d: string) => `${d}T10:00:00+08:00`;

export interface DisclosureDemoSummary {
  items: number;
  published: number;
  inReview: number;
  drafts: number;
  policies: number;
}

/**
 * Seeds the demo items for every demo agency found in the store (by name). `until` is the demo's
 * “today” (no event after it). `perAgency` scales the ordinary items (default 70).
 */
export async function seedDisclosureDemo(
  store: Store,
  calendar: WorkingCalendar,
  opts: { until?: IsoDate; perAgency?: number } = {},
): Promise<DisclosureDemoSummary> {
  const until = opts.until ?? '2026-11-20';
  const perAgency = opts.perAgency ?? 70;
  const r = prng(20261127);
  const deps = { calendar };
  const summary: DisclosureDemoSummary = { items: 0, published: 0, inReview: 0, drafts: 0, policies: 0 };
  const agencies = await store.db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('name', 'in', Object.keys(PROFILES))
    .orderBy('id')
    .execute();
  /** n working days after d; beyond the calendar's years: a day after every demo date. */
  const wd = (d: IsoDate, n: number) => {
    try {
      return calendar.addWorkingDays(d, n);
    } catch {
      return '9999-12-31';
    }
  };
  /** The working day `n` working days after (n < 0: before) `until`. */
  const shift = (n: number) => {
    if (n >= 0) return wd(until, n);
    let d = until;
    while (calendar.countWorkingDays(d, until) < -n) d = addDays(d, -1);
    return d;
  };
  /** A day on which an item formed then is due `left` working days after `until` (overdue when < 0). */
  const formedForDue = (left: number) => {
    const target = shift(left);
    let d = addDays(target, -60);
    while (wd(d, 20) < target) d = addDays(d, 1);
    return d;
  };

  for (const [ai, agency] of agencies.entries()) {
    const profile = PROFILES[agency.name]!;
    const agencyId = Number(agency.id);
    const actor = (role: ItemActor['role'], name: string): ItemActor => ({
      id: `demo-${role}${ai}`,
      role,
      name,
    });
    const clerk = actor('clerk', '承办人');
    const reviewers: Record<string, ItemActor> = {
      sectionHead: actor('sectionHead', '股室负责人'),
      leader: actor('leader', '分管领导'),
      officeHead: actor('officeHead', '办公室主任'),
    };
    let chain = [
      { role: 'sectionHead', label: '股室负责人审核' },
      { role: 'leader', label: '分管领导审核' },
      { role: 'officeHead', label: '办公室保密审查' },
    ] as const;
    if (agency.name === '科学技术和工业信息化局') {
      chain = [
        { role: 'sectionHead', label: '科室负责人审核' },
        { role: 'officeHead', label: '办公室保密审查' },
      ] as never;
      await saveDisclosureSettings(
        store,
        agencyId,
        { reviewChain: [...chain], topics: profile.topics },
        'demo',
      );
    } else await saveDisclosureSettings(store, agencyId, { topics: profile.topics }, 'demo');

    /** Creates an item formed on `formed` and takes it as far as `stage`. */
    const make = async (
      f: Record<string, unknown>,
      formed: IsoDate,
      stage: 'draft' | 'returned' | 'review0' | 'review1' | 'approved' | 'published' | 'late',
    ) => {
      const created = await createItem(
        store,
        agencyId,
        { on: formed, at: at(formed), actor: clerk, fields: { formedOn: formed, ...f } },
        deps,
      );
      summary.items++;
      const events: Record<string, unknown>[] = [];
      let day = formed;
      const step = (n: number) => {
        day = wd(day, n);
        return day;
      };
      const push = (type: string, who: ItemActor, extra: Record<string, unknown> = {}) =>
        events.push({ type, on: day, at: at(day), actor: who, ...extra });
      if (stage !== 'draft') {
        step(stage === 'late' ? r.int(22, 30) : r.int(1, 3));
        push('submitted', clerk);
        if (stage === 'returned') {
          step(1);
          push('returned', reviewers.sectionHead!, {
            step: 0,
            comment: r.pick([
              '请补充政策依据和联系方式',
              '附件名单中个人信息未作处理，请修改后再报',
              '标题与正文不一致，请核对',
            ]),
          });
        } else {
          const upto = stage === 'review0' ? 0 : stage === 'review1' ? 1 : chain.length;
          for (let i = 0; i < upto; i++) {
            step(r.int(0, 1));
            push('approved', reviewers[chain[i]!.role]!, { step: i });
          }
          if (stage === 'published' || stage === 'late') {
            step(r.int(0, 2));
            push('published', clerk);
          }
        }
      }
      if (day > until) {
        // would happen after the demo's “today”: leave it where the calendar stops
        while (events.length && (events[events.length - 1]!.on as string) > until) events.pop();
      }
      let view = created.view;
      if (events.length) view = await appendItemEvents(store, created.id, events, deps);
      if (view.live) summary.published++;
      else if (view.status === 'inReview') summary.inReview++;
      else summary.drafts++;
      return { id: created.id, day };
    };

    // ---- policy library: 行政规范性文件, several years, some repealed, expired or amended
    const years =
      agency.name === '科学技术和工业信息化局'
        ? [2023, 2024, 2025, 2026]
        : [2021, 2022, 2023, 2024, 2025, 2026];
    for (const [pi, title] of profile.policies.entries()) {
      const year = years[pi % years.length]!;
      const written = wd(`${year}-01-01`, r.int(5, 200));
      if (written > until) continue;
      const docNo = `${profile.abbr}规〔${year}〕${r.int(1, 9)}号`;
      const doc = await make(
        {
          title: `关于印发《${title}》的通知`,
          documentNumber: docNo,
          writtenOn: written,
          category: 'art20.1',
          policyKind: 'normativeDoc',
          topic: r.pick(profile.topics),
          effectiveOn: addDays(written, 30),
          bodyHtml: body(
            r,
            profile,
            title.replace(/^示范区/, '').replace(/办法|规定|细则|意见$/, ''),
            '办法',
          ),
        },
        written,
        'published',
      );
      summary.policies++;
      // a 政策解读 published with (right after) its document
      if (pi % 2 === 0 && doc.day <= until) {
        const i = await createItem(
          store,
          agencyId,
          {
            on: doc.day,
            at: at(doc.day),
            actor: clerk,
            fields: {
              title: `《${title}》政策解读`,
              formedOn: doc.day,
              category: 'art20.1',
              topic: r.pick(profile.topics),
              interpretsItemId: doc.id,
              bodyHtml: `<p>一、起草背景</p><p>${title}的制定，是落实上级部署、回应群众关切的重要举措。</p><p>二、主要内容</p>${body(r, profile, '政策', '办法')}`,
            },
          },
          deps,
        );
        summary.items++;
        const evs = [
          { type: 'submitted', on: doc.day, at: at(doc.day), actor: clerk },
          ...chain.map((c, k) => ({
            type: 'approved',
            on: doc.day,
            at: at(doc.day),
            actor: reviewers[c.role]!,
            step: k,
          })),
          { type: 'published', on: doc.day, at: at(doc.day), actor: clerk },
        ];
        await appendItemEvents(store, i.id, evs, deps);
        summary.published++;
      }
      // lifecycle: amended, expired or repealed later
      const later = wd(written, r.int(120, 500));
      if (later <= until && pi % 3 === 1) {
        await appendItemEvents(
          store,
          doc.id,
          [
            {
              type: 'validityChanged',
              on: later,
              at: at(later),
              actor: clerk,
              validity: 'repealed',
              note: `被${profile.abbr}规〔${later.slice(0, 4)}〕${r.int(10, 20)}号文件废止`,
            },
          ],
          deps,
        );
      } else if (later <= until && pi % 3 === 2 && pi % 2 === 1) {
        await appendItemEvents(
          store,
          doc.id,
          [
            {
              type: 'validityChanged',
              on: later,
              at: at(later),
              actor: clerk,
              validity: 'expired',
              note: '有效期届满',
            },
          ],
          deps,
        );
      } else if (later <= until && pi % 4 === 0) {
        await appendItemEvents(
          store,
          doc.id,
          [
            {
              type: 'amended',
              on: later,
              at: at(later),
              actor: clerk,
              documentNumber: `${profile.abbr}规〔${later.slice(0, 4)}〕${r.int(10, 20)}号`,
              note: '修订第五条、第八条',
            },
          ],
          deps,
        );
      }
    }

    // ---- ordinary items over the years, mostly published in time
    for (let k = 0; k < perAgency; k++) {
      const [category, titles] = r.pick(profile.items);
      const formed = wd(`${r.pick([2023, 2024, 2025, 2026])}-01-01`, r.int(1, 235));
      if (formed > addDays(until, -45)) continue;
      const year = formed.slice(0, 4);
      const title = fill(r.pick(titles), r, { year }).replace(
        /某某/g,
        `${r.pick([...CHARS])}${r.pick([...CHARS])}`,
      );
      await make(
        {
          title,
          documentNumber: r.next() < 0.4 ? `${profile.abbr}〔${year}〕${r.int(1, 120)}号` : null,
          category,
          topic: r.pick(profile.topics),
          writtenOn: formed,
          bodyHtml: body(r, profile, title.slice(0, 8), '通知'),
        },
        formed,
        r.next() < 0.06 ? 'late' : 'published',
      );
    }

    // ---- the console's worklist near the demo's “today”
    const recent = (n: number) => formedForDue(n);
    const worklist: [string, IsoDate, Parameters<typeof make>[2]][] = [
      [`关于${until.slice(0, 4)}年度${profile.topics[0]}工作要点的通知`, recent(12), 'review0'],
      [`${profile.topics[1]}领域行政执法事项清单（${until.slice(0, 4)}年版）`, recent(9), 'review1'],
      [`${profile.topics[0]}专项资金绩效评价结果`, recent(6), 'approved'],
      [`关于开展${profile.topics[2] ?? profile.topics[0]}专项检查的通知`, recent(3), 'returned'],
      [`${until.slice(0, 4)}年第三季度${profile.topics[0]}工作情况`, recent(2), 'draft'],
      [`${profile.topics[1]}服务指南（修订）`, recent(-4), 'draft'],
      [`${until.slice(0, 4)}年第三季度政务公开工作情况通报`, recent(-9), 'review0'],
    ];
    for (const [title, formed, stage] of worklist)
      await make(
        {
          title,
          category: 'art20.15',
          topic: profile.topics[0],
          bodyHtml: body(r, profile, title.slice(0, 6), '通知'),
        },
        formed,
        stage,
      );

    // ---- not proactive (decided at the source), and one withdrawn item
    await make(
      {
        title: `${profile.topics[0]}工作专题会议纪要`,
        category: 'art20.15',
        attribute: 'withheld',
        attributeReason: '条例第十六条第二款：讨论记录、过程稿、磋商信函、请示报告等过程性信息',
        bodyHtml: '<p>（内部过程性信息，不予公开）</p>',
      },
      wd(`${until.slice(0, 4)}-01-01`, 60),
      'approved',
    );
    await make(
      {
        title: `${until.slice(0, 4)}年${profile.topics[0]}项目评审专家意见汇总`,
        category: 'art20.15',
        attribute: 'onRequest',
        attributeReason: '涉及特定项目，仅向利害关系人提供',
        bodyHtml: '<p>（依申请公开）</p>',
      },
      wd(`${until.slice(0, 4)}-01-01`, 80),
      'draft',
    );
    const wrong = await make(
      {
        title: `${profile.topics[0]}补贴发放名单`,
        category: 'art20.11',
        bodyHtml: '<p>（名单含未处理的个人身份证号码）</p>',
      },
      wd(`${until.slice(0, 4)}-01-01`, 100),
      'published',
    );
    const off = wd(wrong.day, 2);
    if (off <= until) {
      try {
        await appendItemEvents(
          store,
          wrong.id,
          [
            {
              type: 'unpublished',
              on: off,
              at: at(off),
              actor: reviewers.officeHead!,
              reason: '名单中含有未作去标识化处理的身份证号码，撤下整改',
            },
          ],
          deps,
        );
        summary.published--;
        summary.drafts++;
      } catch (e) {
        if (!(e instanceof DisclosureRuleError)) throw e;
      }
    }

    // ---- the guide
    await saveGuideSection(
      store,
      agencyId,
      'office',
      `政府信息公开工作机构：${agency.name}办公室\n办公地址：示范区政务服务中心${ai + 3}楼\n办公时间：工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）\n联系电话：0512-668${String(ai + 1).padStart(5, '0')}\n电子邮箱：gongkai${ai + 1}@example.gov.cn`,
      'demo',
    );
  }
  return summary;
}
