/**
 * Letters (src/cases/letters/): one template per outcome and procedural notice (spec §6.1), the
 * remedy notice (spec §6.2: 复议前置 DOC-01, reviewing body DOC-02), document numbers, template
 * overrides, and the DOCX read back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mammoth from 'mammoth';
import { validateApplication } from '../../src/cases/intake.ts';
import {
  type AgencyProfile,
  DEFAULT_TEMPLATES,
  formatDocNumber,
  formatLetterDate,
  LETTER_KINDS,
  type LetterData,
  LetterDataError,
  type LetterTemplate,
  type LetterValues,
  letterForOutcome,
  letterText,
  letterValuesFromCase,
  PROCEDURAL_LETTERS,
  parseDocNumber,
  parseLetterTemplate,
  parseRemedyTexts,
  REMEDY_TEXTS,
  renderLetter,
  renderLetterDocx,
  replyKind,
  reviewBodyFor,
  templateFor,
} from '../../src/cases/letters/index.ts';
import { project } from '../../src/cases/machine.ts';
import { OUTCOME_CODES, OUTCOMES, REVIEW_FIRST_OUTCOMES } from '../../src/cases/outcomes.ts';
import { docxToIr } from '../../src/report/parse/docx.ts';
import { ZipReader } from '../../src/report/parse/zip.ts';
import { calendar, ev, officeHead, record, run } from './helpers.ts';

const department: AgencyProfile = {
  name: '某市科学技术和工业局',
  kind: 'department',
  docAbbr: '某科工',
  parentGovernment: '某市人民政府',
};

/** A value for every data placeholder, so that every paragraph of every template is printed. */
const ALL_VALUES: LetterValues = {
  applicantName: '张三',
  caseNumber: '2026-00012',
  channel: '互联网渠道',
  receivedDate: '2026-02-10',
  informationDescription: '2025年某产业园区规划调整的请示及批复',
  dueDate: '2026-03-10',
  grounds: '该信息属于本机关内部研究过程中形成的请示报告',
  deliveryMethod: '现以电子文本形式通过电子邮件发送给您',
  providedContent: '《某产业园区规划调整方案》',
  withheldContent: '方案附件中企业职工的个人信息',
  accessChannel: '本机关门户网站“政府信息公开”栏目',
  searchScope: '本机关2020年以来的发文和收文',
  referredAgency: '某市自然资源和规划局',
  referredAgencyContact: '0000-12345678',
  specialLaw: '《不动产登记暂行条例》',
  previousReplyDate: '2025-12-01',
  previousReplyNumber: '某科工公开〔2025〕88号',
  properChannel: '12345政务服务便民热线',
  withdrawnDate: '2026-02-20',
  terminationReason: '您逾期未缴纳信息处理费',
  legalBasis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
  correctionItems: ['请写明所需信息的名称或者文号', '请提供身份证明'],
  correctionRequestedDate: '2026-02-12',
  correctionReceivedDate: '2026-02-20',
  guidance: '可参照本机关政府信息公开指南填写',
  extensionDays: 20,
  extensionReason: '申请公开的信息需要调阅档案',
  partyName: '某科技有限公司',
  partyKind: '第三方',
  consultationSentDate: '2026-02-15',
  consultationMatter: '商业秘密',
  disclosureContent: '项目补助资金的金额和用途',
  publicInterestReasons: '该信息涉及财政资金使用，不公开会对公共利益造成重大影响',
  feeMethod: '按件计收',
  feeStandard: '国办函〔2020〕109号第四条',
  feeAmount: 200,
  feeNoticeDate: '2026-02-16',
  paymentMethod: '通过非税收入缴款通知书缴纳',
};

const data = (agency: AgencyProfile = department, values: LetterValues = ALL_VALUES): LetterData => ({
  agency,
  issuedOn: '2026-03-05',
  docNumber: { seq: 12 },
  values,
});

/** The rendered review-first / review-or-litigation sentence for an agency. */
const remedySentence = (kind: 'reviewFirst' | 'reviewOrLitigation', body: string, noun = '答复书') =>
  REMEDY_TEXTS[kind]
    .replaceAll('{{letterNoun}}', noun)
    .replaceAll('{{reviewBody}}', body)
    .replaceAll('{{court}}', '人民法院');

/** The last paragraph of document.xml whose text is exactly `text`. */
function paragraphXml(xml: string, text: string): string {
  const found = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs)]
    .map((m) => m[0])
    .filter((p) => p.includes(`>${text}</w:t>`));
  assert.ok(found.length > 0, `a paragraph with ${text}`);
  return found.at(-1)!;
}

