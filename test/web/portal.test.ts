/**
 * The public 依申请公开 portal over app.request() on both databases: the form (labels, CSRF),
 * submission (durable case with its events, attachment, receipt letter), validation messages next
 * to the fields, the status page by number + query code (no enumeration), online correction,
 * withdrawal, downloads, the guide and the annual reports.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { saveSections, transitionReport } from '../../src/store/annualReports.ts';
import { appendCaseEvent } from '../../src/store/cases.ts';
import { setTable2Zero } from '../../src/store/reportInputs.ts';
import { refuseInserts } from '../helpers/faults.ts';
import { describeStores } from '../helpers/stores.ts';
import { Client, calendar, openApp, type TestApp, textOf, tinyPdf, validForm } from './helpers.ts';

/** Publishes an agency's report through the workflow (clerk writes and submits, office head approves and publishes). */
async function publishReport(t: TestApp, year: number) {
  const clerk = { id: 'staff:1', role: 'clerk' as const, name: '承办人' };
  const head = { id: 'staff:2', role: 'officeHead' as const, name: '主任' };
  let r = await saveSections(
    t.store.db,
    t.agencyId,
    year,
    0,
    { overview: '本局认真贯彻落实条例。', problems: '问题和改进。', other: '未收取信息处理费。' },
    clerk,
  );
  r = await transitionReport(t.store.db, t.agencyId, year, r.revision, 'submit', clerk);
  r = await transitionReport(t.store.db, t.agencyId, year, r.revision, 'approve', head);
  await transitionReport(t.store.db, t.agencyId, year, r.revision, 'publish', head, {
    at: `${year + 1}-01-20T02:00:00Z`,
  });
}

async function submit(
  t: TestApp,
  client = new Client(t.app),
  form: Record<string, string | File> = validForm,
) {
  await client.get(`/agencies/${t.agencyId}/apply`);
  const r = await client.post(`/agencies/${t.agencyId}/apply`, form);
  assert.equal(r.res.status, 303, textOf(r.html).slice(0, 400));
  assert.equal(r.res.headers.get('location'), '/receipt');
  const receipt = await client.follow(r);
  const number = /\d{4}-\d{5}/.exec(textOf(receipt.html))![0];
  const code = /class="big-code">([A-Z2-9]{8})</.exec(receipt.html)![1]!;
  const row = await t.store.db
    .selectFrom('application_case')
    .selectAll()
    .where('number', '=', number)
    .where('agency_id', '=', t.agencyId)
    .executeTakeFirstOrThrow();
  return { client, receipt, number, code, caseId: Number(row.id), row };
}

