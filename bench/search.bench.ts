/**
 * Benchmark: full-text search (searchDisclosures: count + first page of 20 + snippets) over
 * 100,000 published items, on SQLite (FTS5 trigram; instr scan for 2 characters) and, when PG_URL is
 * set, on PostgreSQL (pg_trgm GIN). Prints p50/p95 latency for 2-, 3- and 4-character queries and
 * the ratio to an indexed exact title lookup measured in the same run on the same table.
 * Target: p95 under 50 ms for 3+ characters.
 *
 *   node --import tsx bench/search.bench.ts [--items 100000] [--runs 20] [--db sqlite|postgres|both] [--keep DIR]
 *   (PG_URL=postgres://… for PostgreSQL)
 *
 * The corpus is synthetic but shaped like a portal's: ~40 subject areas with their own vocabulary,
 * boilerplate shared by all (so 公开/工作/通知 are common), bodies of 200–1,200 characters. Rows are
 * written straight into the public projection (the same columns and folded text the store writes
 * at publication), the indexes built after the load.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { foldText, summaryOf } from '../src/disclosure/searchText.ts';
import { createAgency } from '../src/store/agencies.ts';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { agencyToken, sortKeyOf } from '../src/store/disclosure.ts';
import { searchDisclosures } from '../src/store/disclosureSearch.ts';
import { PG_HEAD_EXPR, PG_SEARCH_EXPR } from '../src/store/migrations/disclosure.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    /** keep the SQLite database in this directory and the PostgreSQL database (for EXPLAIN) */
    keep: { type: 'string' },
    /** sqlite | postgres | both (default) */
    db: { type: 'string', default: 'both' },
  },
});
const N = Number(values.items);
const RUNS = Number(values.runs);

function prng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const SUBJECTS: string[][] = [
  ['义务教育', '招生入学', '学区划分', '随迁子女', '课后服务'],
  ['房屋征收', '征收补偿', '安置房源', '评估机构', '签约期限'],
  ['安全生产', '隐患排查', '危险化学品', '特种设备', '事故调查'],
  ['行政许可', '施工许可', '审批时限', '告知承诺', '办理结果'],
  ['行政处罚', '违法事实', '处罚决定', '陈述申辩', '罚款金额'],
  ['财政预算', '部门决算', '三公经费', '政府采购', '绩效评价'],
  ['低保救助', '临时救助', '特困供养', '救助标准', '社会救助'],
  ['医疗保障', '医保报销', '定点医院', '家庭医生', '公共卫生'],
  ['就业创业', '职业技能', '失业保险', '创业担保贷款', '公益性岗位'],
  ['环境保护', '大气污染', '排污许可', '河长制', '生态补偿'],
  ['食品安全', '抽检结果', '餐饮服务', '市场监管', '产品质量'],
  ['农田水利', '高标准农田', '土地流转', '宅基地', '乡村振兴'],
  ['城市更新', '老旧小区', '加装电梯', '物业管理', '维修资金'],
  ['交通运输', '道路改造', '公交线路', '停车设施', '交通管制'],
  ['科技创新', '高新技术企业', '研发费用', '科技创新券', '专利资助'],
  ['统计公报', '地区生产总值', '固定资产投资', '居民收入', '消费品零售'],
  ['应急预案', '防汛防台', '森林防火', '应急演练', '预警信息'],
  ['公务员招考', '事业单位招聘', '拟录用人员', '资格复审', '体检结果'],
  ['文化旅游', '文物保护', '公共图书馆', '非遗传承', '旅游景区'],
  ['养老服务', '居家养老', '养老机构', '高龄津贴', '助餐服务'],
  ['住房公积金', '公租房配租', '保障性住房', '租赁补贴', '人才公寓'],
  ['税费优惠', '增值税留抵', '减税降费', '发票管理', '纳税服务'],
  ['营商环境', '一网通办', '政务服务', '证照分离', '帮办代办'],
  ['重大项目', '项目批准', '建设进度', '竣工验收', '投资计划'],
  ['人口普查', '户籍管理', '出入境', '居住证', '身份证办理'],
  ['体育健身', '全民健身', '体育场馆', '赛事活动', '青少年体育'],
  ['退役军人', '优抚对象', '拥军优属', '安置就业', '烈士褒扬'],
  ['残疾人', '无障碍设施', '康复服务', '两项补贴', '辅助器具'],
  ['妇女儿童', '未成年人保护', '托育服务', '家庭教育', '儿童福利'],
  ['民族宗教', '宗教活动场所', '民族团结', '宗教事务', '少数民族'],
  ['自然资源', '国土空间规划', '不动产登记', '土地出让', '矿产资源'],
  ['水务管理', '供水安全', '污水处理', '节约用水', '水资源费'],
  ['电力能源', '充电设施', '光伏发电', '节能降耗', '能耗双控'],
  ['价格监管', '收费目录', '行政事业性收费', '价格听证', '明码标价'],
  ['信用建设', '失信惩戒', '信用修复', '红黑名单', '信用承诺'],
  ['审计监督', '审计结果', '整改情况', '经济责任', '专项审计'],
  ['人大建议', '政协提案', '办理答复', '代表建议', '提案办理'],
  ['疫情防控', '传染病', '疫苗接种', '核酸检测', '健康监测'],
  ['档案管理', '档案开放', '史志编纂', '地方志', '档案查阅'],
  ['网络安全', '数据安全', '个人信息保护', '等级保护', '网络舆情'],
];
const BOILERPLATE = [
  '为深入贯彻落实政府信息公开工作要求，',
  '根据《中华人民共和国政府信息公开条例》等有关规定，',
  '现将有关事项通知如下。',
  '各有关单位要高度重视，加强组织领导，确保各项工作落到实处。',
  '请各镇（街道）、区各有关部门认真贯彻执行。',
  '本通知自印发之日起施行。',
  '特此公告。',
  '联系电话：0512-6688',
  '附件：相关名单',
  '工作中遇到的问题请及时反馈。',
  '进一步提升服务水平和群众满意度，',
  '按照统一部署，结合本地实际，',
];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [
  '建华',
  '秀英',
  '志强',
  '桂英',
  '国强',
  '丽娟',
  '文明',
  '海燕',
  '红梅',
  '建军',
  '晓东',
  '玉兰',
  '振华',
  '春梅',
  '永刚',
  '淑珍',
  '德明',
  '金凤',
  '立新',
  '美玲',
];
const CHARS = [...'安宝成达丰福广海和华佳锦康乐隆明宁平庆荣瑞盛顺泰通祥新兴旭阳'];
const TITLE_FORMS = [
  '关于做好{a}工作的通知',
  '关于印发《{a}{b}管理办法》的通知',
  '{y}年{a}情况通报',
  '{y}年第{q}季度{a}工作情况',
  '关于{a}有关事项的公告',
  '{a}{b}实施方案',
  '关于开展{a}专项行动的通知',
  '{y}年{a}结果公示',
];

