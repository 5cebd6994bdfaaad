/**
 * The pure core of proactive disclosure: the review chain (order, roles, returns, publication only
 * after the last approval, unpublication with a reason), revisions of published items, the Art. 26
 * clock (PRO-01), 索引号 schemes, field validation and the body sanitiser.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { findCategory } from '../../src/disclosure/categories.ts';
import { art26Due, clockState } from '../../src/disclosure/clock.ts';
import type { ItemEvent, ReviewStep } from '../../src/disclosure/events.ts';
import { parseItemFields } from '../../src/disclosure/fields.ts';
import {
  DEFAULT_INDEX_SCHEME,
  formatIndexNumber,
  IndexSchemeError,
  parseIndexNumber,
  parseIndexScheme,
} from '../../src/disclosure/indexNumber.ts';
import { appendItemEvent, type ItemAppendResult, projectItem } from '../../src/disclosure/machine.ts';
import { htmlToText, sanitizeHtml } from '../../src/disclosure/sanitize.ts';
import { foldText, queryTerms } from '../../src/disclosure/searchText.ts';
import { actors, calendar, ev, fields } from './helpers.ts';

/** Appends inputs one by one; returns the events and the last result. */
function run(inputs: Record<string, unknown>[], ctx = {}) {
  const events: ItemEvent[] = [];
  let last: ItemAppendResult | null = null;
  for (const input of inputs) {
    last = appendItemEvent(events, input, ctx);
    if (!last.ok) return { events, last };
    events.push(last.event);
  }
  return { events, last: last! };
}

const drafted = ev('drafted', '2026-03-02', actors.clerk, { fields: { issuer: '某区教育局', ...fields() } });
const submitted = ev('submitted', '2026-03-03', actors.clerk);
const ok = (r: ItemAppendResult) => {
  assert.ok(r.ok, r.ok ? '' : `${r.rule} ${r.message}`);
  return r;
};
const refused = (r: ItemAppendResult, rule: string, message: RegExp) => {
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.rule, rule, r.message);
  assert.match(r.message, message);
};