/** The paragraphs of a DOCX as the project's reader and mammoth see them. */
async function readBack(buf: Buffer): Promise<{ ir: string[]; mammoth: string }> {
  const ir = docxToIr(buf).blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
  const raw = (await mammoth.extractRawText({ buffer: buf })).value;
  return { ir, mammoth: raw };
}

// ---------------------------------------------------------------------------------------------

describe('letters: one reply per outcome, with its article and remedy (spec §6.1, DOC-01)', () => {
  it('every outcome and procedural kind has a template', () => {
    assert.equal(LETTER_KINDS.length, Object.keys(PROCEDURAL_LETTERS).length + OUTCOME_CODES.length);
    for (const k of LETTER_KINDS) assert.equal(DEFAULT_TEMPLATES[k].kind, k);
    for (const o of OUTCOME_CODES) assert.equal(letterForOutcome(o).kind, replyKind(o));
  });

  for (const outcome of OUTCOME_CODES) {
    it(`${outcome}（${OUTCOMES[outcome].label}）: article and remedy, as text and as DOCX`, async () => {
      const template = letterForOutcome(outcome);
      const letter = renderLetter(template, data());
      const text = letterText(letter);
      const buf = await renderLetterDocx(template, data());
      const back = await readBack(buf);
      const docText = back.ir.join('\n');

      for (const t of [text, docText, back.mammoth]) {
        const article = OUTCOMES[outcome].article;
        if (article !== '') assert.ok(t.includes(article), `${outcome}: article ${article}`);
        if (article.startsWith('第'))
          assert.ok(t.includes(`《中华人民共和国政府信息公开条例》${article}`), `${outcome}: 条例${article}`);
        assert.ok(t.includes('某科工公开〔2026〕12号'));
        assert.ok(t.includes('行政复议'));
        assert.ok(t.includes('某市人民政府'));
        assert.ok(!t.includes('上级主管部门或者本级人民政府'));
        if (REVIEW_FIRST_OUTCOMES.has(outcome)) {
          assert.equal(template.remedy, 'reviewFirst');
          assert.ok(
            t.includes(remedySentence('reviewFirst', '某市人民政府')),
            `${outcome}: review-first sentence`,
          );
          assert.ok(t.includes('先申请行政复议'));
          assert.ok(!/六个月|6个月/.test(t), `${outcome}: no direct lawsuit within six months`);
          assert.ok(!t.includes('也可以'), `${outcome}: no alternative to review`);
        } else {
          assert.equal(template.remedy, 'reviewOrLitigation');
          assert.ok(t.includes(remedySentence('reviewOrLitigation', '某市人民政府', letter.title.slice(-3))));
          assert.ok(t.includes('六十日内向某市人民政府申请行政复议'));
          assert.ok(t.includes('六个月内向人民法院提起行政诉讼'));
          assert.ok(!t.includes('先申请行政复议'));
        }
      }
      // the DOCX holds exactly the rendered text, paragraph by paragraph
      assert.deepEqual(back.ir, [
        letter.heading,
        letter.docNumber,
        ...letter.paragraphs,
        '某市科学技术和工业局',
        '2026年3月5日',
      ]);
      assert.equal(letter.paragraphs[0], '张三：');
      assert.ok(!letter.paragraphs.some((p) => p.includes('{{') || p.includes('}}') || p.includes('【')));
    });
  }

  it('the remedy notice stands before the closing line', () => {
    const l = renderLetter(letterForOutcome('withheldStateSecret'), data());
    assert.equal(l.paragraphs.at(-1), '特此答复。');
    assert.equal(l.paragraphs.at(-2), l.remedy);
  });

  it('a partial disclosure names what is withheld, its reasons, and review first', () => {
    const l = renderLetter(letterForOutcome('partlyDisclosed'), data());
    const t = letterText(l);
    assert.match(t, /第三十七条的规定，本机关向您提供可以公开的政府信息内容：《某产业园区规划调整方案》/);
    assert.match(t, /对其中方案附件中企业职工的个人信息，本机关不予公开，理由是：/);
    assert.match(t, /应当先申请行政复议/);
  });
});

