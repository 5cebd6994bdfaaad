/**
 * The 主动公开 console over app.request() on both databases: the draft form (Chinese errors next to
 * each field, values kept, nothing written), the review chain decided by three users of the three
 * roles (a wrong role refused by the machine, 400, nothing written), return with a comment back to
 * a draft, publication into the public projection, unpublishing with its required reason, an edit
 * of a published item going through the chain again, agency scope (404) and read-only supervisors
 * (403), attachments, the sanitiser's notice, the guide editor — and an event for every action.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getGuide } from '../../src/store/disclosureGuide.ts';
import { searchDisclosures } from '../../src/store/disclosureSearch.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, calendar, openApp, type TestApp, textOf, tinyPdf } from './helpers.ts';

const PASSWORD = 'correct horse 1';

async function login(t: TestApp, username: string): Promise<Client> {
  const c = new Client(t.app);
  await c.get('/login');
  const r = await c.post('/login', { username, password: PASSWORD });
  assert.equal(r.res.status, 303, `login ${username}`);
  return c;
}

const VALID = {
  title: '关于加快推进老旧小区加装电梯工作的实施意见',
  documentNumber: '某建发〔2026〕7号',
  issuer: '某区住房和城乡建设局',
  writtenOn: '2026-02-26',
  formedOn: '2026-02-27',
  category: 'art20.1',
  topic: '城乡建设',
  attribute: 'proactive',
  attributeReason: '',
  summary: '',
  bodyHtml: '<p>为加快推进老旧小区加装电梯工作，结合本区实际，提出如下意见。</p>',
  policyKind: 'normativeDoc',
  effectiveOn: '2026-03-15',
  validity: 'valid',
  validityOn: '',
  interprets: '',
  deadlineOn: '',
  deadlineBasis: '',
};

/** The chain's three reviewers and a clerk of agency A. */
async function staff(t: TestApp) {
  // the 索引号 scheme needs the agency's 统一社会信用代码
  await t.store.db
    .updateTable('agency')
    .set({ credit_code: '11341702486344515H' })
    .where('id', '=', t.agencyId)
    .execute();
  await addStaff(t.store, t.agencyId, 'clerk', 'clerk');
  await addStaff(t.store, t.agencyId, 'section', 'sectionHead');
  await addStaff(t.store, t.agencyId, 'leader', 'leader');
  await addStaff(t.store, t.agencyId, 'office', 'officeHead');
  return {
    clerk: await login(t, 'clerk'),
    section: await login(t, 'section'),
    leader: await login(t, 'leader'),
    office: await login(t, 'office'),
  };
}

async function draft(
  _t: TestApp,
  clerk: Client,
  fields: Record<string, string | File> = VALID,
): Promise<number> {
  await clerk.get('/console/disclosure/new');
  const r = await clerk.post('/console/disclosure/new', fields);
  assert.equal(r.res.status, 303, textOf(r.html).slice(0, 500));
  const m = /^\/console\/disclosure\/(\d+)$/.exec(r.res.headers.get('location') ?? '');
  assert.ok(m, r.res.headers.get('location') ?? '');
  return Number(m[1]);
}

/** Posts an action from the item page (fresh CSRF token), with the confirmation unless told. */
async function act(
  c: Client,
  id: number,
  action: string,
  fields: Record<string, string> = {},
  confirm = true,
) {
  await c.get(`/console/disclosure/${id}`);
  return c.post(`/console/disclosure/${id}/${action}`, { ...(confirm ? { confirm: '1' } : {}), ...fields });
}

const events = async (t: TestApp, id: number) =>
  (
    await t.store.db
      .selectFrom('disclosure_event')
      .select(['type', 'actor_role', 'actor_id'])
      .where('item_id', '=', id)
      .orderBy('seq')
      .execute()
  ).map((e) => e.type);

const isPublic = async (t: TestApp, id: number) =>
  !!(await t.store.db.selectFrom('disclosure_public').select('id').where('id', '=', id).executeTakeFirst());