describe('review chain', () => {
  it('goes 股室负责人 → 分管领导 → 办公室 and only then publishes', () => {
    const { events, last } = run([
      drafted,
      submitted,
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-03-04', actors.leader, { step: 1 }),
      ev('approved', '2026-03-04', actors.officeHead, { step: 2 }),
      ev('published', '2026-03-05', actors.clerk),
    ]);
    ok(last);
    const v = projectItem(events, calendar);
    assert.equal(v.status, 'published');
    assert.equal(v.publishedOn, '2026-03-05');
    assert.deepEqual(v.live, v.fields);
    assert.equal(v.clock, null);
    assert.deepEqual(v.latePublications, []);
  });

  it('refuses publication before the last approval, at every step', () => {
    const steps = [
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-03-03', actors.leader, { step: 1 }),
    ];
    for (let n = 0; n <= steps.length; n++) {
      const { events } = run([drafted, submitted, ...steps.slice(0, n)]);
      const r = appendItemEvent(events, ev('published', '2026-03-04', actors.officeHead));
      refused(r, 'DIS-09', /经审核链最后一级批准后才能发布/);
      assert.equal(projectItem(events, calendar).live, null);
    }
    // a draft that was never submitted
    refused(
      appendItemEvent(run([drafted]).events, ev('published', '2026-03-04', actors.clerk)),
      'DIS-09',
      /草稿/,
    );
  });

  it('refuses approving out of order, and a clerk or the wrong role approving, naming the step', () => {
    const { events } = run([drafted, submitted]);
    refused(
      appendItemEvent(events, ev('approved', '2026-03-03', actors.leader, { step: 1 })),
      'DIS-06',
      /审核须按顺序进行：当前应由第1级“股室负责人审核”（股室负责人）审核/,
    );
    refused(
      appendItemEvent(events, ev('approved', '2026-03-03', actors.clerk, { step: 0 })),
      'DIS-07',
      /第1级“股室负责人审核”（股室负责人）只能由股室负责人作出，“承办人”无权审核通过/,
    );
    refused(
      appendItemEvent(events, ev('approved', '2026-03-03', actors.officeHead, { step: 0 })),
      'DIS-07',
      /无权审核通过/,
    );
    refused(
      appendItemEvent(events, ev('approved', '2026-03-03', actors.sectionHead, { step: 5 })),
      'DIS-06',
      /只有3级/,
    );
    // approving a draft that is not in review
    refused(
      appendItemEvent(run([drafted]).events, ev('approved', '2026-03-03', actors.sectionHead, { step: 0 })),
      'DIS-06',
      /不在审核中/,
    );
  });

  it('returns with a comment only; a returned item is edited, resubmitted and reviewed from step 1 again', () => {
    const { events } = run([
      drafted,
      submitted,
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
    ]);
    refused(
      appendItemEvent(events, ev('returned', '2026-03-04', actors.leader, { step: 1 })),
      'DIS-08',
      /退回须写明意见/,
    );
    refused(
      appendItemEvent(events, ev('returned', '2026-03-04', actors.leader, { step: 1, comment: '  ' })),
      'DIS-08',
      /退回须写明意见/,
    );
    const r = run([
      ...[drafted, submitted, ev('approved', '2026-03-03', actors.sectionHead, { step: 0 })],
      ev('returned', '2026-03-04', actors.leader, { step: 1, comment: '请补充政策依据' }),
    ]);
    ok(r.last);
    let v = projectItem(r.events, calendar);
    assert.equal(v.status, 'returned');
    assert.equal(v.lastReturn?.comment, '请补充政策依据');
    refused(appendItemEvent(r.events, ev('published', '2026-03-04', actors.clerk)), 'DIS-09', /已退回/);
    const again = run([
      ...[drafted, submitted, ev('approved', '2026-03-03', actors.sectionHead, { step: 0 })],
      ev('returned', '2026-03-04', actors.leader, { step: 1, comment: '请补充政策依据' }),
      ev('edited', '2026-03-04', actors.clerk, { changes: { bodyHtml: '<p>依据……</p>' } }),
      ev('submitted', '2026-03-05', actors.clerk),
    ]);
    ok(again.last);
    v = projectItem(again.events, calendar);
    assert.equal(v.status, 'inReview');
    assert.deepEqual(v.waitingFor, { step: 0, role: 'sectionHead', label: '股室负责人审核' });
    refused(
      appendItemEvent(again.events, ev('approved', '2026-03-05', actors.leader, { step: 1 })),
      'DIS-06',
      /当前应由第1级/,
    );
  });

  it('refuses edits while in review; an edit after approval needs the whole chain again', () => {
    const { events } = run([drafted, submitted]);
    refused(
      appendItemEvent(events, ev('edited', '2026-03-03', actors.clerk, { changes: { title: '新标题' } })),
      'DIS-04',
      /审核中的信息不能修改/,
    );
    const r = run([
      drafted,
      submitted,
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-03-03', actors.leader, { step: 1 }),
      ev('approved', '2026-03-03', actors.officeHead, { step: 2 }),
      ev('edited', '2026-03-04', actors.clerk, { changes: { title: '新标题' } }),
    ]);
    ok(r.last);
    refused(appendItemEvent(r.events, ev('published', '2026-03-04', actors.clerk)), 'DIS-09', /草稿/);
  });

  it('uses the chain given at submission (configurable per agency)', () => {
    const chain: ReviewStep[] = [
      { role: 'sectionHead', label: '科室审核' },
      { role: 'officeHead', label: '保密审查' },
    ];
    const { events, last } = run([
      drafted,
      ev('submitted', '2026-03-03', actors.clerk, { chain }),
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-03-03', actors.officeHead, { step: 1 }),
      ev('published', '2026-03-03', actors.clerk),
    ]);
    ok(last);
    assert.equal(projectItem(events, calendar).status, 'published');
    // the default chain comes from the context when the input has none
    const d = appendItemEvent(run([drafted]).events, submitted, { defaultChain: chain });
    assert.ok(d.ok && d.event.type === 'submitted' && d.event.chain.length === 2);
  });

  it('keeps the published version public while a revision is reviewed; unpublishing needs a reason', () => {
    const base = [
      drafted,
      submitted,
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-03-03', actors.leader, { step: 1 }),
      ev('approved', '2026-03-03', actors.officeHead, { step: 2 }),
      ev('published', '2026-03-04', actors.clerk),
    ];
    const r = run([
      ...base,
      ev('edited', '2026-03-10', actors.clerk, { changes: { title: '更正后的标题' } }),
      ev('submitted', '2026-03-10', actors.clerk),
    ]);
    ok(r.last);
    const v = projectItem(r.events, calendar);
    assert.equal(v.status, 'inReview');
    assert.equal(v.pendingRevision, true);
    assert.equal(v.live?.title, fields().title);
    assert.equal(v.fields.title, '更正后的标题');
    // the revision keeps the formation date of the published version: no new Art. 26 clock
    assert.equal(v.clock, null);

    const pub = run(base).events;
    refused(appendItemEvent(pub, ev('unpublished', '2026-03-05', actors.officeHead)), 'DIS-12', /须写明理由/);
    refused(
      appendItemEvent(pub, ev('unpublished', '2026-03-05', actors.clerk, { reason: '错误' })),
      'DIS-03',
      /“承办人”无权登记“撤下”/,
    );
    const u = run([
      ...base,
      ev('unpublished', '2026-03-05', actors.officeHead, { reason: '附件含个人信息' }),
    ]);
    ok(u.last);
    const uv = projectItem(u.events, calendar);
    assert.equal(uv.status, 'unpublished');
    assert.equal(uv.live, null);
    assert.deepEqual(uv.unpublished, { on: '2026-03-05', reason: '附件含个人信息' });
    refused(
      appendItemEvent(u.events, ev('unpublished', '2026-03-06', actors.officeHead, { reason: 'x' })),
      'DIS-12',
      /没有公开的版本/,
    );
    refused(appendItemEvent(pub, ev('submitted', '2026-03-06', actors.clerk)), 'DIS-05', /无需送审/);
  });

  it('publishes only 主动公开 items, and a 政策解读 not before its document', () => {
    const chainThrough = [
      submitted,
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-03-03', actors.leader, { step: 1 }),
      ev('approved', '2026-03-03', actors.officeHead, { step: 2 }),
    ];
    const withheld = ev('drafted', '2026-03-02', actors.clerk, {
      fields: {
        issuer: 'x',
        ...fields({ attribute: 'withheld', attributeReason: '条例第十四条：依法确定为国家秘密' }),
      },
    });
    const w = run([withheld, ...chainThrough]);
    ok(w.last);
    refused(appendItemEvent(w.events, ev('published', '2026-03-04', actors.clerk)), 'DIS-10', /不予公开/);
    assert.equal(projectItem(w.events, calendar).clock, null, 'no Art. 26 clock for 不予公开');

    const interp = ev('drafted', '2026-03-02', actors.clerk, {
      fields: { issuer: 'x', ...fields({ title: '解读', interpretsItemId: 7 }) },
    });
    const i = run([interp, ...chainThrough]);
    ok(i.last);
    refused(
      appendItemEvent(i.events, ev('published', '2026-03-04', actors.clerk), { interpretedLive: false }),
      'DIS-11',
      /政策解读须与所解读的文件同步发布/,
    );
    ok(appendItemEvent(i.events, ev('published', '2026-03-04', actors.clerk), { interpretedLive: true }));
  });

  it('refuses events out of date order or dated after they were recorded', () => {
    const { events } = run([drafted]);
    refused(
      appendItemEvent(events, ev('submitted', '2026-03-01', actors.clerk)),
      'DIS-01',
      /不能早于上一事件的日期/,
    );
    refused(
      appendItemEvent(events, {
        ...ev('submitted', '2026-03-10', actors.clerk),
        at: '2026-03-09T10:00:00+08:00',
      }),
      'DIS-01',
      /不能晚于登记日期/,
    );
    refused(appendItemEvent(events, drafted), 'DIS-02', /已经起草/);
    refused(appendItemEvent([], submitted), 'DIS-02', /须先起草/);
  });

  it('changes validity with a date, never by a plain edit once published; amends only policy documents', () => {
    const policy = ev('drafted', '2025-03-02', actors.clerk, {
      fields: {
        issuer: 'x',
        ...fields({
          policyKind: 'normativeDoc',
          category: undefined,
          writtenOn: '2025-03-02',
          formedOn: '2025-03-02',
        }),
      },
    });
    const r = run([
      policy,
      ev('submitted', '2025-03-03', actors.clerk),
      ev('approved', '2025-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2025-03-03', actors.leader, { step: 1 }),
      ev('approved', '2025-03-03', actors.officeHead, { step: 2 }),
      ev('published', '2025-03-04', actors.clerk),
    ]);
    ok(r.last);
    assert.equal(projectItem(r.events, calendar).fields.validity, 'valid');
    assert.equal(projectItem(r.events, calendar).fields.category, 'art20.1');
    refused(
      appendItemEvent(
        r.events,
        ev('edited', '2026-01-05', actors.clerk, {
          changes: { validity: 'repealed', validityOn: '2026-01-05' },
        }),
      ),
      'DIS-13',
      /效力变更/,
    );
    refused(
      appendItemEvent(r.events, ev('validityChanged', '2026-01-05', actors.clerk, { validity: 'valid' })),
      'DIS-13',
      /已经是“有效”/,
    );
    const rep = appendItemEvent(
      r.events,
      ev('validityChanged', '2026-01-05', actors.clerk, {
        validity: 'repealed',
        note: '被某规〔2026〕1号废止',
      }),
    );
    ok(rep);
    if (!rep.ok) return;
    const v = projectItem([...r.events, rep.event], calendar);
    assert.equal(v.live?.validity, 'repealed');
    assert.equal(v.live?.validityOn, '2026-01-05');
    assert.equal(v.status, 'published', 'a validity change keeps the item public');
    refused(
      appendItemEvent(run([drafted]).events, ev('amended', '2026-03-02', actors.clerk, { note: '修订' })),
      'DIS-14',
      /修订只适用于/,
    );
  });
});