function* documents(n: number) {
  const r = prng(2026);
  for (let i = 0; i < n; i++) {
    const s = SUBJECTS[r(SUBJECTS.length)]!;
    const other = SUBJECTS[r(SUBJECTS.length)]!;
    const y = 2015 + r(12);
    const title = TITLE_FORMS[r(TITLE_FORMS.length)]!.replace('{a}', s[r(s.length)]!)
      .replace('{b}', s[r(s.length)]!)
      .replace('{y}', String(y))
      .replace('{q}', '一二三四'[r(4)]!);
    const want = 200 + r(1000);
    let body = '';
    while (body.length < want) {
      const k = r(10);
      if (k < 4) body += BOILERPLATE[r(BOILERPLATE.length)]!;
      else if (k < 9)
        body += `${s[r(s.length)]}${['工作', '事项', '情况', '标准', '资金', '名单', '要求'][r(7)]}${['已经完成。', '按期推进，', '符合规定。', '依法办理，', '予以公示。'][r(5)]}`;
      else body += `${other[r(other.length)]}相关工作同步推进。`;
      if (r(6) === 0) body += `${String(1000 + r(9000))}\n`;
      // rarer words: people, villages, companies (a few dozen items each)
      if (r(12) === 0) body += `联系人：${SURNAMES[r(SURNAMES.length)]}${GIVEN[r(GIVEN.length)]}。`;
      if (r(15) === 0) body += `涉及${CHARS[r(CHARS.length)]}${CHARS[r(CHARS.length)]}村。`;
      if (r(15) === 0) body += `${CHARS[r(CHARS.length)]}${CHARS[r(CHARS.length)]}科技有限公司。`;
    }
    const docNo = r(2) === 0 ? `某府办发〔${y}〕${1 + r(300)}号` : null;
    const publishedOn = `${y}-${String(1 + r(12)).padStart(2, '0')}-${String(1 + r(28)).padStart(2, '0')}`;
    yield { title, body, docNo, publishedOn };
  }
}

