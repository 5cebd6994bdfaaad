/**
 * The annual report editor over app.request() on both databases: scope by agency (404 outside it),
 * supervisors read only, the workflow with its refusals shown in Chinese, a counted case listed
 * behind its table 三 cell, table 二 inputs with errors next to the field, a stale form refused
 * with the user's text kept, publication freezing the public page, and the exports (the DOCX read
 * back with the project's own parser).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Report } from '../../src/report/model.ts';
import { parseReportFile } from '../../src/report/parse/index.ts';
import type { Role } from '../../src/store/agencies.ts';
import { loadAnnualReport, reportEvents, reviewsForT4Cell } from '../../src/store/annualReports.ts';
import { appendCaseEvent, createCase } from '../../src/store/cases.ts';
import { compileReportFromDb } from '../../src/store/compile.ts';
import { appendItemEvents, createItem } from '../../src/store/disclosure.ts';
import { setTable2Zero } from '../../src/store/reportInputs.ts';
import { addReviewRecord } from '../../src/store/reviews.ts';
import {
  actors,
  approveAndPublish,
  agency as disclosureAgency,
  deps as disclosureDeps,
  ev,
  fields,
} from '../disclosure/helpers.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, calendar, openApp, type TestApp, textOf } from './helpers.ts';

const PASSWORD = 'correct horse 1';
const at = (d: string) => `${d}T10:00:00+08:00`;

const application = {
  applicant: {
    type: 'naturalPerson',
    name: '张三',
    idDocument: { type: 'residentIdCard', number: '11010519491231002X' },
  },
  contact: { phone: '13800138000', email: 'zhangsan@example.com' },
  information: { description: '2025年度本局行政处罚决定书' },
  form: 'electronic',
  delivery: 'email',
  channel: 'inPerson',
};

async function login(t: TestApp, username: string, role: Role, agencyId = t.agencyId) {
  await addStaff(t.store, agencyId, username, role, PASSWORD);
  const c = new Client(t.app);
  await c.get('/login');
  const r = await c.post('/login', { username, password: PASSWORD });
  assert.equal(r.res.status, 303, `login ${username}`);
  return c;
}

async function repliedCase(t: TestApp, on: string, outcome = 'partlyDisclosed', agencyId = t.agencyId) {
  const actor = { id: 'u', role: 'clerk' as const };
  const c = await createCase(t.store, agencyId, application, { on, at: at(on), actor }, { calendar });
  const reply = calendar.addWorkingDays(on, 5);
  await appendCaseEvent(
    t.store,
    c.id,
    { type: 'replied', on: reply, at: at(reply), actor, outcome },
    { calendar },
  );
  return c;
}

const SECTIONS = {
  overview: '2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，做好政府信息公开工作。',
  proactive: '',
  applications: '',
  reviewLitigation: '',
  problems: '存在问题：公开内容不够全面。改进情况：加强培训。',
  other: '2025年度未收取信息处理费。',
};

function cells(r: Report): string[] {
  const out: string[] = [];
  for (const [bk, b] of Object.entries(r.table2.blocks))
    for (const [rk, row] of Object.entries(b.rows))
      for (const [ck, c] of Object.entries(row.cells)) out.push(`T2 ${bk}.${rk}.${ck}=${c.raw}`);
  for (const [rk, row] of Object.entries(r.table3.rows))
    for (const [ck, c] of Object.entries(row.cells)) out.push(`T3 ${rk}.${ck}=${c.raw}`);
  for (const [ck, c] of Object.entries(r.table4.row?.cells ?? {})) out.push(`T4 ${ck}=${c.raw}`);
  return out;
}

describeStores('annual report editor', (f) => {
  it('scopes reports by agency: another agency’s clerk gets 404, a supervisor reads without forms', async () => {
    const t = await openApp(f);
    const clerkB = await login(t, 'clerkB', 'clerk', t.otherAgencyId);
    for (const path of [
      `/console/reports/${t.agencyId}/2025`,
      `/console/reports/${t.agencyId}/2025/cells/R1/c7`,
      `/console/reports/${t.agencyId}/2025/export.docx`,
      `/console/reports/${t.agencyId}/2025/export.txt`,
    ])
      assert.equal((await clerkB.get(path)).res.status, 404, path);
    await clerkB.get(`/console/reports/${t.otherAgencyId}/2025`);
    const post = await clerkB.post(`/console/reports/${t.agencyId}/2025/sections`, SECTIONS);
    assert.equal(post.res.status, 404);
    const list = await clerkB.get('/console/reports');
    assert.equal(list.res.status, 200);
    assert.doesNotMatch(list.html, new RegExp(`/console/reports/${t.agencyId}/`));
    assert.match(list.html, new RegExp(`/console/reports/${t.otherAgencyId}/2025`));
    // future years and years before the national format do not exist
    assert.equal((await clerkB.get(`/console/reports/${t.otherAgencyId}/2027`)).res.status, 404);
    assert.equal((await clerkB.get(`/console/reports/${t.otherAgencyId}/2018`)).res.status, 404);

    const sup = await login(t, 'sup', 'supervisor', t.governmentId);
    const page = await sup.get(`/console/reports/${t.agencyId}/2025`);
    assert.equal(page.res.status, 200);
    assert.doesNotMatch(page.html, /<textarea/);
    assert.match(textOf(page.html), /您只能查看这份年报/);
    const refused = await sup.post(`/console/reports/${t.agencyId}/2025/sections`, SECTIONS);
    assert.equal(refused.res.status, 403);
    assert.equal((await loadAnnualReport(t.store.db, t.agencyId, 2025)).id, null, 'nothing written');
    // without a session: to the login page
    const anon = await new Client(t.app).get(`/console/reports/${t.agencyId}/2025`);
    assert.equal(anon.res.status, 303);
  });

  it('lists a counted case behind its table 三 cell and the deadline of 条例第四十九条', async () => {
    const t = await openApp(f);
    const kase = await repliedCase(t, '2025-03-03');
    const c = await login(t, 'clerkA', 'clerk');
    const page = await c.get(`/console/reports/${t.agencyId}/2025`);
    assert.equal(page.res.status, 200);
    const text = textOf(page.html);
    assert.match(text, /某区住房和城乡建设局2025年政府信息公开工作年度报告/);
    // T0 is 2026-03-02: a department's 2025 report was due on 2026-01-31
    assert.match(text, /2026年1月31日 （ 已逾期30天 ）|2026年1月31日（已逾期30天）|已逾期30天/);
    assert.match(text, /PUB-01/);
    // the partly-disclosed case: R3_2 / 自然人 = 1, a link to the cell's case list
    const href = `/console/reports/${t.agencyId}/2025/cells/R3_2/c1`;
    assert.match(page.html, new RegExp(`<a href="${href}">1</a>`));
    const cell = await c.get(href);
    assert.equal(cell.res.status, 200);
    assert.match(cell.html, new RegExp(`href="/console/cases/${kase.id}">${kase.number}</a>`));
    assert.match(textOf(cell.html), /计入1件申请/);
    const empty = await c.get(`/console/reports/${t.agencyId}/2025/cells/R3_1/c1`);
    assert.match(textOf(empty.html), /没有计入这一单元格的申请/);
    assert.equal((await c.get(`/console/reports/${t.agencyId}/2025/cells/R9/c1`)).res.status, 404);
    // table 四: a reconsideration of the case, decided (corrected) in the year
    await addReviewRecord(
      t.store.db,
      t.agencyId,
      {
        id: 'R-1',
        kind: 'reconsideration',
        caseIds: [String(kase.id)],
        receivedOn: '2025-04-10',
        decidedOn: '2025-06-01',
        result: 'corrected',
      },
      'test',
    );
    const withReview = await c.get(`/console/reports/${t.agencyId}/2025`);
    const t4href = `/console/reports/${t.agencyId}/2025/t4/review.corrected`;
    assert.match(withReview.html, new RegExp(`<a href="${t4href}">1</a>`));
    const t4 = await c.get(t4href);
    assert.match(textOf(t4.html), /计入这一单元格的共1件/);
    assert.match(t4.html, new RegExp(`<a href="/console/cases/${kase.id}">${kase.number}</a>`));
    assert.match(
      textOf((await c.get(`/console/reports/${t.agencyId}/2025/t4/review.pending`)).html),
      /共0件/,
    );
    assert.equal((await c.get(`/console/reports/${t.agencyId}/2025/t4/review.nothing`)).res.status, 404);
    // every table 四 cell lists as many records as it counts (the same rule as the compiler)
    await addReviewRecord(
      t.store.db,
      t.agencyId,
      { id: 'R-2', kind: 'litigation', route: 'direct', caseIds: [], receivedOn: '2025-09-01' },
      'test',
    );
    const compiled = await compileReportFromDb(t.store.db, '某区住房和城乡建设局', 2025);
    for (const [key, cell] of Object.entries(compiled.table4.row!.cells)) {
      const listed = await reviewsForT4Cell(t.store.db, t.agencyId, 2025, key);
      assert.equal(listed.length, cell.value, key);
    }
    // the findings are beside the tables: table 二 is blank, so E-10 (no blank cells) warns, with its cells
    assert.match(page.html, /<aside aria-label="检查结果">/);
    assert.match(text, /E-10 警告：表二有10个单元格为空白/);
    assert.match(page.html, /<a href="#t2-a20_5-licensing-decisions">/);
    assert.match(page.html, /<td id="t2-a20_5-licensing-decisions" class="flagged"/);
  });

  it('validates table 二 inputs per cell (Chinese errors next to the field, nothing written) and saves valid ones', async () => {
    const t = await openApp(f);
    const c = await login(t, 'clerkA', 'clerk');
    await c.get(`/console/reports/${t.agencyId}/2025`);
    const bad = await c.post(`/console/reports/${t.agencyId}/2025/inputs`, {
      revision: '0',
      't2:a20_5.licensing.decisions': '12',
      't2:a20_6.penalty.decisions': '3.5',
      't2:a20_8.fees.amount': '十万',
    });
    assert.equal(bad.res.status, 400);
    const text = textOf(bad.html);
    assert.match(text, /提交的内容有2处需要修改/);
    assert.match(bad.html, /id="t2-in-a20_6-penalty-decisions-error"[^>]*>.*?不小于0的整数，收到“3\.5”/s);
    assert.match(bad.html, /aria-invalid="true"/);
    assert.match(bad.html, /name="t2:a20_8.fees.amount" value="十万"/, 'the typed value is kept');
    assert.equal((await t.store.db.selectFrom('report_input').selectAll().execute()).length, 0);
    const ok = await c.post(`/console/reports/${t.agencyId}/2025/inputs`, {
      revision: '0',
      't2:a20_5.licensing.decisions': '12',
      't2:a20_8.fees.amount': '0.25',
    });
    assert.equal(ok.res.status, 303);
    const page = await c.follow(ok);
    assert.match(page.html, /表二数据已保存/);
    const rows = await t.store.db.selectFrom('report_input').selectAll().orderBy('cell').execute();
    assert.deepEqual(
      rows.map((r) => [r.cell, r.value]),
      [
        ['a20_5.licensing.decisions', '12'],
        ['a20_8.fees.amount', '0.25'],
      ],
    );
    assert.match(rows[0]!.entered_by, /^staff:\d+$/);
  });

  it('refuses a stale form with a Chinese conflict message and keeps the user’s text', async () => {
    const t = await openApp(f);
    const a = await login(t, 'clerkA', 'clerk');
    const b = await login(t, 'headA', 'officeHead');
    await a.get(`/console/reports/${t.agencyId}/2025`);
    await b.get(`/console/reports/${t.agencyId}/2025`);
    const first = await a.post(`/console/reports/${t.agencyId}/2025/sections`, {
      ...SECTIONS,
      revision: '0',
      overview: '甲写的总体情况',
    });
    assert.equal(first.res.status, 303);
    const stale = await b.post(`/console/reports/${t.agencyId}/2025/sections`, {
      ...SECTIONS,
      revision: '0',
      overview: '乙写的总体情况',
    });
    assert.equal(stale.res.status, 409);
    assert.match(textOf(stale.html), /您这次提交的内容没有保存/);
    assert.match(stale.html, /<textarea[^>]*name="overview"[^>]*>乙写的总体情况<\/textarea>/);
    assert.match(textOf(stale.html), /他人保存的最新内容 甲写的总体情况/);
    assert.equal((await loadAnnualReport(t.store.db, t.agencyId, 2025)).sections.overview, '甲写的总体情况');
    // the re-rendered form carries the current revision: saving again is deliberate and works
    assert.match(stale.html, /name="revision" value="1"/);
  });

  it('runs submit → approve → publish with confirmations, freezes the public page, records every step, exports', async () => {
    const t = await openApp(f);
    await setTable2Zero(t.store.db, t.agencyId, 2025, 'test');
    await repliedCase(t, '2025-03-03');
    const clerk = await login(t, 'clerkA', 'clerk');
    const head = await login(t, 'headA', 'officeHead');
    const url = `/console/reports/${t.agencyId}/2025`;
    await clerk.get(url);
    // submitting without the sections: refused, naming the rule
    const early = await clerk.post(`${url}/workflow/submit`, { revision: '0', confirm: '1' });
    assert.equal(early.res.status, 400);
    assert.match(textOf(early.html), /AR-08/);
    assert.match(textOf(early.html), /一、总体情况/);
    assert.equal((await clerk.post(`${url}/sections`, { ...SECTIONS, revision: '0' })).res.status, 303);
    // without the confirmation box: refused next to the box
    const noConfirm = await clerk.post(`${url}/workflow/submit`, { revision: '1' });
    assert.equal(noConfirm.res.status, 400);
    assert.match(textOf(noConfirm.html), /请勾选“我已核对，确认办理”/);
    assert.equal(
      (await clerk.post(`${url}/workflow/submit`, { revision: '1', confirm: '1' })).res.status,
      303,
    );
    // the clerk cannot approve; the office head can
    await clerk.get(url);
    const notMine = await clerk.post(`${url}/workflow/approve`, { revision: '2', confirm: '1' });
    assert.equal(notMine.res.status, 403);
    assert.match(textOf(notMine.html), /AR-09/);
    await head.get(url);
    const publishEarly = await head.post(`${url}/workflow/publish`, { revision: '2', confirm: '1' });
    assert.equal(publishEarly.res.status, 400);
    assert.match(textOf(publishEarly.html), /AR-05/);
    assert.equal(
      (await head.post(`${url}/workflow/approve`, { revision: '2', confirm: '1' })).res.status,
      303,
    );
    t.clock.now = new Date('2026-01-20T02:00:00Z');
    const pub = await head.post(`${url}/workflow/publish`, { revision: '3', confirm: '1' });
    assert.equal(pub.res.status, 303);
    const after = await head.follow(pub);
    assert.match(textOf(after.html), /已发布/);
    assert.match(textOf(after.html), /按期发布/);
    const r = await loadAnnualReport(t.store.db, t.agencyId, 2025);
    assert.equal(r.status, 'published');
    assert.equal(r.publishedOn, '2026-01-20');
    assert.equal(r.publishedBy, '测试用户headA');

    // the public page shows the published report with its sections, and only published years
    const visitor = new Client(t.app);
    const list = await visitor.get(`/agencies/${t.agencyId}/reports`);
    assert.match(list.html, new RegExp(`href="/agencies/${t.agencyId}/reports/2025"`));
    assert.doesNotMatch(list.html, /reports\/2024"/, 'no published 2024 report');
    const pageBefore = await (await t.app.request(`/agencies/${t.agencyId}/reports/2025`)).text();
    assert.match(pageBefore, /2025年，本局认真贯彻落实/);
    // a case recorded afterwards does not change the published page
    await repliedCase(t, '2025-06-02', 'disclosed');
    t.clock.now = new Date('2026-03-02T02:00:00Z');
    const pageAfter = await (await t.app.request(`/agencies/${t.agencyId}/reports/2025`)).text();
    assert.equal(pageAfter, pageBefore);
    assert.equal((await t.app.request(`/agencies/${t.agencyId}/reports/2024`)).status, 404);

    // every step recorded, append-only
    const events = await reportEvents(t.store.db, r.id!);
    assert.deepEqual(
      events.map((e) => e.type),
      ['created', 'sectionsSaved', 'submitted', 'approved', 'published'],
    );
    assert.equal(events[4]!.actorName, '测试用户headA');

    // exports of the published version
    const txt = await head.get(`${url}/export.txt`);
    assert.equal(txt.res.headers.get('content-type'), 'text/plain; charset=utf-8');
    const body = await txt.res.text();
    assert.match(body, /2025年，本局认真贯彻落实/);
    assert.match(
      body,
      /一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1/,
      'the published count, not the live 2',
    );
    const html = await head.get(`${url}/export.html`);
    assert.match(html.res.headers.get('content-type')!, /^text\/html; charset=utf-8$/i);
    assert.match(html.html, /某区住房和城乡建设局2025年政府信息公开工作年度报告/);
    assert.match(html.res.headers.get('content-disposition')!, /attachment/);
    const docx = await head.get(`${url}/export.docx`);
    assert.equal(
      docx.res.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const parsed = await parseReportFile(Buffer.from(await docx.res.arrayBuffer()), { filename: 'r.docx' });
    const { publishedSnapshot } = await import('../../src/store/annualReports.ts');
    const snap = (await publishedSnapshot(t.store.db, t.agencyId, 2025))!;
    assert.deepEqual(cells(parsed), cells(snap));
    assert.equal(parsed.table3.rows.R1!.cells.c7!.value, 1);
    assert.deepEqual(parsed.sections.find((s) => s.number === 5)?.paragraphs, [SECTIONS.problems]);

    // a correction needs a reason; the public page keeps the published version meanwhile
    const noReason = await head.post(`${url}/workflow/reopen`, { revision: '4', confirm: '1' });
    assert.equal(noReason.res.status, 400);
    assert.match(textOf(noReason.html), /请填写更正理由/);
    const reopen = await head.post(`${url}/workflow/reopen`, {
      revision: '4',
      confirm: '1',
      comment: '补记漏登的申请',
    });
    assert.equal(reopen.res.status, 303);
    assert.equal(await (await t.app.request(`/agencies/${t.agencyId}/reports/2025`)).text(), pageBefore);
  });

  it('authorization table: each role × each report route', async () => {
    const t = await openApp(f);
    await repliedCase(t, '2025-03-03');
    const roles: Role[] = ['clerk', 'sectionHead', 'officeHead', 'leader', 'supervisor', 'admin'];
    const clients = new Map<Role, Client>();
    for (const role of roles)
      clients.set(
        role,
        await login(t, role, role, role === 'supervisor' || role === 'admin' ? t.governmentId : t.agencyId),
      );
    const url = `/console/reports/${t.agencyId}/2025`;
    const reads = [
      '/console/reports',
      url,
      `${url}/cells/R3_2/c1`,
      `${url}/export.docx`,
      `${url}/export.html`,
      `${url}/export.txt`,
    ];
    const writes: [string, Record<string, string>][] = [
      ['sections', { ...SECTIONS, revision: '0' }],
      ['inputs', { revision: '0', 't2:a20_5.licensing.decisions': '3' }],
      ...(['submit', 'approve', 'return', 'publish', 'reopen'] as const).map(
        (a): [string, Record<string, string>] => [
          `workflow/${a}`,
          { revision: '0', confirm: '1', comment: '意见' },
        ],
      ),
    ];
    /** allow = the role passes the access check (the workflow may still refuse with 400 or 409). */
    const expected = (role: Role, route: string): boolean => {
      if (route.startsWith('GET')) return true;
      if (route === 'POST sections' || route === 'POST inputs' || route === 'POST workflow/submit')
        return ['clerk', 'sectionHead', 'officeHead'].includes(role);
      return role === 'officeHead';
    };
    let checked = 0;
    for (const role of roles) {
      const c = clients.get(role)!;
      for (const path of reads) {
        const status = (await c.get(path)).res.status;
        assert.equal(status, 200, `${role} GET ${path}`);
        checked++;
      }
      for (const [route, fields] of writes) {
        await c.get(url);
        const status = (await c.post(`${url}/${route}`, fields)).res.status;
        const allowed = status !== 401 && status !== 403 && status !== 404;
        assert.equal(allowed, expected(role, `POST ${route}`), `${role} POST ${route}: ${status}`);
        checked++;
      }
    }
    assert.equal(checked, roles.length * (reads.length + writes.length));
    // out of scope (another agency's clerk): 404 on every route, read or write
    const other = await login(t, 'clerkB', 'clerk', t.otherAgencyId);
    for (const path of reads.slice(1)) assert.equal((await other.get(path)).res.status, 404, path);
    await other.get('/console/reports');
    for (const [route, fields] of writes)
      assert.equal((await other.post(`${url}/${route}`, fields)).res.status, 404, route);
    // CSRF: a POST without the token is refused and writes nothing
    const clerk = clients.get('clerk')!;
    const before = await loadAnnualReport(t.store.db, t.agencyId, 2025);
    const forged = await clerk.post(
      `${url}/sections`,
      { ...SECTIONS, revision: String(before.revision) },
      { csrf: null },
    );
    assert.equal(forged.res.status, 403);
    assert.equal((await loadAnnualReport(t.store.db, t.agencyId, 2025)).revision, before.revision);
  });

  it('exports a PDF through Chromium, or explains in Chinese why it cannot', async () => {
    const t = await openApp(f);
    const c = await login(t, 'clerkA', 'clerk');
    const res = (await c.get(`/console/reports/${t.agencyId}/2025/export.pdf`)).res;
    if (res.status === 200) {
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
    } else {
      assert.equal(res.status, 503);
      assert.match(textOf(await res.text()), /暂时无法生成PDF/);
    }
    // without Chromium: the Chinese error page
    const saved = process.env.GONGKAI_CHROMIUM;
    process.env.GONGKAI_CHROMIUM = '/nonexistent/chromium';
    try {
      const missing = await c.get(`/console/reports/${t.agencyId}/2025/export.pdf`);
      assert.equal(missing.res.status, 503);
      assert.match(textOf(missing.html), /暂时无法生成PDF.*找不到用于生成PDF的Chromium浏览器/);
    } finally {
      if (saved === undefined) delete process.env.GONGKAI_CHROMIUM;
      else process.env.GONGKAI_CHROMIUM = saved;
    }
  });

  it('links table 二 (一) numbers from the policy library to their documents and keeps them out of the inputs', async () => {
    const t = await openApp(f);
    const a = await disclosureAgency(t.store, '某区科学技术局');
    const doc = await createItem(
      t.store,
      a,
      ev('drafted', '2025-05-06', actors.clerk, {
        fields: fields({
          title: '某区科技创新券管理办法',
          documentNumber: '某科规〔2025〕1号',
          writtenOn: '2025-05-06',
          formedOn: '2025-05-06',
          category: 'art20.1',
          policyKind: 'normativeDoc',
          validity: 'valid',
          validityOn: null,
        }),
      }) as never,
      disclosureDeps,
    );
    await appendItemEvents(t.store, doc.id, approveAndPublish('2025-05-06'), disclosureDeps);
    const c = await login(t, 'clerkS', 'clerk', a);
    const page = await c.get(`/console/reports/${a}/2025`);
    const href = `/console/reports/${a}/2025/t2/a20_1.normativeDocs.issued`;
    assert.match(
      page.html,
      new RegExp(`<td id="t2-a20_1-normativeDocs-issued" class="library"><a href="${href}">1</a>`),
    );
    assert.doesNotMatch(page.html, /name="t2:a20_1\./, 'library cells are not typed in');
    assert.match(page.html, /name="t2:a20_5.licensing.decisions"/);
    const docs = await c.get(href);
    assert.equal(docs.res.status, 200);
    assert.match(textOf(docs.html), /文件共1件/);
    assert.match(docs.html, new RegExp(`<a href="/console/disclosure/${doc.id}">某区科技创新券管理办法</a>`));
    assert.match(textOf(docs.html), /某科规〔2025〕1号/);
    // a cell the library does not fill, and another agency's clerk: 404
    assert.equal((await c.get(`/console/reports/${a}/2025/t2/a20_5.licensing.decisions`)).res.status, 404);
    const other = await login(t, 'clerkB', 'clerk', t.otherAgencyId);
    assert.equal((await other.get(href)).res.status, 404);
  });
});