describeStores('主动公开 console', (f) => {
  it('the draft form shows Chinese errors next to each field, keeps the values and writes nothing', async () => {
    const t = await openApp(f);
    const { clerk } = await staff(t);
    const form = await clerk.get('/console/disclosure/new');
    assert.equal(form.res.status, 200);
    for (const label of [
      '标题',
      '文号',
      '发布机构',
      '成文日期',
      '形成或变更日期',
      '公开类别',
      '公开属性',
      '正文',
      '效力状态',
    ])
      assert.match(form.html, new RegExp(`<label for="f-[A-Za-z]+">${label}|<legend>${label}`), label);
    const bad = await clerk.post('/console/disclosure/new', {
      ...VALID,
      title: '',
      formedOn: '2026-13-40',
      category: 'nonsense',
    });
    assert.equal(bad.res.status, 400);
    assert.match(bad.html, /id="f-title-error"[^>]*>.*?标题：必填/s);
    assert.match(bad.html, /id="f-formedOn-error"[^>]*>.*?形成或变更日期：须为有效日期/s);
    assert.match(bad.html, /id="f-category-error"[^>]*>.*?公开类别：不是有效的公开类别/s);
    assert.match(bad.html, /提交的内容有3处需要修改/);
    // values as typed are shown again
    assert.match(bad.html, /value="某建发〔2026〕7号"/);
    assert.match(bad.html, /value="2026-13-40"/);
    assert.match(bad.html, /老旧小区加装电梯工作，结合本区实际/);
    // the rules between fields: 不予公开 needs its legal reason; a 规范性文件 needs its 文号
    const withheld = await clerk.post('/console/disclosure/new', {
      ...VALID,
      attribute: 'withheld',
      documentNumber: '',
    });
    assert.equal(withheld.res.status, 400);
    assert.match(
      withheld.html,
      /id="f-attributeReason-error"[^>]*>.*?不予公开理由：“不予公开”须写明法定理由/s,
    );
    assert.match(withheld.html, /id="f-documentNumber-error"[^>]*>.*?文号：行政规范性文件须填写文号/s);
    assert.match(withheld.html, /id="f-attribute-withheld"[^>]*checked/);
    // an interpretation of a document that does not exist
    const interp = await clerk.post('/console/disclosure/new', { ...VALID, interprets: 'NOPE/2026-00001' });
    assert.equal(interp.res.status, 400);
    assert.match(interp.html, /id="f-interprets-error"[^>]*>.*?本机关没有索引号为“NOPE\/2026-00001”的信息/s);
    assert.equal((await t.store.db.selectFrom('disclosure_item').selectAll().execute()).length, 0);
    assert.equal((await t.store.db.selectFrom('disclosure_event').selectAll().execute()).length, 0);
  });

  it('three approvals by the three roles publish the item; a wrong role is refused and nothing is written', async () => {
    const t = await openApp(f);
    const s = await staff(t);
    const id = await draft(t, s.clerk);
    const page = await s.clerk.get(`/console/disclosure/${id}`);
    assert.match(textOf(page.html), /草稿/);
    assert.match(textOf(page.html), /第1级 股室负责人审核（股室负责人） 未送审/);
    assert.deepEqual(await events(t, id), ['drafted']);

    // the confirmation checkbox is required
    const noConfirm = await act(s.clerk, id, 'submit', {}, false);
    assert.equal(noConfirm.res.status, 400);
    assert.match(noConfirm.html, /id="f-submit-confirm-error"[^>]*>.*?请勾选确认/s);
    assert.deepEqual(await events(t, id), ['drafted']);
    assert.equal((await act(s.clerk, id, 'submit')).res.status, 303);
    assert.deepEqual(await events(t, id), ['drafted', 'submitted']);

    // the clerk sees no approval form; the leader is not the first step: the machine refuses (DIS-07)
    const clerkView = await s.clerk.get(`/console/disclosure/${id}`);
    assert.doesNotMatch(clerkView.html, /action="\/console\/disclosure\/\d+\/approve"/);
    assert.match(textOf(clerkView.html), /等待股室负责人审核/);
    const wrong = await act(s.leader, id, 'approve', { step: '0' });
    assert.equal(wrong.res.status, 400);
    assert.match(
      textOf(wrong.html),
      /第1级“股室负责人审核”（股室负责人）只能由股室负责人作出，“分管领导”无权审核通过/,
    );
    const wrongClerk = await act(s.clerk, id, 'approve', { step: '0' });
    assert.equal(wrongClerk.res.status, 400);
    assert.deepEqual(await events(t, id), ['drafted', 'submitted']);

    // 1. 股室负责人
    const sectionPage = await s.section.get(`/console/disclosure/${id}`);
    assert.match(sectionPage.html, new RegExp(`action="/console/disclosure/${id}/approve"`));
    assert.doesNotMatch(sectionPage.html, /name="secrecy"/);
    const a1 = await act(s.section, id, 'approve', { step: '0', comment: '同意' });
    assert.equal(a1.res.status, 303);
    assert.match(textOf((await s.section.follow(a1)).html), /已审核通过，转分管领导审核/);
    assert.equal(await isPublic(t, id), false);
    // a stale form (step 0 again) is refused in order
    const stale = await act(s.section, id, 'approve', { step: '0' });
    assert.equal(stale.res.status, 400);
    // 2. 分管领导
    assert.equal((await act(s.leader, id, 'approve', { step: '1' })).res.status, 303);
    assert.equal(await isPublic(t, id), false);
    // 3. 办公室: the secrecy review must be confirmed
    const officePage = await s.office.get(`/console/disclosure/${id}`);
    assert.match(officePage.html, /name="secrecy"/);
    assert.match(officePage.html, /审核通过后立即发布/);
    const noSecrecy = await act(s.office, id, 'approve', { step: '2', publish: '1' });
    assert.equal(noSecrecy.res.status, 400);
    assert.match(noSecrecy.html, /保密审查：请确认已进行保密审查/);
    assert.equal(await isPublic(t, id), false);
    const a3 = await act(s.office, id, 'approve', { step: '2', secrecy: '1', publish: '1' });
    assert.equal(a3.res.status, 303);
    assert.deepEqual(await events(t, id), [
      'drafted',
      'submitted',
      'approved',
      'approved',
      'approved',
      'published',
    ]);
    assert.equal(await isPublic(t, id), true);
    const done = textOf((await s.office.follow(a3)).html);
    assert.match(done, /已审核通过并发布/);
    assert.match(done, /已发布/);
    for (const who of ['测试用户section', '测试用户leader', '测试用户office'])
      assert.ok(done.includes(who), who);
    assert.match(done, /已进行保密审查/);
    // the public projection and search find it
    const found = await searchDisclosures(t.store, { q: '加装电梯', agencyId: t.agencyId });
    assert.equal(found.total, 1);
    const types = await t.store.db
      .selectFrom('disclosure_event')
      .select(['type', 'actor_id'])
      .where('item_id', '=', id)
      .where('type', '=', 'approved')
      .orderBy('seq')
      .execute();
    assert.equal(new Set(types.map((x) => x.actor_id)).size, 3, 'three different reviewers');
    // every action is in the audit log too
    const audits = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'disclosure_item')
      .where('entity_id', '=', String(id))
      .execute();
    assert.equal(audits.length, 6);
  });

  it('return with a comment sends the item back; the edit makes it a draft; unpublishing needs a reason', async () => {
    const t = await openApp(f);
    const s = await staff(t);
    const id = await draft(t, s.clerk);
    await act(s.clerk, id, 'submit');
    const noComment = await act(s.section, id, 'return', { step: '0' });
    assert.equal(noComment.res.status, 400);
    assert.match(noComment.html, /id="f-return-comment-error"[^>]*>.*?退回须写明意见/s);
    assert.deepEqual(await events(t, id), ['drafted', 'submitted']);
    assert.equal(
      (await act(s.section, id, 'return', { step: '0', comment: '请补充施行日期的依据' })).res.status,
      303,
    );
    const returned = textOf((await s.clerk.get(`/console/disclosure/${id}`)).html);
    assert.match(returned, /已被退回/);
    assert.match(returned, /请补充施行日期的依据/);
    assert.match(returned, /已退回/);
    // the clerk edits: back to a draft, submitted again
    const form = await s.clerk.get(`/console/disclosure/${id}/edit`);
    assert.equal(form.res.status, 200);
    assert.match(form.html, /value="关于加快推进老旧小区加装电梯工作的实施意见"/);
    const edited = await s.clerk.post(`/console/disclosure/${id}/edit`, {
      ...VALID,
      summary: '明确加装电梯的条件、程序和补助标准',
      note: '按退回意见补充',
    });
    assert.equal(edited.res.status, 303);
    assert.match(textOf((await s.clerk.follow(edited)).html), /草稿/);
    assert.deepEqual(await events(t, id), ['drafted', 'submitted', 'returned', 'edited']);
    // an edit that changes nothing is refused with a message
    await s.clerk.get(`/console/disclosure/${id}/edit`);
    const same = await s.clerk.post(`/console/disclosure/${id}/edit`, {
      ...VALID,
      summary: '明确加装电梯的条件、程序和补助标准',
    });
    assert.equal(same.res.status, 400);
    assert.match(textOf(same.html), /没有修改任何内容/);

    await act(s.clerk, id, 'submit');
    await act(s.section, id, 'approve', { step: '0' });
    await act(s.leader, id, 'approve', { step: '1' });
    await act(s.office, id, 'approve', { step: '2', secrecy: '1' }); // without publishing
    assert.equal(await isPublic(t, id), false);
    assert.match(textOf((await s.clerk.get(`/console/disclosure/${id}`)).html), /审核通过待发布/);
    assert.equal((await act(s.clerk, id, 'publish')).res.status, 303);
    assert.equal(await isPublic(t, id), true);

    // unpublish: the clerk may not (the machine refuses), the office head needs a reason
    const n = (await events(t, id)).length;
    assert.doesNotMatch((await s.clerk.get(`/console/disclosure/${id}`)).html, /\/unpublish"/);
    assert.equal((await act(s.clerk, id, 'unpublish', { reason: '错误' })).res.status, 400);
    const noReason = await act(s.office, id, 'unpublish', { reason: '  ' });
    assert.equal(noReason.res.status, 400);
    assert.match(noReason.html, /id="f-unpublish-reason-error"[^>]*>.*?撤下已发布的信息须写明理由/s);
    assert.equal((await events(t, id)).length, n);
    assert.equal(await isPublic(t, id), true);
    const down = await act(s.office, id, 'unpublish', { reason: '文件内容需要更正后重新发布' });
    assert.equal(down.res.status, 303);
    assert.equal(await isPublic(t, id), false);
    assert.match(textOf((await s.office.follow(down)).html), /已撤下.*文件内容需要更正后重新发布/s);
    assert.deepEqual((await events(t, id)).slice(n), ['unpublished']);
  });

  it('an edit of a published item goes through the chain again while the public keeps the old version', async () => {
    const t = await openApp(f);
    const s = await staff(t);
    const id = await draft(t, s.clerk);
    await act(s.clerk, id, 'submit');
    await act(s.section, id, 'approve', { step: '0' });
    await act(s.leader, id, 'approve', { step: '1' });
    await act(s.office, id, 'approve', { step: '2', secrecy: '1', publish: '1' });
    const form = await s.clerk.get(`/console/disclosure/${id}/edit`);
    assert.match(textOf(form.html), /修改后须重新经过审核链/);
    assert.match(textOf(form.html), /效力状态不能在此修改/);
    const r = await s.clerk.post(`/console/disclosure/${id}/edit`, {
      ...VALID,
      title: `${VALID.title}（修订）`,
    });
    assert.equal(r.res.status, 303);
    const pub = await t.store.db
      .selectFrom('disclosure_public')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirst();
    assert.equal(pub?.title, VALID.title);
    assert.match(textOf((await s.clerk.get(`/console/disclosure/${id}`)).html), /已发布的版本仍公开/);
    await act(s.clerk, id, 'submit');
    // in review: no edit
    const inReview = await s.clerk.get(`/console/disclosure/${id}/edit`);
    assert.equal(inReview.res.status, 303);
    await act(s.section, id, 'approve', { step: '0' });
    await act(s.leader, id, 'approve', { step: '1' });
    await act(s.office, id, 'approve', { step: '2', secrecy: '1', publish: '1' });
    const pub2 = await t.store.db
      .selectFrom('disclosure_public')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirst();
    assert.equal(pub2?.title, `${VALID.title}（修订）`);
    // validity change of the published policy document
    const v = await act(s.clerk, id, 'validity', { validity: 'repealed', note: '被某建发〔2026〕9号废止' });
    assert.equal(v.res.status, 303);
    const pub3 = await t.store.db
      .selectFrom('disclosure_public')
      .select('validity')
      .where('id', '=', id)
      .executeTakeFirst();
    assert.equal(pub3?.validity, 'repealed');
  });

  it('agency scope: another agency’s staff get 404; a supervisor reads but cannot act (403)', async () => {
    const t = await openApp(f);
    const s = await staff(t);
    const id = await draft(t, s.clerk);
    await addStaff(t.store, t.otherAgencyId, 'clerkB', 'clerk');
    await addStaff(t.store, t.otherAgencyId, 'officeB', 'officeHead');
    await addStaff(t.store, t.governmentId, 'sup', 'supervisor');
    const b = await login(t, 'clerkB');
    const list = await b.get('/console/disclosure');
    assert.equal(list.res.status, 200);
    assert.doesNotMatch(list.html, /加装电梯/);
    assert.equal((await b.get(`/console/disclosure/${id}`)).res.status, 404);
    assert.equal((await b.get(`/console/disclosure/${id}/edit`)).res.status, 404);
    assert.equal((await b.get(`/console/disclosure/${id}/preview`)).res.status, 404);
    assert.equal((await b.get(`/console/disclosure?agency=${t.agencyId}`)).res.status, 404);
    assert.equal((await b.get(`/console/disclosure/guide?agency=${t.agencyId}`)).res.status, 404);
    await b.get('/console/disclosure');
    assert.equal((await b.post(`/console/disclosure/${id}/submit`, { confirm: '1' })).res.status, 404);
    const officeB = await login(t, 'officeB');
    await officeB.get('/console/disclosure');
    assert.equal(
      (await officeB.post(`/console/disclosure/${id}/unpublish`, { confirm: '1', reason: 'x' })).res.status,
      404,
    );

    const sup = await login(t, 'sup');
    const supList = await sup.get(`/console/disclosure?agency=${t.agencyId}`);
    assert.equal(supList.res.status, 200);
    assert.match(supList.html, /加装电梯/);
    assert.doesNotMatch(supList.html, /起草新信息/);
    const supPage = await sup.get(`/console/disclosure/${id}`);
    assert.equal(supPage.res.status, 200);
    assert.match(textOf(supPage.html), /只能查看本信息/);
    assert.equal((await sup.post(`/console/disclosure/${id}/submit`, { confirm: '1' })).res.status, 403);
    assert.equal((await sup.get('/console/disclosure/new')).res.status, 403);
    assert.equal((await sup.get(`/console/disclosure/${id}/edit`)).res.status, 403);
    assert.deepEqual(await events(t, id), ['drafted']);
    // without a session: the login page
    const anon = new Client(t.app);
    const r = await anon.get(`/console/disclosure/${id}`);
    assert.equal(r.res.status, 303);
    assert.match(r.res.headers.get('location') ?? '', /^\/login\?next=/);
  });

  it('the list: filters, my pending reviews and the Art. 26 list with working days', async () => {
    const t = await openApp(f);
    const s = await staff(t);
    // formed 2026-02-02: due 20 working days later (after the Spring Festival holiday), overdue by 2026-03-02?
    const late = await draft(t, s.clerk, {
      ...VALID,
      title: '某区2025年度财政决算公开',
      formedOn: '2026-01-20',
      policyKind: '',
      category: 'art20.7',
      validity: '',
      documentNumber: '',
    });
    // formed so that 2 working days are left on 2026-03-02
    let formed = '2026-03-02';
    while (calendar.addWorkingDays(formed, 20) > calendar.addWorkingDays('2026-03-02', 2))
      formed = new Date(Date.parse(formed) - 86_400_000).toISOString().slice(0, 10);
    const soon = await draft(t, s.clerk, {
      ...VALID,
      title: '城市更新专项规划征求意见',
      formedOn: formed,
      policyKind: '',
      category: 'art20.3',
      validity: '',
      documentNumber: '',
    });
    const fresh = await draft(t, s.clerk);
    await act(s.clerk, fresh, 'submit');
    const list = await s.clerk.get('/console/disclosure');
    const text = textOf(list.html);
    assert.match(text, /公开期限预警/);
    const overdueTable = /已逾期（(\d+)条）(.*?)即将到期|已逾期（(\d+)条）(.*)/s.exec(text);
    assert.ok(overdueTable, text.slice(0, 800));
    assert.match(text, /某区2025年度财政决算公开/);
    assert.match(text, /已逾期\d+个工作日/);
    assert.match(text, /即将到期（1条）.*城市更新专项规划征求意见.*剩余2个工作日/s);
    assert.match(list.html, new RegExp(`href="/console/disclosure/${late}"`));
    assert.match(list.html, new RegExp(`href="/console/disclosure/${soon}"`));
    assert.match(text, /审核中（待股室负责人审核）/);
    // filters
    const cat = await s.clerk.get(`/console/disclosure?agency=${t.agencyId}&category=art20.7`);
    assert.match(textOf(cat.html), /共1条/);
    const inReview = await s.clerk.get('/console/disclosure?status=inReview');
    assert.match(textOf(inReview.html), /共1条/);
    const mineSection = await s.section.get('/console/disclosure?mine=1');
    assert.match(textOf(mineSection.html), /共1条/);
    assert.match(mineSection.html, new RegExp(`href="/console/disclosure/${fresh}"`));
    const mineLeader = await s.leader.get('/console/disclosure?mine=1');
    assert.match(textOf(mineLeader.html), /没有符合条件的信息/);
  });

  it('attachments (PDF kept across an error, wrong type refused) and the sanitiser’s notice', async () => {
    const t = await openApp(f);
    const s = await staff(t);
    await s.clerk.get('/console/disclosure/new');
    const bad = await s.clerk.post('/console/disclosure/new', {
      ...VALID,
      title: '',
      attachments: [tinyPdf(), new File([Buffer.from('hello')], '说明.txt', { type: 'text/plain' })],
    });
    assert.equal(bad.res.status, 400);
    assert.match(
      bad.html,
      /id="f-attachments-error"[^>]*>.*?附件“说明\.txt”不是PDF、Word（DOCX）或Excel（XLSX）文件/s,
    );
    const kept = /name="keep" value="(\d+)" checked/.exec(bad.html);
    assert.ok(kept, 'the uploaded PDF stays with the form');
    const ok = await s.clerk.post('/console/disclosure/new', {
      ...VALID,
      keep: kept[1]!,
      bodyHtml:
        '<p onclick="steal()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>',
    });
    assert.equal(ok.res.status, 303);
    const page = await s.clerk.follow(ok);
    const text = textOf(page.html);
    assert.match(text, /清理了不安全或不支持的内容：.*script/s);
    assert.match(text, /onclick/);
    assert.match(text, /身份证明\.pdf/);
    const id = Number(/\/console\/disclosure\/(\d+)$/.exec(ok.res.headers.get('location')!)![1]);
    const dl = await s.clerk.get(`/console/disclosure/${id}/attachments/${kept[1]}`);
    assert.equal(dl.res.status, 200);
    assert.equal(dl.res.headers.get('content-type'), 'application/pdf');
    const preview = await s.clerk.get(`/console/disclosure/${id}/preview`);
    assert.match(preview.html, /尚未公开/);
    assert.doesNotMatch(preview.html, /<script>alert/);
    assert.doesNotMatch(preview.html, /onclick/);
    // a body with nothing unsafe gives no notice
    const clean = await draft(t, s.clerk, { ...VALID, title: '干净的正文' });
    assert.doesNotMatch(textOf((await s.clerk.get(`/console/disclosure/${clean}`)).html), /清理了/);
  });

  it('guide editor: the office head saves changed sections (audited); others only read', async () => {
    const t = await openApp(f);
    const s = await staff(t);
    const page = await s.office.get('/console/disclosure/guide');
    assert.equal(page.res.status, 200);
    assert.match(page.html, /name="section-office"/);
    const before = await getGuide(t.store, t.agencyId);
    const values: Record<string, string> = {};
    for (const sec of before.sections) values[`section-${sec.key}`] = sec.content;
    values['section-office'] = '办公地址：某区人民路1号\n\n办公时间：工作日 9:00—17:00';
    const r = await s.office.post('/console/disclosure/guide', values);
    assert.equal(r.res.status, 303);
    assert.match(textOf((await s.office.follow(r)).html), /已保存公开指南：政府信息公开工作机构。/);
    const after = await getGuide(t.store, t.agencyId);
    assert.match(after.sections.find((x) => x.key === 'office')!.content, /人民路1号/);
    assert.equal(after.sections.filter((x) => !x.isDefault).length, 1, 'unchanged sections stay default');
    const tooLong = await s.office.post('/console/disclosure/guide', {
      ...values,
      'section-fees': 'x'.repeat(10_001),
    });
    assert.equal(tooLong.res.status, 400);
    assert.match(tooLong.html, /id="f-section-fees-error"[^>]*>.*?收费：不超过10000个字/s);
    const clerkPage = await s.clerk.get('/console/disclosure/guide');
    assert.doesNotMatch(clerkPage.html, /name="section-office"/);
    assert.match(textOf(clerkPage.html), /人民路1号/);
    assert.equal((await s.clerk.post('/console/disclosure/guide', values)).res.status, 403);
    const audits = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'disclosure_guide')
      .execute();
    assert.equal(audits.length, 1);
  });

  it('settings: the office head sets the organisation code and a two-step chain; new submissions use it', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerk', 'clerk');
    await addStaff(t.store, t.agencyId, 'office', 'officeHead');
    const clerk = await login(t, 'clerk');
    const office = await login(t, 'office');
    // no 统一社会信用代码 and no organisation code: the draft cannot get a 索引号
    await clerk.get('/console/disclosure/new');
    const noCode = await clerk.post('/console/disclosure/new', VALID);
    assert.equal(noCode.res.status, 400);
    assert.match(textOf(noCode.html), /索引号：本机关没有统一社会信用代码或组织机构代码/);
    assert.equal((await clerk.get('/console/disclosure/settings')).res.status, 200);
    await clerk.get('/console/disclosure');
    assert.equal((await clerk.post('/console/disclosure/settings', { orgCode: 'X' })).res.status, 403);
    await office.get('/console/disclosure/settings');
    const bad = await office.post('/console/disclosure/settings', {
      indexScheme: '{code}/{year}',
      orgCode: 'abc',
      step0Role: 'sectionHead',
      step0Label: '',
    });
    assert.equal(bad.res.status, 400);
    assert.match(bad.html, /id="f-chain-error"[^>]*>.*?审核链第1级：请填写名称/s);
    assert.match(bad.html, /value="\{code\}\/\{year\}"/);
    const badScheme = await office.post('/console/disclosure/settings', {
      indexScheme: '{code}/{year}',
      orgCode: '',
      step0Role: 'officeHead',
      step0Label: '办公室保密审查',
    });
    assert.equal(badScheme.res.status, 400);
    assert.match(badScheme.html, /id="f-indexScheme-error"[^>]*>.*?索引号规则/s);
    const ok = await office.post('/console/disclosure/settings', {
      indexScheme: '{code}/{year}-{serial:5}',
      orgCode: '00123456-7',
      step0Role: 'sectionHead',
      step0Label: '科室负责人审核',
      step1Role: 'officeHead',
      step1Label: '办公室保密审查',
      topics: '城乡建设\n住房保障',
    });
    assert.equal(ok.res.status, 303, textOf(ok.html).slice(0, 400));
    await addStaff(t.store, t.agencyId, 'section', 'sectionHead');
    const section = await login(t, 'section');
    const id = await draft(t, clerk, { ...VALID, topic: '住房保障' });
    const row = await t.store.db
      .selectFrom('disclosure_item')
      .select('index_number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.index_number, '00123456-7/2026-00001');
    await act(clerk, id, 'submit');
    await act(section, id, 'approve', { step: '0' });
    await act(office, id, 'approve', { step: '1', secrecy: '1', publish: '1' });
    assert.equal(await isPublic(t, id), true);
    // a topic outside the list is refused next to the field
    await clerk.get('/console/disclosure/new');
    const topic = await clerk.post('/console/disclosure/new', { ...VALID, topic: '教育' });
    assert.equal(topic.res.status, 400);
    assert.match(topic.html, /id="f-topic-error"[^>]*>.*?主题分类：应为城乡建设、住房保障之一/s);
  });
});