/** Common terms (thousands of items, totals capped) and selective ones (tens to hundreds). */
const QUERIES: Record<string, string[]> = {
  '2': ['公开', '征收', '养老', '档案', '建华', '宁村', '瑞通', '梅。'],
  '3': ['信息公', '义务教', '安全生', '第三季', '王建华', '李秀英', '安宁村', '丰泰村'],
  '4': ['信息公开', '义务教育', '加装电梯', '随迁子女', '华安科技', '瑞通科技', '张志强。', '4821'],
};

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function load(store: Store): Promise<{ titles: string[]; ms: number }> {
  const t0 = performance.now();
  const agencyId = await createAgency(store.db, {
    name: '基准测试局',
    kind: 'department',
    creditCode: '11341702486344515H',
  });
  const titles: string[] = [];
  const now = new Date().toISOString();
  if (store.dialect === 'sqlite') {
    const db = store.sqlite!;
    // load without the index triggers, then rebuild the full-text indexes once (the same end state)
    const trigger = (
      db.prepare(`select sql from sqlite_master where name = 'disclosure_public_ai'`).get() as { sql: string }
    ).sql;
    db.exec('DROP TRIGGER disclosure_public_ai');
    const item = db.prepare(
      `insert into disclosure_item (id, agency_id, index_number, index_year, index_serial, status, live, published_on,
        first_published_on, title, category, attribute, formed_on, fields, event_count, created_at, updated_at)
       values (@id, @agency, @idx, @year, @id, 'published', 1, @pub, @pub, @title, 'art20.15', 'proactive', @pub, '{}', 0, @now, @now)`,
    );
    const pub = db.prepare(
      `insert into disclosure_public (sort_key, id, agency_id, index_number, title, document_number, issuer, category,
        formed_on, published_on, summary, attachments, amendments, title_n, docno_n, agency_n, body_html, body_text, body_n)
       values (@key, @id, @agency, @idx, @title, @docNo, '基准测试局', 'art20.15', @pub, @pub, @summary, '[]', '[]',
        @titleN, @docN, @agencyN, @html, @body, @bodyN)`,
    );
    const batch = db.transaction((rows: ReturnType<typeof row>[]) => {
      for (const r of rows) {
        item.run(r);
        pub.run(r);
      }
    });
    let rows: ReturnType<typeof row>[] = [];
    let id = 0;
    const row = (d: ReturnType<typeof documents> extends Generator<infer T> ? T : never) => {
      id++;
      return {
        id,
        agency: agencyId,
        idx: `11341702486344515H/${d.publishedOn.slice(0, 4)}-${String(id).padStart(6, '0')}`,
        year: Number(d.publishedOn.slice(0, 4)),
        pub: d.publishedOn,
        now,
        key: sortKeyOf(d.publishedOn, id),
        title: d.title,
        docNo: d.docNo,
        summary: summaryOf(d.body),
        titleN: foldText(d.title),
        docN: foldText(d.docNo ?? ''),
        agencyN: agencyToken(agencyId),
        html: d.body
          .split('\n')
          .map((l) => `<p>${l}</p>`)
          .join(''),
        body: d.body,
        bodyN: foldText(d.body),
      };
    };
    for (const d of documents(N)) {
      if (titles.length < 2000) titles.push(d.title);
      rows.push(row(d));
      if (rows.length === 2000) {
        batch(rows);
        rows = [];
      }
    }
    batch(rows);
    db.exec(`INSERT INTO disclosure_fts(disclosure_fts) VALUES ('rebuild')`);
    db.exec(`INSERT INTO disclosure_head_fts(disclosure_head_fts) VALUES ('rebuild')`);
    db.exec(trigger);
    db.exec('CREATE INDEX bench_title ON disclosure_public(title)');
    db.exec('ANALYZE');
  } else {
    await sql`drop index disclosure_public_trgm`.execute(store.db);
    await sql`drop index disclosure_public_trgm_head`.execute(store.db);
    let id = 0;
    let items: Record<string, unknown>[] = [];
    let pubs: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!items.length) return;
      await store.db
        .insertInto('disclosure_item')
        .values(items as never)
        .execute();
      await store.db
        .insertInto('disclosure_public')
        .values(pubs as never)
        .execute();
      items = [];
      pubs = [];
    };
    for (const d of documents(N)) {
      id++;
      if (titles.length < 2000) titles.push(d.title);
      const idx = `11341702486344515H/${d.publishedOn.slice(0, 4)}-${String(id).padStart(6, '0')}`;
      items.push({
        id,
        agency_id: agencyId,
        index_number: idx,
        index_year: Number(d.publishedOn.slice(0, 4)),
        index_serial: id,
        status: 'published',
        live: 1,
        published_on: d.publishedOn,
        first_published_on: d.publishedOn,
        title: d.title,
        category: 'art20.15',
        attribute: 'proactive',
        formed_on: d.publishedOn,
        fields: '{}',
        event_count: 0,
        created_at: now,
        updated_at: now,
      });
      pubs.push({
        sort_key: sortKeyOf(d.publishedOn, id),
        id,
        agency_id: agencyId,
        index_number: idx,
        title: d.title,
        document_number: d.docNo,
        issuer: '基准测试局',
        category: 'art20.15',
        formed_on: d.publishedOn,
        published_on: d.publishedOn,
        summary: summaryOf(d.body),
        attachments: '[]',
        amendments: '[]',
        title_n: foldText(d.title),
        docno_n: foldText(d.docNo ?? ''),
        agency_n: agencyToken(agencyId),
        body_html: d.body
          .split('\n')
          .map((l) => `<p>${l}</p>`)
          .join(''),
        body_text: d.body,
        body_n: foldText(d.body),
      });
      if (items.length === 500) await flush();
    }
    await flush();
    await sql
      .raw(
        `CREATE INDEX disclosure_public_trgm ON disclosure_public USING gin (${PG_SEARCH_EXPR} gin_trgm_ops)`,
      )
      .execute(store.db);
    await sql
      .raw(
        `CREATE INDEX disclosure_public_trgm_head ON disclosure_public USING gin (${PG_HEAD_EXPR} gin_trgm_ops)`,
      )
      .execute(store.db);
    await sql`create index bench_title on disclosure_public(title)`.execute(store.db);
    await sql`vacuum analyze disclosure_public`.execute(store.db);
  }
  return { titles, ms: performance.now() - t0 };
}