describe('letters: procedural notices (spec §6.1)', () => {
  const kinds = Object.keys(PROCEDURAL_LETTERS) as (keyof typeof PROCEDURAL_LETTERS)[];
  for (const kind of kinds) {
    it(`${kind}（${PROCEDURAL_LETTERS[kind].label}）renders, cites its 2019 article and the right remedy`, async () => {
      const t = templateFor(kind);
      const d = { ...data(), ...(t.docNumberPrefix === undefined ? { docNumber: undefined } : {}) };
      const l = renderLetter(t, d);
      const text = letterText(l);
      if (kind === 'terminationNotice') assert.ok(text.includes(String(ALL_VALUES.legalBasis)));
      else {
        const art = /条例第([一二三四五六七八九十]+条)/.exec(PROCEDURAL_LETTERS[kind].article)![1]!;
        assert.ok(text.includes(`《中华人民共和国政府信息公开条例》第${art}`), `${kind}: 第${art}`);
      }
      if (t.remedy === 'none') assert.ok(!text.includes('行政复议'), kind);
      else
        assert.ok(
          text.includes(remedySentence('reviewOrLitigation', '某市人民政府', l.title.slice(-3))),
          kind,
        );
      const back = await readBack(await renderLetterDocx(t, d));
      assert.deepEqual(back.ir.slice(l.docNumber ? 2 : 1, -2), l.paragraphs);
    });
  }

  it('correction notice: one list of every item, the deadline and the consequence (条例第三十条)', () => {
    const l = renderLetter(templateFor('correctionNotice'), data());
    assert.equal(l.docNumber, '某科工公开告〔2026〕12号');
    const i = l.paragraphs.indexOf('（一）请写明所需信息的名称或者文号；');
    assert.ok(i > 0);
    assert.equal(l.paragraphs[i + 1], '（二）请提供身份证明。');
    assert.match(letterText(l), /请您于2026年3月10日前.*视为放弃申请，本机关不再处理该政府信息公开申请/);
  });

  it('consultation letters: 15 working days; silence means consent only for a co-author agency', () => {
    const third = letterText(renderLetter(templateFor('consultationLetter'), data()));
    assert.match(third, /^某科技有限公司：$/m);
    assert.match(third, /第三十二条.*15个工作日内提出书面意见/);
    assert.ok(!third.includes('视为同意公开'));
    const agency = letterText(renderLetter(templateFor('consultationLetterAgency'), data()));
    assert.match(agency, /第三十四条/);
    assert.match(agency, /逾期未提出意见的，视为同意公开/);
  });

  it('the fee notice states basis, method, amount and the 20 working days, with no remedy', () => {
    const l = renderLetter(templateFor('feeNotice'), data());
    const t = letterText(l);
    assert.match(t, /第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）/);
    assert.match(t, /应缴金额：人民币200元。/);
    assert.match(t, /自收到本通知书次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请/);
    assert.equal(l.remedy, null);
  });
});