describeStores('web portal', (f) => {
  it('answers /healthz with 200 once the database answers', async () => {
    const t = await openApp(f);
    const r = await t.app.request('/healthz');
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ok' });
  });

  it('lists the agencies on the home page, each with its form, guide and reports', async () => {
    const t = await openApp(f);
    const { res, html } = await new Client(t.app).get('/');
    assert.equal(res.status, 200);
    assert.match(html, /^<!DOCTYPE html><html lang="zh-CN">/);
    assert.match(html, /某区住房和城乡建设局/);
    assert.match(html, new RegExp(`href="/agencies/${t.agencyId}/apply"`));
    assert.match(html, /class="skip-link" href="#main"/);
    assert.match(html, /<main id="main"/);
  });

  it('serves the form with a CSRF token and a label tied to every input', async () => {
    const t = await openApp(f);
    const c = new Client(t.app);
    const { res, html } = await c.get(`/agencies/${t.agencyId}/apply`);
    assert.equal(res.status, 200);
    assert.match(html, /<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{40,}"/);
    assert.ok(c.cookies.has('gk_csrf'), 'double-submit cookie set for a visitor');
    assert.equal(c.cookies.get('gk_csrf'), c.csrf);
    assert.match(html, /enctype="multipart\/form-data"/);
    // every visible input, select and textarea has a <label for> (radios inside a fieldset with a legend)
    const ids = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(ids.length > 20);
    for (const id of ids) assert.match(html, new RegExp(`<label for="${id}"`), `label for ${id}`);
    for (const label of [
      '申请人姓名',
      '身份证明号码',
      '统一社会信用代码',
      '联系电话',
      '信息的指定提供形式',
      '获取信息的方式',
    ])
      assert.ok(html.includes(label), label);
    // no session is created by reading a page
    const sessions = await t.store.db.selectFrom('web_session').selectAll().execute();
    assert.equal(sessions.length, 0);
  });

  it('refuses a POST without the CSRF token (403), and with a token that does not match', async () => {
    const t = await openApp(f);
    const c = new Client(t.app);
    await c.get(`/agencies/${t.agencyId}/apply`);
    const r = await c.post(`/agencies/${t.agencyId}/apply`, validForm, { csrf: null });
    assert.equal(r.res.status, 403);
    assert.match(textOf(r.html), /表单已过期或来源无法确认/);
    const r2 = await c.post(`/agencies/${t.agencyId}/apply`, validForm, { csrf: 'x'.repeat(43) });
    assert.equal(r2.res.status, 403);
    // a token without its cookie (another browser's) is refused too
    const other = new Client(t.app);
    const r3 = await other.post(`/agencies/${t.agencyId}/apply`, validForm, { csrf: c.csrf });
    assert.equal(r3.res.status, 403);
    const n = await t.store.db.selectFrom('application_case').selectAll().execute();
    assert.equal(n.length, 0);
  });

  it('files an application: 303 to a receipt with number and query code; the case, its events, attachment and receipt letter are stored', async () => {
    const t = await openApp(f);
    const { receipt, number, code, caseId, row } = await submit(t, undefined, {
      ...validForm,
      attachments: tinyPdf(),
    });
    assert.equal(receipt.res.status, 200);
    assert.equal(number, '2026-00001');
    assert.equal(row.query_code, code);
    assert.equal(row.channel, 'online');
    assert.equal(row.applicant_name, '张三');
    assert.equal(row.due_on, '2026-03-30');
    const text = textOf(receipt.html);
    assert.match(text, /申请已提交/);
    assert.match(text, /2026年3月30日/);
    const events = await t.store.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.type, e.occurred_on, e.actor_role]),
      [
        ['received', '2026-03-02', 'applicant'],
        ['receiptConfirmed', '2026-03-02', 'system'],
      ],
    );
    const att = await t.store.db.selectFrom('attachment').selectAll().where('case_id', '=', caseId).execute();
    assert.equal(att.length, 1);
    assert.equal(att[0]!.media_type, 'application/pdf');
    assert.equal(att[0]!.filename, '身份证明.pdf');
    const path = join(t.dataDir, 'attachments', att[0]!.storage_key);
    assert.ok(existsSync(path));
    assert.match(readFileSync(path, 'latin1'), /^%PDF-1\.4/);
    const letters = await t.store.db
      .selectFrom('case_letter')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    assert.deepEqual(
      letters.map((l) => [l.kind, l.recipient, l.issued_on]),
      [['receipt', 'applicant', '2026-03-02']],
    );
    // the receipt letter downloads as DOCX
    const href = /href="(\/status\/cases\/\d+\/letters\/\d+)"/.exec(receipt.html)![1]!;
    const { res } = await new Client(t.app).get(href);
    assert.equal(res.status, 404, 'another browser cannot download it');
  });

  it('files the case, its receipt letter, attachments and the session in one transaction: a session that cannot be stored leaves no case, no letter and no file', async () => {
    const t = await openApp(f);
    // the database refuses every new session (as a full disk would); the form page was served before
    const c = new Client(t.app);
    await c.get(`/agencies/${t.agencyId}/apply`);
    await refuseInserts(t.store, 'web_session');
    const original = console.error;
    console.error = () => {}; // the 500 is logged on purpose
    try {
      const r = await c.post(`/agencies/${t.agencyId}/apply`, { ...validForm, attachments: tinyPdf() });
      assert.equal(r.res.status, 500);
    } finally {
      console.error = original;
    }
    for (const table of ['application_case', 'case_event', 'case_letter', 'attachment'] as const) {
      const n = await t.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0, `${table} is empty`);
    }
    // the stored upload was removed again
    const dir = join(t.dataDir, 'attachments');
    const left = existsSync(dir)
      ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      : [];
    assert.deepEqual(left, []);
  });

  it('keeps the case when staff must confirm receipt (confirmOnlineReceipt off)', async () => {
    const t = await openApp(f, { confirmOnlineReceipt: false });
    const { row, receipt } = await submit(t);
    assert.equal(row.status, 'awaitingConfirmation');
    assert.equal(row.due_on, null);
    assert.match(textOf(receipt.html), /待本机关确认/);
  });

  it('answers an invalid application with 400, Chinese messages next to the fields, a summary, and the values kept', async () => {
    const t = await openApp(f);
    const c = new Client(t.app);
    await c.get(`/agencies/${t.agencyId}/apply`);
    const r = await c.post(`/agencies/${t.agencyId}/apply`, {
      ...validForm,
      personName: '',
      idNumber: '110105194912310021',
      phone: '',
      email: '',
      address: '',
      description: '某某<b>文件</b>',
      delivery: 'post',
    });
    assert.equal(r.res.status, 400);
    const html = r.html;
    assert.match(html, /<title>错误：/);
    assert.match(html, /class="error-summary" role="alert"/);
    assert.match(html, /<a href="#f-personName">申请人姓名：必填<\/a>/);
    // the message stands next to its field, which points to it
    assert.match(html, /<p class="error-message" id="f-personName-error">.*申请人姓名：必填<\/p>/);
    assert.match(html, /id="f-personName"[^>]*aria-invalid="true"[^>]*aria-describedby="f-personName-error"/);
    assert.match(html, /id="f-idNumber-error">.*身份证明号码：不是有效的居民身份证号码/);
    assert.match(html, /id="f-contact-error">.*联系方式：联系电话、电子邮箱、通信地址至少填写一项/);
    assert.match(html, /<a href="#f-phone">联系方式/);
    assert.match(html, /id="f-address-error">.*通信地址：选择邮寄方式获取信息的，必填/);
    // values kept (and escaped)
    assert.match(html, /id="f-idNumber" name="idNumber" value="110105194912310021"/);
    assert.match(html, /某某&lt;b&gt;文件&lt;\/b&gt;<\/textarea>/);
    assert.match(html, /id="f-delivery-post" name="delivery" value="post" checked/);
    const n = await t.store.db.selectFrom('application_case').selectAll().execute();
    assert.equal(n.length, 0);
  });

  it('refuses attachments that are not PDF, JPEG, PNG or DOCX by their content, and too large ones', async () => {
    const t = await openApp(f, { uploads: { maxFileBytes: 1024 } });
    const c = new Client(t.app);
    await c.get(`/agencies/${t.agencyId}/apply`);
    const fake = new File([Buffer.from('<html><script>alert(1)</script></html>')], '证明.pdf', {
      type: 'application/pdf',
    });
    const big = new File([Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000)])], 'big.pdf');
    const r = await c.post(`/agencies/${t.agencyId}/apply`, { ...validForm, attachments: [fake, big] });
    assert.equal(r.res.status, 400);
    assert.match(
      r.html,
      /id="f-attachments-error">.*附件“证明.pdf”：只能上传PDF、JPEG图片、PNG图片、Word文档（DOCX）文件/,
    );
    assert.match(r.html, /附件“big.pdf”：超过0MB|附件“big.pdf”：超过/);
    assert.match(r.html, /页面重新显示时不会保留已选择的附件/);
  });

  it('shows the status page for the right number and code (status, due date, letters); one generic answer otherwise', async () => {
    const t = await openApp(f);
    const { number, code, caseId } = await submit(t);
    const c = new Client(t.app, '198.51.100.1');
    // without the code: the case page is not reachable
    assert.equal((await c.get(`/status/cases/${caseId}`)).res.status, 404);
    await c.get('/status');
    const wrong = await c.post('/status', { number, code: 'AAAAAAAA' });
    assert.equal(wrong.res.status, 404);
    const noSuch = await c.post('/status', { number: '2026-09999', code });
    assert.equal(noSuch.res.status, 404);
    const msg = (h: string) => /class="error-summary"[\s\S]*?<li>([^<]+)<\/li>/.exec(h)?.[1];
    assert.equal(msg(wrong.html), msg(noSuch.html));
    assert.equal(msg(wrong.html), '没有找到与该登记编号和查询码对应的申请，请核对后重新输入。');
    const ok = await c.post('/status', { number: ` ${number} `, code: code.toLowerCase() });
    assert.equal(ok.res.status, 303);
    assert.equal(ok.res.headers.get('location'), `/status/cases/${caseId}`);
    const page = await c.follow(ok);
    assert.equal(page.res.status, 200);
    const text = textOf(page.html);
    assert.match(text, /当前状态 办理中/);
    assert.match(text, /答复期限 2026年3月30日/);
    assert.match(text, /答复期限是怎样计算的/);
    assert.match(text, /政府信息公开申请登记回执/);
    const href = /href="(\/status\/cases\/\d+\/letters\/\d+)"/.exec(page.html)![1]!;
    const docx = await c.get(href);
    assert.equal(docx.res.status, 200);
    assert.match(docx.res.headers.get('content-type')!, /wordprocessingml/);
    assert.match(docx.res.headers.get('content-disposition')!, /attachment; .*filename\*=UTF-8''/);
    assert.equal(
      Buffer.from(await docx.res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      'PK',
    );
  });

  it('rate-limits failed look-ups per address in the database', async () => {
    const t = await openApp(f, { limits: { lookupPerAddress: 3 } });
    const c = new Client(t.app, '192.0.2.50');
    await c.get('/status');
    for (let i = 0; i < 3; i++)
      assert.equal((await c.post('/status', { number: '2026-00001', code: 'ZZZZZZZZ' })).res.status, 404);
    const r = await c.post('/status', { number: '2026-00001', code: 'ZZZZZZZZ' });
    assert.equal(r.res.status, 429);
    assert.match(textOf(r.html), /查询失败次数过多，请15分钟后再试/);
    const rows = await t.store.db
      .selectFrom('throttle_event')
      .selectAll()
      .where('bucket', '=', 'lookup')
      .execute();
    assert.equal(rows.length, 3);
    // another address is not affected
    const other = new Client(t.app, '192.0.2.51');
    await other.get('/status');
    assert.equal((await other.post('/status', { number: '2026-00001', code: 'ZZZZZZZZ' })).res.status, 404);
  });

  it('takes an online correction (补正) when one was requested, with CSRF, and restarts the clock', async () => {
    const t = await openApp(f);
    const { client: c, caseId, number, code } = await submit(t);
    await appendCaseEvent(
      t.store,
      caseId,
      {
        type: 'correctionRequested',
        on: '2026-03-04',
        at: '2026-03-04T10:00:00+08:00',
        actor: { id: 'u1', role: 'clerk' },
        items: ['请写明所需处罚决定书的时间范围'],
        dueWorkingDays: 10,
      },
      { calendar },
    );
    t.clock.now = new Date('2026-03-06T03:00:00Z');
    // days later the visitor session has expired: look the case up again
    assert.equal((await c.get(`/status/cases/${caseId}`)).res.status, 404);
    await c.get('/status');
    const page = await c.follow(await c.post('/status', { number, code }));
    const text = textOf(page.html);
    assert.match(text, /当前状态 待补正/);
    assert.match(text, /请写明所需处罚决定书的时间范围/);
    assert.match(page.html, /action="\/status\/cases\/\d+\/correction"/);
    // missing text → 400 next to the field
    const empty = await c.post(`/status/cases/${caseId}/correction`, { supplement: '' });
    assert.equal(empty.res.status, 400);
    assert.match(empty.html, /id="f-supplement-error">.*补正内容：必填/);
    // no token → 403
    const forged = await c.post(
      `/status/cases/${caseId}/correction`,
      { supplement: '2025年全年' },
      { csrf: null },
    );
    assert.equal(forged.res.status, 403);
    const r = await c.post(`/status/cases/${caseId}/correction`, {
      supplement: '2025年1月至12月',
      attachments: tinyPdf(),
    });
    assert.equal(r.res.status, 303);
    const after = await c.follow(r);
    assert.match(textOf(after.html), /补正材料已提交/);
    assert.match(textOf(after.html), /当前状态 办理中/);
    const ev = await t.store.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('type', '=', 'correctionReceived')
      .executeTakeFirstOrThrow();
    assert.equal(ev.occurred_on, '2026-03-06');
    assert.equal(ev.actor_role, 'applicant');
    assert.equal(JSON.parse(ev.payload).supplement, '2025年1月至12月');
    const row = await t.store.db
      .selectFrom('application_case')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(row.due_on, calendar.addWorkingDays('2026-03-06', 20));
    const att = await t.store.db
      .selectFrom('attachment')
      .selectAll()
      .where('purpose', '=', 'correction')
      .execute();
    assert.equal(att.length, 1);
    // the applicant's own attachment downloads
    const href = /href="(\/status\/cases\/\d+\/attachments\/\d+)"/.exec(after.html)![1]!;
    const dl = await c.get(href);
    assert.equal(dl.res.status, 200);
    assert.equal(dl.res.headers.get('content-type'), 'application/pdf');
  });

  it('withdraws an application from the status page (confirmation required)', async () => {
    const t = await openApp(f);
    const { client: c, caseId } = await submit(t);
    await c.get(`/status/cases/${caseId}`);
    const unconfirmed = await c.post(`/status/cases/${caseId}/withdraw`, { reason: '已从其他渠道获得' });
    assert.equal(unconfirmed.res.status, 400);
    assert.match(unconfirmed.html, /id="f-confirm-error">/);
    assert.match(unconfirmed.html, /已从其他渠道获得<\/textarea>/);
    const r = await c.post(`/status/cases/${caseId}/withdraw`, { reason: '已从其他渠道获得', confirm: '1' });
    assert.equal(r.res.status, 303);
    const page = await c.follow(r);
    const text = textOf(page.html);
    assert.match(text, /您的申请已撤回/);
    assert.match(text, /当前状态 已撤回/);
    assert.match(text, /办理结果 申请人撤回申请/);
    assert.doesNotMatch(page.html, /action="\/status\/cases\/\d+\/withdraw"/);
    const row = await t.store.db
      .selectFrom('application_case')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'withdrawn');
    // forget: the session no longer sees the case
    await c.post('/status/forget', {});
    assert.equal((await c.get(`/status/cases/${caseId}`)).res.status, 404);
  });

  it('shows the agency’s guide and its annual reports (HTML with a hashed style, DOCX)', async () => {
    const t = await openApp(f);
    await submit(t);
    await setTable2Zero(t.store.db, t.agencyId, 2025, 'test');
    const c = new Client(t.app);
    // nothing published yet: no reports listed, the year's page does not exist
    assert.match(textOf((await c.get(`/agencies/${t.agencyId}/reports`)).html), /暂无年度报告/);
    assert.equal((await t.app.request(`/agencies/${t.agencyId}/reports/2025`)).status, 404);
    await publishReport(t, 2025);
    const guide = await c.get(`/agencies/${t.agencyId}/guide`);
    assert.equal(guide.res.status, 200);
    const g = textOf(guide.html);
    assert.match(g, /某区住房和城乡建设局政府信息公开指南/);
    assert.match(g, /20 个工作日内予以答复|20个工作日内予以答复/);
    assert.match(g, /本机关的行政复议机关为示范区人民政府/);
    const list = await c.get(`/agencies/${t.agencyId}/reports`);
    assert.match(list.html, new RegExp(`href="/agencies/${t.agencyId}/reports/2025"`));
    assert.doesNotMatch(list.html, /reports\/2026"/, 'the current year is not published');
    assert.match(textOf(list.html), /2026年1月20日/, 'the publication date');
    const page = await t.app.request(`/agencies/${t.agencyId}/reports/2025`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /某区住房和城乡建设局2025年政府信息公开工作年度报告/);
    assert.match(html, /本局认真贯彻落实条例/, 'the published narrative');
    assert.match(
      page.headers.get('content-security-policy')!,
      /style-src 'self' 'sha256-[^']+' 'sha256-[^']+'/,
    );
    assert.doesNotMatch(page.headers.get('content-security-policy')!, /unsafe-inline/);
    const docx = await t.app.request(`/agencies/${t.agencyId}/reports/2025/docx`);
    assert.equal(docx.status, 200);
    assert.equal(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      'PK',
    );
    assert.equal((await t.app.request(`/agencies/${t.agencyId}/reports/2019`)).status, 404);
    assert.equal((await t.app.request('/agencies/999/guide')).status, 404);
  });
});