async function measure(name: string, store: Store) {
  await migrate(store);
  const { titles, ms } = await load(store);
  console.log(
    `\n${name}: ${N.toLocaleString()} published items loaded and indexed in ${(ms / 1000).toFixed(1)} s`,
  );
  // baseline: an indexed exact title lookup, same table, same run
  const base: number[] = [];
  const r = prng(7);
  for (let i = 0; i < 200; i++) {
    const t = titles[r(titles.length)]!;
    const t0 = performance.now();
    await store.db
      .selectFrom('disclosure_public')
      .select(['id', 'title'])
      .where('title', '=', t)
      .limit(20)
      .execute();
    base.push(performance.now() - t0);
  }
  const b50 = pct(base, 50);
  console.log(
    `  baseline (indexed exact title lookup): p50 ${b50.toFixed(2)} ms, p95 ${pct(base, 95).toFixed(2)} ms`,
  );
  console.log('  chars  p50 ms   p95 ms   p50 ratio   hits (min–max)     queries');
  for (const [len, qs] of Object.entries(QUERIES)) {
    const times: number[] = [];
    const hits: number[] = [];
    for (const q of qs) {
      await searchDisclosures(store, { q }); // warm
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await searchDisclosures(store, { q });
        times.push(performance.now() - t0);
        if (i === 0) hits.push(res.total);
      }
    }
    const p50 = pct(times, 50);
    const p95 = pct(times, 95);
    const mark = Number(len) >= 3 ? (p95 < 50 ? '  ✓ <50' : '  ✗ ≥50') : '';
    console.log(
      `  ${len.padStart(5)}  ${p50.toFixed(1).padStart(6)}  ${p95.toFixed(1).padStart(7)}  ${(p50 / b50).toFixed(0).padStart(8)}×   ${`${Math.min(...hits)}–${Math.max(...hits)}`.padEnd(16)}  ${qs.join(' ')}${mark}`,
    );
  }
}

const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'gongkai-search-bench-'));
if (values.db !== 'postgres')
  try {
    const lite = openStore({ dataDir: dir, file: 'bench.sqlite', url: '' });
    await measure('SQLite (FTS5 trigram; instr scan for 1–2 characters)', lite);
    await lite.close();
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }

if (values.db === 'sqlite') {
  // SQLite only
} else if (process.env.PG_URL) {
  const name = `gk_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.PG_URL });
  await admin.connect();
  await admin.query(
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  const u = new URL(process.env.PG_URL);
  u.pathname = `/${name}`;
  try {
    const store = openStore({ url: u.toString() });
    await measure('PostgreSQL (pg_trgm GIN, C.UTF-8)', store);
    await store.close();
  } finally {
    if (values.keep) console.log(`kept PostgreSQL database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
} else console.log('\nPostgreSQL skipped: set PG_URL to measure it');