describe('letters: the reviewing body (DOC-02, 行政复议法2023)', () => {
  it('a department → the people’s government at the same level', () => {
    const r = reviewBodyFor(department);
    assert.deepEqual(r.bodies, ['某市人民政府']);
    assert.match(r.basis, /第二十四条第一款第（一）项/);
  });

  it('a government → the government at the next level up', () => {
    const county: AgencyProfile = {
      name: '某县人民政府',
      kind: 'government',
      parentGovernment: '某市人民政府',
    };
    assert.equal(reviewBodyFor(county).text, '某市人民政府');
    assert.match(reviewBodyFor(county).basis, /第二十四条第一款第（二）项/);
    const t = letterText(
      renderLetter(letterForOutcome('withheldSecurity'), data({ ...county, docAbbr: '某县政' })),
    );
    assert.ok(t.includes('六十日内向某市人民政府申请行政复议'));
    assert.ok(t.includes('某县政公开〔2026〕12号'));
  });

  it('a department and a government of the same place name different bodies', () => {
    const dept: AgencyProfile = { name: '某县教育局', kind: 'department', parentGovernment: '某县人民政府' };
    const gov: AgencyProfile = { name: '某县人民政府', kind: 'government', parentGovernment: '某市人民政府' };
    const tDept = letterText(
      renderLetter(letterForOutcome('notHeld'), { ...data(dept), docNumber: undefined }),
    );
    const tGov = letterText(
      renderLetter(letterForOutcome('notHeld'), { ...data(gov), docNumber: undefined }),
    );
    assert.ok(tDept.includes('向某县人民政府申请行政复议'));
    assert.ok(tGov.includes('向某市人民政府申请行政复议'));
    assert.ok(!tGov.includes('向某县人民政府申请行政复议'));
  });

  it('a township → the county government; vertical bodies → the next higher authority', () => {
    assert.equal(
      reviewBodyFor({ name: '某镇人民政府', kind: 'township', parentGovernment: '某县人民政府' }).text,
      '某县人民政府',
    );
    const tax: AgencyProfile = {
      name: '国家税务总局某市税务局',
      kind: 'department',
      parentGovernment: '某市人民政府',
      vertical: true,
      superiorAuthority: '国家税务总局某省税务局',
    };
    assert.equal(reviewBodyFor(tax).text, '国家税务总局某省税务局');
    assert.match(reviewBodyFor(tax).basis, /第二十七条/);
  });

  it('a provincial government reviews its own acts; a 司法行政部门 gives a choice (第二十八条)', () => {
    assert.equal(
      reviewBodyFor({ name: '某省人民政府', kind: 'government', reviewsOwnActs: true }).text,
      '某省人民政府',
    );
    const justice: AgencyProfile = {
      name: '某市司法局',
      kind: 'department',
      parentGovernment: '某市人民政府',
      alternativeReviewBody: '某省司法厅',
    };
    assert.equal(reviewBodyFor(justice).text, '某市人民政府或者某省司法厅');
  });

  it('a missing configuration is a Chinese error naming what is missing, never a guess', () => {
    assert.throws(
      () => reviewBodyFor({ name: '某市统计局', kind: 'department' }),
      (e: Error) => e instanceof LetterDataError && /未配置本级人民政府/.test(e.message),
    );
    assert.throws(
      () => reviewBodyFor({ name: '某海关', kind: 'department', vertical: true }),
      /未配置上一级主管部门（行政复议法第二十七条）/,
    );
    assert.throws(
      () =>
        renderLetter(
          letterForOutcome('disclosed'),
          data({ name: '某市统计局', kind: 'department', docAbbr: '某统' }),
        ),
      /行政复议机关.*未配置本级人民政府/,
    );
  });
});