describe('Art. 26 clock (PRO-01)', () => {
  it('is 20 working days from the formation date, skipping holidays', () => {
    // 2025-09-30 + 20 working days: the National Day holiday (10-01…10-08) and the make-up day 10-11
    const due = art26Due({ formedOn: '2025-09-30', deadlineOn: null, deadlineBasis: null }, calendar);
    assert.equal(due.dueOn, '2025-11-04');
    assert.match(due.explanation, /20个工作日/);
    assert.equal(calendar.countWorkingDays('2025-09-30', '2025-11-04'), 20);
    // another law's period wins
    const other = art26Due(
      { formedOn: '2025-09-30', deadlineOn: '2025-10-09', deadlineBasis: '《某某法》第十条' },
      calendar,
    );
    assert.equal(other.dueOn, '2025-10-09');
    assert.match(other.explanation, /从其规定/);
  });

  it('reports overdue and at-risk states, and late publications', () => {
    assert.deepEqual(clockState('2026-03-30', '2026-03-31', calendar), {
      dueOn: '2026-03-30',
      workingDaysLeft: 0,
      workingDaysOverdue: 1,
      overdue: true,
      atRisk: false,
    });
    const c = clockState('2026-03-30', '2026-03-23', calendar);
    assert.equal(c.workingDaysLeft, 5);
    assert.equal(c.atRisk, true);
    assert.equal(clockState('2026-03-30', '2026-03-20', calendar).atRisk, false);
    assert.equal(clockState('2026-03-30', '2026-03-30', calendar).workingDaysLeft, 0);

    const { events } = run([
      drafted,
      ev('submitted', '2026-04-10', actors.clerk),
      ev('approved', '2026-04-10', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-04-10', actors.leader, { step: 1 }),
      ev('approved', '2026-04-10', actors.officeHead, { step: 2 }),
      ev('published', '2026-04-10', actors.clerk),
    ]);
    assert.deepEqual(projectItem(events, calendar).latePublications, [
      { on: '2026-04-10', dueOn: '2026-03-30' },
    ]);
  });

  it('restarts for a changed item (a new formation date) and runs until that version is published', () => {
    const published = run([
      drafted,
      submitted,
      ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
      ev('approved', '2026-03-03', actors.leader, { step: 1 }),
      ev('approved', '2026-03-03', actors.officeHead, { step: 2 }),
      ev('published', '2026-03-04', actors.clerk),
      ev('edited', '2026-05-06', actors.clerk, {
        changes: { formedOn: '2026-05-06', bodyHtml: '<p>变更后</p>' },
      }),
    ]);
    ok(published.last);
    const v = projectItem(published.events, calendar);
    assert.equal(v.clock?.formedOn, '2026-05-06');
    assert.equal(v.clock?.dueOn, calendar.addWorkingDays('2026-05-06', 20));
  });
});

describe('索引号', () => {
  it('defaults to code/year-serial with 5 digits', () => {
    const s = parseIndexScheme(DEFAULT_INDEX_SCHEME);
    assert.equal(
      formatIndexNumber(s, { code: '11341702486344515H', year: 2026, serial: 13, category: 'art20.1' }),
      '11341702486344515H/2026-00013',
    );
    assert.deepEqual(parseIndexNumber(s, '11341702486344515H', '11341702486344515H/2026-00013'), {
      year: 2026,
      serial: 13,
    });
    assert.equal(parseIndexNumber(s, '11341702486344515H', 'XX/2026-00013'), null);
  });

  it('takes other schemes, with the Art. 20 item, and refuses broken ones in Chinese', () => {
    const s = parseIndexScheme('{code}-{category}-{year}-{serial:4}');
    assert.equal(
      formatIndexNumber(s, { code: '000014349', year: 2025, serial: 7, category: 'art20.6' }),
      '000014349-06-2025-0007',
    );
    assert.equal(s.perYear, true);
    assert.equal(parseIndexScheme('GK{serial:6}').perYear, false);
    assert.throws(() => parseIndexScheme('{code}/{year}'), /须含且只含一个流水号/);
    assert.throws(() => parseIndexScheme('{code}/{yr}-{serial}'), /不认识的占位符“\{yr\}”/);
    assert.throws(() => parseIndexScheme('{serial:2}'), /3到8位/);
    assert.throws(
      () =>
        formatIndexNumber(parseIndexScheme(DEFAULT_INDEX_SCHEME), {
          code: null,
          year: 2026,
          serial: 1,
          category: 'art20.1',
        }),
      (e) => e instanceof IndexSchemeError && /统一社会信用代码或组织机构代码/.test(e.message),
    );
    assert.throws(
      () =>
        formatIndexNumber(parseIndexScheme('A{serial:3}'), {
          code: null,
          year: 2026,
          serial: 1000,
          category: 'x',
        }),
      /超过3位/,
    );
  });

  it('round-trips any serial through format and parse', () => {
    const s = parseIndexScheme(DEFAULT_INDEX_SCHEME);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99999 }),
        fc.integer({ min: 1990, max: 2099 }),
        (serial, year) => {
          const n = formatIndexNumber(s, { code: 'ABC', year, serial, category: 'art20.1' });
          assert.deepEqual(parseIndexNumber(s, 'ABC', n), { year, serial });
        },
      ),
    );
  });
});