describe('letters: no 2007-era references, no pre-2024 remedy wording', () => {
  const texts = [
    ...LETTER_KINDS.flatMap((k) => {
      const t = DEFAULT_TEMPLATES[k];
      return [t.title, t.docNumberPrefix ?? '', ...t.paragraphs].map((s) => ({ k, s }));
    }),
    { k: 'remedy', s: REMEDY_TEXTS.reviewFirst },
    { k: 'remedy', s: REMEDY_TEXTS.reviewOrLitigation },
  ];

  it('no template cites 第八条, 2007 第十四条第四款 or the pre-2024 reviewing body', () => {
    for (const { k, s } of texts) {
      for (const bad of [
        '第八条',
        '第十四条第四款',
        '上级主管部门或者本级人民政府',
        '上级主管部门',
        '特殊需要',
      ])
        assert.ok(!s.includes(bad), `${k}: ${bad} in “${s}”`);
      assert.ok(!/(?:15|十五)个工作日内(?:予以)?答复/.test(s), `${k}: the 2007 reply period`);
      // 2007 numbering of the reply types (Art. 21) and the reply period (Art. 24)
      assert.ok(!/条例》?第二十[一四]条/.test(s), `${k}: 2007 article in “${s}”`);
    }
  });

  it('every article of the Regulations cited exists in the 2019 text (Art. 1–56)', () => {
    const cn = (s: string) => {
      const d = '一二三四五六七八九';
      const m = /^(?:([一二三四五六七八九])?十)?([一二三四五六七八九])?$/.exec(s)!;
      if (!s.includes('十')) return d.indexOf(s) + 1;
      return (m[1] ? d.indexOf(m[1]) + 1 : 1) * 10 + (m[2] ? d.indexOf(m[2]) + 1 : 0);
    };
    // every 第…条 of the templates and outcomes but those of the 行政复议法 (remedy texts)
    const all = [
      ...texts.filter((t) => t.k !== 'remedy').map((t) => t.s),
      ...OUTCOME_CODES.map((o) => OUTCOMES[o].article),
    ].join('\n');
    const cited = [...all.matchAll(/第([一二三四五六七八九十]+)条/g)].map((m) => cn(m[1]!));
    assert.ok(cited.length > 30, String(cited.length));
    for (const n of cited) assert.ok(n >= 1 && n <= 56, `第${n}条`);
  });

  it('the schema refuses outdated wording in an edited template', () => {
    const r = parseLetterTemplate({
      ...DEFAULT_TEMPLATES['reply:disclosed'],
      paragraphs: [
        '{{applicantName}}：',
        '根据《中华人民共和国政府信息公开条例》第八条的规定……',
        '可以向上级主管部门或者本级人民政府申请行政复议。',
      ],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(r.errors.some((e) => e.path === 'paragraphs.1' && /2007年条例/.test(e.message)));
    assert.ok(r.errors.some((e) => e.path === 'paragraphs.2' && /2024年以前的复议机关表述/.test(e.message)));
  });
});

describe('letters: templates an agency edits', () => {
  const base: LetterTemplate = DEFAULT_TEMPLATES['reply:notHeld'];

  it('every default template passes its own schema', () => {
    for (const k of LETTER_KINDS) {
      const r = parseLetterTemplate(DEFAULT_TEMPLATES[k]);
      assert.ok(r.ok, `${k}: ${r.ok ? '' : JSON.stringify(r.errors)}`);
    }
  });

  it('an unknown placeholder is refused with a Chinese message naming it', () => {
    const r = parseLetterTemplate({ ...base, paragraphs: [...base.paragraphs, '承办人：{{handlerName}}'] });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.message.includes('{{handlerName}}'));
    assert.ok(e, JSON.stringify(r.errors));
    assert.equal(e.path, `paragraphs.${base.paragraphs.length}`);
    assert.match(e.message, /^模板“政府信息公开申请答复书”第\d+段：未知的占位符“\{\{handlerName\}\}”/);
  });

  it('broken braces, placeholders in the title, and misplaced auto placeholders are refused', () => {
    const cases: [Partial<LetterTemplate>, RegExp][] = [
      [{ paragraphs: ['{{applicantName}：'] }, /占位符不完整/],
      [{ title: '{{agencyName}}答复书' }, /标题：不能使用占位符“\{\{agencyName\}\}”/],
      [{ docNumberPrefix: '{{caseNumber}}公开' }, /发文字号：不能使用占位符/],
      [
        { kind: 'correctionNotice', remedy: 'none', paragraphs: ['依据{{article}}'] },
        /只能用于有法定条款的答复模板/,
      ],
      [{ kind: 'reply:withdrawn', paragraphs: ['依据{{article}}'] }, /只能用于有法定条款的答复模板/],
      [{ kind: 'correctionNotice', remedy: 'none', paragraphs: ['{{remedyNotice}}'] }, /救济途径为“不告知”/],
    ];
    for (const [patch, re] of cases) {
      const r = parseLetterTemplate({ ...base, ...patch });
      assert.equal(r.ok, false, JSON.stringify(patch));
      if (!r.ok)
        assert.ok(
          r.errors.some((e) => re.test(e.message)),
          `${re}: ${JSON.stringify(r.errors)}`,
        );
    }
  });

  it('DOC-01 cannot be edited away: a refusal keeps 复议前置, other replies cannot claim it', () => {
    const refusal = parseLetterTemplate({
      ...DEFAULT_TEMPLATES['reply:withheldThirdParty'],
      remedy: 'reviewOrLitigation',
    });
    assert.equal(refusal.ok, false);
    if (!refusal.ok)
      assert.match(refusal.errors[0]!.message, /必须告知先申请行政复议（行政复议法第二十三条，DOC-01）/);
    const disclosed = parseLetterTemplate({ ...DEFAULT_TEMPLATES['reply:disclosed'], remedy: 'reviewFirst' });
    assert.equal(disclosed.ok, false);
  });

  it('field errors are Chinese and name the field', () => {
    const r = parseLetterTemplate({
      kind: 'nope',
      title: '',
      version: 'v2',
      effectiveFrom: '2026-02-30',
      paragraphs: [],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const msgs = r.errors.map((e) => e.message);
    for (const m of [
      '文书类型：无效',
      '文书标题：必填',
      '生效日期：须为有效日期（YYYY-MM-DD）',
      '段落：至少一段',
    ])
      assert.ok(msgs.includes(m), `${m} in ${msgs.join(' | ')}`);
    assert.ok(msgs.some((m) => m.startsWith('救济途径：')));
  });

  it('an accepted override is used from its effective date; before it, the default', () => {
    const r = parseLetterTemplate({
      ...base,
      version: '某科工-2026.1',
      effectiveFrom: '2026-04-01',
      paragraphs: [
        '{{applicantName}}：',
        '您于{{receivedDate}}申请的“{{informationDescription}}”，经本机关检索{{searchScope}}，未找到。依据《中华人民共和国政府信息公开条例》{{article}}，该信息不存在。',
        '{{remedyNotice}}',
        '特此告知。',
      ],
    });
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
    if (!r.ok) return;
    const overrides = [r.value];
    assert.equal(
      letterForOutcome('notHeld', { overrides, on: '2026-03-31' }),
      DEFAULT_TEMPLATES['reply:notHeld'],
    );
    const t = letterForOutcome('notHeld', { overrides, on: '2026-04-01' });
    assert.equal(t.version, '某科工-2026.1');
    const l = renderLetter(t, { ...data(), issuedOn: '2026-04-02' });
    assert.match(
      l.paragraphs[1]!,
      /经本机关检索本机关2020年以来的发文和收文，未找到。依据《中华人民共和国政府信息公开条例》第三十六条第（四）项/,
    );
    assert.equal(l.paragraphs[2], remedySentence('reviewOrLitigation', '某市人民政府'));
    assert.throws(() => templateFor('receipt', { on: '2023-12-31' }), /没有2023-12-31适用的“登记回执”模板/);
  });

  it('remedy texts an agency edits keep DOC-01 and DOC-02', () => {
    assert.ok(parseRemedyTexts(REMEDY_TEXTS).ok);
    const bad = parseRemedyTexts({
      reviewFirst: '如不服，可以在六十日内向{{reviewBody}}申请行政复议，或者在六个月内提起行政诉讼。',
      reviewOrLitigation: '如不服，可以在六十日内向上级主管部门或者本级人民政府申请行政复议。',
    });
    assert.equal(bad.ok, false);
    if (bad.ok) return;
    const msgs = bad.errors.map((e) => `${e.path} ${e.message}`);
    assert.ok(msgs.some((m) => m.startsWith('reviewFirst') && m.includes('须告知先申请行政复议')));
    assert.ok(msgs.some((m) => m.startsWith('reviewFirst') && m.includes('不能告知直接提起行政诉讼')));
    assert.ok(msgs.some((m) => m.startsWith('reviewOrLitigation') && m.includes('须写明行政复议机关')));
    assert.ok(msgs.some((m) => m.startsWith('reviewOrLitigation') && m.includes('六个月')));
    assert.ok(msgs.some((m) => m.startsWith('reviewOrLitigation') && m.includes('2024年以前')));
  });
});

describe('letters: data, numbers, dates', () => {
  it('formatDocNumber writes 〔〕 and no leading zeros; parseDocNumber reads it back', () => {
    assert.equal(formatDocNumber({ prefix: '某科工公开', year: 2026, seq: 12 }), '某科工公开〔2026〕12号');
    assert.deepEqual(parseDocNumber('某科工公开〔2026〕12号'), { prefix: '某科工公开', year: 2026, seq: 12 });
    assert.deepEqual(parseDocNumber('某科工公开[2026]第012号'), {
      prefix: '某科工公开',
      year: 2026,
      seq: 12,
    });
    assert.equal(parseDocNumber('某科工公开2026年12号'), null);
    assert.throws(() => formatDocNumber({ prefix: '某科工', year: 26, seq: 1 }), /年份“26”应为四位公元年份/);
    assert.throws(() => formatDocNumber({ prefix: '某科工', year: 2026, seq: 0 }), /顺序号“0”应为正整数/);
    assert.throws(() => formatDocNumber({ prefix: '某科工〔', year: 2026, seq: 1 }), /不能含括号/);
  });

  it('dates: GB/T 9704-2012 Arabic numerals by default, Chinese numerals on request', () => {
    assert.equal(formatLetterDate('2026-03-05'), '2026年3月5日');
    assert.equal(formatLetterDate('2026-10-20', 'chinese'), '二〇二六年十月二十日');
    assert.equal(formatLetterDate('2026-12-31', 'chinese'), '二〇二六年十二月三十一日');
    const l = renderLetter(letterForOutcome('disclosed'), data(), { dateStyle: 'chinese' });
    assert.equal(l.signature.date, '二〇二六年三月五日');
    assert.match(l.paragraphs[1]!, /本机关于二〇二六年二月十日收到/);
  });

  it('missing values fail with their Chinese names; lenient drafts show them in 【】', () => {
    const values = { ...ALL_VALUES, grounds: undefined, applicantName: '  ' };
    assert.throws(
      () => renderLetter(letterForOutcome('withheldSecurity'), data(department, values)),
      (e: Error) =>
        e instanceof LetterDataError &&
        e.problems.includes('缺少理由（{{grounds}}）') &&
        e.problems.includes('缺少申请人姓名或者名称（{{applicantName}}）'),
    );
    const draft = renderLetter(letterForOutcome('withheldSecurity'), data(department, values), {
      lenient: true,
    });
    assert.equal(draft.paragraphs[0], '【申请人姓名或者名称】：');
    assert.ok(draft.paragraphs.includes('不予公开的理由：【理由】。'));
    assert.throws(
      () =>
        renderLetter(
          letterForOutcome('disclosed'),
          data(department, { ...ALL_VALUES, receivedDate: '2026-2-1' }),
        ),
      /收到申请日期：须为有效日期/,
    );
  });

  it('a draft of an agency without its reviewing body shows the gap instead of guessing', () => {
    const agency: AgencyProfile = { name: '某市统计局', kind: 'department', docAbbr: '某统' };
    const draft = renderLetter(letterForOutcome('withheldSecurity'), data(agency), { lenient: true });
    assert.ok(draft.remedy?.includes('六十日内向【行政复议机关】申请行政复议'));
    assert.ok(!draft.remedy?.includes('本级人民政府'));
  });

  it('optional paragraphs are left out without their value (条例第三十六条第（五）项: “能够确定的”)', () => {
    const { referredAgency: _a, referredAgencyContact: _c, ...values } = ALL_VALUES;
    const l = renderLetter(letterForOutcome('notResponsible'), data(department, values));
    assert.ok(!letterText(l).includes('负责公开该政府信息的行政机关为'));
    const full = renderLetter(letterForOutcome('notResponsible'), data());
    assert.ok(
      full.paragraphs.includes(
        '负责公开该政府信息的行政机关为某市自然资源和规划局，您可以向该机关提出申请。',
      ),
    );
  });

  it('a value’s final punctuation gives way to the template’s', () => {
    const l = renderLetter(
      letterForOutcome('withheldProcess'),
      data(department, { ...ALL_VALUES, grounds: '尚未形成最终决定。' }),
    );
    assert.ok(l.paragraphs.includes('不予公开的理由：尚未形成最终决定。'));
  });

  it('an unnumbered letter has no 发文字号; a number needs the agency’s 机关代字', () => {
    assert.equal(renderLetter(templateFor('receipt'), { ...data(), docNumber: undefined }).docNumber, null);
    assert.throws(
      () => renderLetter(letterForOutcome('disclosed'), data({ ...department, docAbbr: undefined })),
      /发文字号：机关“某市科学技术和工业局”未配置机关代字/,
    );
    const own = renderLetter(letterForOutcome('disclosed'), {
      ...data(),
      docNumber: { prefix: '某科工依申复', seq: 3, year: 2025 },
    });
    assert.equal(own.docNumber, '某科工依申复〔2025〕3号');
  });
});

describe('letters: filled from a case (CaseView)', () => {
  const application = validateApplication({
    applicant: {
      type: 'naturalPerson',
      name: '李四',
      idDocument: { type: 'residentIdCard', number: '11010519491231002X' },
    },
    contact: { email: 'lisi@example.com' },
    information: { description: '某路段道路改造工程的立项批复' },
    form: 'electronic',
    delivery: 'email',
    channel: 'online',
  });

  it('receipt, correction notice, extension notice and reply from the events', async () => {
    assert.ok(application.ok, JSON.stringify(application));
    if (!application.ok) return;
    const rec = record('online');
    const { events } = run(rec, [
      ev('received', '2026-03-02'),
      ev('receiptConfirmed', '2026-03-02'),
      ev('correctionRequested', '2026-03-04', {
        items: ['请写明批复的文号或者成文时间'],
        dueWorkingDays: 10,
      }),
      ev('correctionReceived', '2026-03-09'),
      ev(
        'extensionApproved',
        '2026-03-30',
        { days: 20, reason: '需要调阅档案', approvedBy: { id: officeHead.id, role: officeHead.role } },
        officeHead,
      ),
    ]);
    const view = project(rec, events, calendar);
    const src = { view, application: application.value, caseNumber: '2026-00031' };

    const receipt = renderLetter(templateFor('receipt'), {
      agency: department,
      issuedOn: '2026-03-02',
      values: letterValuesFromCase('receipt', src),
    });
    assert.match(
      letterText(receipt),
      /通过互联网渠道提交的政府信息公开申请，申请获取“某路段道路改造工程的立项批复”/,
    );
    assert.ok(receipt.paragraphs.includes('登记编号：2026-00031。'));

    const correction = renderLetter(templateFor('correctionNotice'), {
      agency: department,
      issuedOn: '2026-03-04',
      docNumber: { seq: 5 },
      values: letterValuesFromCase('correctionNotice', src),
    });
    assert.ok(correction.paragraphs.includes('（一）请写明批复的文号或者成文时间。'));
    assert.ok(letterText(correction).includes(`请您于${formatLetterDate(view.correction!.dueDate!)}前`));

    const extension = renderLetter(templateFor('extensionNotice'), {
      agency: department,
      issuedOn: '2026-03-30',
      docNumber: { seq: 6 },
      values: letterValuesFromCase('extensionNotice', src),
    });
    assert.match(
      letterText(extension),
      new RegExp(`因需要调阅档案，.*延长20个工作日，本机关将于${formatLetterDate(view.dueDate!)}前作出答复`),
    );

    const reply = renderLetter(letterForOutcome('disclosed'), {
      agency: department,
      issuedOn: '2026-04-20',
      docNumber: { seq: 40 },
      values: letterValuesFromCase('reply:disclosed', src),
    });
    assert.ok(letterText(reply).includes('本机关予以公开，现以电子文本形式通过电子邮件发送给您。'));
    const buf = await renderLetterDocx(letterForOutcome('disclosed'), {
      agency: department,
      issuedOn: '2026-04-20',
      docNumber: { seq: 40 },
      values: letterValuesFromCase('reply:disclosed', src),
    });
    assert.ok((await readBack(buf)).ir.includes('李四：'));
  });

  it('after a correction (条例第三十条) the reply names the application as corrected', () => {
    assert.ok(application.ok);
    if (!application.ok) return;
    const rec = record('online');
    const { events } = run(rec, [
      ev('received', '2026-03-02'),
      ev('receiptConfirmed', '2026-03-02'),
      ev('correctionRequested', '2026-03-04', { items: ['请写明批复的文号'], dueWorkingDays: 10 }),
      ev('correctionReceived', '2026-03-09', { supplement: '发改投资〔2025〕17号' }),
    ]);
    const view = project(rec, events, calendar);
    assert.equal(view.correction?.supplement, '发改投资〔2025〕17号');
    const reply = renderLetter(letterForOutcome('disclosed'), {
      agency: department,
      issuedOn: '2026-03-20',
      docNumber: { seq: 41 },
      values: letterValuesFromCase('reply:disclosed', { view, application: application.value }),
    });
    assert.match(
      letterText(reply),
      /申请获取“某路段道路改造工程的立项批复（补正内容：发改投资〔2025〕17号）”/,
    );
    // without a supplement the description stays as filed
    const plain = project(rec, events.slice(0, 3), calendar);
    assert.equal(
      letterValuesFromCase('reply:disclosed', { view: plain, application: application.value })
        .informationDescription,
      '某路段道路改造工程的立项批复',
    );
  });
});

describe('letters: DOCX layout (GB/T 9704)', () => {
  it('A4, 仿宋_GB2312 body with fallbacks, 小标宋 title, signature and date right, 〔〕 number', async () => {
    const buf = await renderLetterDocx(letterForOutcome('withheldProcess'), data());
    const zip = new ZipReader(buf);
    const xml = zip.text('word/document.xml')!;
    const styles = zip.text('word/styles.xml')!;
    const fonts = zip.text('word/fontTable.xml')!;
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(styles, /w:eastAsia="方正小标宋简体"/);
    assert.match(styles, /w:eastAsia="仿宋_GB2312"/);
    assert.match(fonts, /<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong,STFangsong"\/>/);
    assert.match(fonts, /<w:font w:name="方正小标宋简体"><w:altName w:val="[^"]*黑体[^"]*"\/>/);
    assert.ok(xml.includes('某科工公开〔2026〕12号'));
    // the title on two lines: the agency, then the document's name
    assert.match(xml, /某市科学技术和工业局<\/w:t><\/w:r><w:r><w:br\/><w:t[^>]*>政府信息公开申请答复书/);
    // signature: the agency's name centred over the date, the date four characters in from the right
    const sig = paragraphXml(xml, '某市科学技术和工业局');
    const date = paragraphXml(xml, '2026年3月5日');
    assert.match(date, /<w:ind w:right="1280"\/>/);
    const right = Number(/<w:ind w:right="(\d+)"\/>/.exec(sig)?.[1]);
    assert.ok(right < 1280, 'a name longer than the date sits further right');
    assert.match(sig, /<w:spacing w:before="1158"\/>/);
    // the closing line keeps with the signature
    assert.match(paragraphXml(xml, '特此答复。'), /<w:keepNext\/>/);
  });
});