describe('fields', () => {
  it('names the field in every message and checks the rules between fields', () => {
    const r = parseItemFields({
      issuer: 'x',
      ...fields({ title: '', formedOn: '2026-02-30', category: 'nope' }),
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const msgs = r.errors.map((e) => e.message);
    assert.ok(msgs.includes('标题：必填'), msgs.join('|'));
    assert.ok(msgs.some((m) => m.startsWith('形成或变更日期：须为有效日期')));
    assert.ok(msgs.some((m) => m.startsWith('公开类别：')));
    const w = parseItemFields({ issuer: 'x', ...fields({ attribute: 'withheld' }) });
    assert.ok(!w.ok && w.errors.some((e) => e.path === 'attributeReason' && /法定理由/.test(e.message)));
    const p = parseItemFields({
      issuer: 'x',
      ...fields({ policyKind: 'normativeDoc', documentNumber: '', category: 'art20.1' }),
    });
    assert.ok(!p.ok && p.errors.some((e) => e.message === '文号：行政规范性文件须填写文号'));
    const v = parseItemFields({ issuer: 'x', ...fields({ validity: 'repealed' }) });
    assert.ok(!v.ok && v.errors.some((e) => /“废止”时须填写日期/.test(e.message)));
  });

  it('finds categories from what spreadsheets say', () => {
    assert.equal(findCategory('（一）'), 'art20.1');
    assert.equal(findCategory('第二十条第（十一）项'), 'art20.11');
    assert.equal(findCategory('15'), 'art20.15');
    assert.equal(findCategory('财政预算、决算信息'), 'art20.7');
    assert.equal(findCategory('房屋征收'), 'art21.housingExpropriation');
    assert.equal(findCategory('规范性文件'), 'art20.1');
    assert.equal(findCategory('其他乱写'), null);
  });
});

describe('body sanitiser', () => {
  it('keeps the allow-list, drops scripts and unsafe URLs, escapes everything, and is idempotent', () => {
    const dirty =
      '<p style="text-align:center;color:red" onclick="x()">标题&lt;1&gt;</p><script>alert(1)</script>' +
      '<a href="javascript:alert(1)">坏</a><a href=" https://gov.cn/a?b=1&c=2" target="_blank">好</a>' +
      '<img src="data:image/png;base64,xx" onerror="y"><img src="/f.png" alt="图"><o:p>word</o:p>' +
      '<table><tr><td colspan="2" rowspan="x">a</td><td>b</td></tr></table><!-- c -->' +
      '<iframe src="x">i</iframe><svg><script>1</script></svg><font color=red>红</font><br/>尾 "q" &amp;' +
      '<a href="JaVa\tScRiPt:alert(1)">x</a><style>p{}</style><form><input value=1></form>';
    const clean = sanitizeHtml(dirty);
    assert.equal(
      clean,
      '<p style="text-align: center">标题&lt;1&gt;</p><a>坏</a><a href="https://gov.cn/a?b=1&amp;c=2" rel="noopener noreferrer">好</a>' +
        '<img src="/f.png" alt="图">word<table><tr><td colspan="2">a</td><td>b</td></tr></table>红<br>尾 "q" &amp;<a>x</a>',
    );
    assert.equal(sanitizeHtml(clean), clean);
    assert.equal(htmlToText(clean), '标题<1>\n坏好word\na b\n红\n尾 "q" &x');
  });

  it('never lets a tag or an event handler through (random input)', () => {
    const pieces = [
      '<',
      '>',
      '"',
      "'",
      '=',
      'script',
      'img',
      'a',
      'href',
      'onerror',
      'javascript:',
      'src',
      ' ',
      '/',
      '信息',
      '&',
      'p',
      'style',
      'iframe',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const out = sanitizeHtml(parts.join(''));
        // parse the output as a browser would: text such as "&lt; onerror=" is harmless, elements are not
        const $ = cheerio.load(out);
        assert.equal($('script, iframe, style').length, 0, out);
        $('*').each((_, el) => {
          for (const [name, value] of Object.entries(
            (el as { attribs?: Record<string, string> }).attribs ?? {},
          )) {
            assert.ok(!/^on/i.test(name), `${out}: attribute ${name}`);
            if (/^(href|src)$/i.test(name))
              assert.ok(!/^\s*javascript:/i.test(value), `${out}: ${name}=${value}`);
          }
        });
        assert.ok(!/<(script|iframe|style)/i.test(out), out);
        assert.equal(sanitizeHtml(out), out);
      }),
      { numRuns: 500, examples: [[['<', ' ', 'onerror', '=']]] },
    );
  });
});

describe('search text folding', () => {
  it('folds every code point (NFKC, lower case, controls to spaces) — the fast path changes nothing', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the reference names them
    const control = /^[\u0000-\u001f\u007f]$/;
    const naive = (x: string) => {
      let o = '';
      for (const ch of x)
        o += control.test(ch) ? (ch === '\n' ? '\n' : ' ') : ch.normalize('NFKC').toLowerCase();
      return o;
    };
    for (const unit of ['binary', 'grapheme'] as const)
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 40 }), (x) => assert.equal(foldText(x), naive(x))),
        { numRuns: 3000 },
      );
    assert.equal(foldText('ＡＢＣ\t（2025）〔2025〕某府发'), 'abc (2025)〔2025〕某府发');
    assert.deepEqual(queryTerms('  信息公开　ＡＢＣ 公开  abc '), ['信息公开', 'abc']);
  });
});
