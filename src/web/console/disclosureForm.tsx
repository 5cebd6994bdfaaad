/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The draft form of an information item (主动公开): every field of src/disclosure/fields.ts with its
 * Chinese error next to it, the values as typed re-shown on an error (nothing is lost), attachments
 * (PDF, DOCX, XLSX: uploaded first, so a form with an error keeps them), the 政策解读 link by 索引号,
 * and the report of what the HTML sanitiser removed from the body.
 */
import * as cheerio from 'cheerio';
import type { FC } from 'hono/jsx';
import { AttachmentError } from '../../disclosure/attachments.ts';
import {
  ATTRIBUTES,
  CATEGORIES,
  POLICY_KINDS,
  VALIDITY,
  WITHHELD_REASONS,
} from '../../disclosure/categories.ts';
import { FIELD_LABELS, type FieldError, type ItemFields } from '../../disclosure/fields.ts';
import { sanitizeHtml } from '../../disclosure/sanitize.ts';
import { type AttachmentInfo, attachmentsByIds, saveDisclosureAttachment } from '../../store/disclosure.ts';
import type { AppContext } from '../context.ts';
import { attachmentsDir, formatSize } from '../files.ts';
import {
  addError,
  ChoiceGroup,
  ErrorSummary,
  ErrorText,
  type FieldErrors,
  fieldId,
  SelectField,
  TextArea,
  TextField,
} from '../forms.tsx';
import { type FormBody, files, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';

/** The form's text fields (names as on the form). */
export const FORM_FIELDS = [
  'title',
  'documentNumber',
  'issuer',
  'writtenOn',
  'formedOn',
  'category',
  'topic',
  'attribute',
  'attributeReason',
  'summary',
  'bodyHtml',
  'policyKind',
  'effectiveOn',
  'validity',
  'validityOn',
  'interprets',
  'deadlineOn',
  'deadlineBasis',
  'note',
] as const;
export type FormValues = Partial<Record<(typeof FORM_FIELDS)[number], string>> & { keep?: string[] };

/** Field key of ItemFields → the form's field name. */
const FORM_NAME: Partial<Record<keyof ItemFields, string>> = {
  interpretsItemId: 'interprets',
  attachmentIds: 'attachments',
};
export const formNameOf = (path: string) => FORM_NAME[path as keyof ItemFields] ?? path;

/** The order of the fields on the page (for the error summary). */
export const FIELD_ORDER = [...FORM_FIELDS, 'attachments'] as string[];

/** Form values shown for stored fields (editing). */
export function valuesOf(f: ItemFields, interpretsIndexNumber: string | null): FormValues {
  return {
    title: f.title,
    documentNumber: f.documentNumber ?? '',
    issuer: f.issuer,
    writtenOn: f.writtenOn ?? '',
    formedOn: f.formedOn,
    category: f.category,
    topic: f.topic ?? '',
    attribute: f.attribute,
    attributeReason: f.attributeReason ?? '',
    summary: f.summary ?? '',
    bodyHtml: f.bodyHtml,
    policyKind: f.policyKind ?? '',
    effectiveOn: f.effectiveOn ?? '',
    validity: f.validity ?? '',
    validityOn: f.validityOn ?? '',
    interprets: interpretsIndexNumber ?? '',
    deadlineOn: f.deadlineOn ?? '',
    deadlineBasis: f.deadlineBasis ?? '',
    keep: f.attachmentIds.map(String),
  };
}

export function valuesFromBody(body: FormBody): FormValues {
  const v: FormValues = {};
  for (const k of FORM_FIELDS) v[k] = text(body, k);
  const keep = body.keep;
  v.keep = (Array.isArray(keep) ? keep : keep === undefined ? [] : [keep]).filter(
    (x): x is string => typeof x === 'string' && /^\d{1,12}$/.test(x),
  );
  return v;
}

/** The item fields the form sends (blank optional fields are null; the store checks the rest). */
export function fieldsFromValues(
  v: FormValues,
  interpretsItemId: number | null,
  attachmentIds: number[],
): Record<string, unknown> {
  const s = (k: keyof FormValues) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  return {
    title: s('title'),
    documentNumber: s('documentNumber'),
    issuer: s('issuer'),
    writtenOn: s('writtenOn').trim(),
    formedOn: s('formedOn').trim(),
    category: s('category'),
    topic: s('topic'),
    attribute: s('attribute'),
    attributeReason: s('attribute') === 'withheld' ? s('attributeReason') : '',
    summary: s('summary'),
    bodyHtml: s('bodyHtml'),
    policyKind: s('policyKind'),
    effectiveOn: s('effectiveOn').trim(),
    validity: s('validity'),
    validityOn: s('validityOn').trim(),
    interpretsItemId,
    deadlineOn: s('deadlineOn').trim(),
    deadlineBasis: s('deadlineBasis'),
    attachmentIds,
  };
}

/** Field errors (with paths) → errors by form field name. */
export function errorsByField(list: FieldError[], fallback: string): FieldErrors {
  const out: FieldErrors = {};
  for (const e of list) addError(out, e.path ? formNameOf(e.path.split('.')[0]!) : '', e.message);
  if (!list.length) addError(out, '', fallback);
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the sanitiser removed

const describeNode = (tag: string, attr?: string) => (attr ? `<${tag}> 的 ${attr} 属性` : `<${tag}> 标记`);

/**
 * What sanitising removed from the body, in Chinese: elements and attributes present in the input
 * and missing from the output (e.g. “<script> 标记”, “<a> 的 onclick 属性”). Empty when nothing
 * was removed (whitespace and attribute quoting do not count).
 */
export function removedByCleaning(input: string): string[] {
  if (!input.trim()) return [];
  const count = (html: string) => {
    const m = new Map<string, number>();
    const $ = cheerio.load(html, null, false);
    $('*').each((_, el) => {
      if (el.type !== 'tag' && el.type !== 'script' && el.type !== 'style') return;
      const tag = el.name.toLowerCase();
      m.set(tag, (m.get(tag) ?? 0) + 1);
      for (const [a, val] of Object.entries(el.attribs ?? {})) {
        const key = `${tag}\u0000${a.toLowerCase()}\u0000${a.toLowerCase() === 'href' || a.toLowerCase() === 'src' ? val.trim() : ''}`;
        m.set(key, (m.get(key) ?? 0) + 1);
      }
    });
    return m;
  };
  const before = count(input);
  const after = count(sanitizeHtml(input));
  const removed = new Set<string>();
  for (const [k, n] of before) {
    if ((after.get(k) ?? 0) >= n) continue;
    const [tag, attr] = k.split('\u0000');
    removed.add(describeNode(tag!, attr));
  }
  return [...removed];
}

// ---------------------------------------------------------------------------------------------
// Attachments

/**
 * Stores the uploaded files of the form (count and size limits of the web configuration; type by
 * content: PDF, DOCX, XLSX). Returns the ids stored and the Chinese errors of the refused ones.
 */
export async function storeFormAttachments(
  c: AppContext,
  body: FormBody,
  agencyId: number,
  actor: string,
): Promise<{ ids: number[]; errors: string[] }> {
  const deps = c.get('deps');
  const { maxFileBytes, maxFiles } = deps.config.uploads;
  const list = files(body, 'attachments');
  const ids: number[] = [];
  const errors: string[] = [];
  if (list.length > maxFiles) errors.push(`附件：每次最多上传${maxFiles}个文件`);
  for (const f of list.slice(0, maxFiles)) {
    const name = f.name || '未命名文件';
    if (f.size > maxFileBytes) {
      errors.push(`附件“${name}”：超过${Math.round(maxFileBytes / 1048576)}MB，请压缩或拆分后上传`);
      continue;
    }
    try {
      const saved = await saveDisclosureAttachment(
        deps.store,
        agencyId,
        { filename: name, bytes: new Uint8Array(await f.arrayBuffer()) },
        { dir: attachmentsDir(deps), actor },
      );
      ids.push(saved.id);
    } catch (e) {
      if (e instanceof AttachmentError) errors.push(e.message);
      else throw e;
    }
  }
  return { ids, errors };
}

/** The attachments the form keeps (ids of the agency only). */
export async function keptAttachments(
  c: AppContext,
  agencyId: number,
  ids: string[],
): Promise<AttachmentInfo[]> {
  const db = c.get('deps').store.db;
  const wanted = [...new Set(ids.map(Number))];
  if (!wanted.length) return [];
  const rows = await db
    .selectFrom('disclosure_attachment')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', 'in', wanted)
    .execute();
  const ok = new Set(rows.map((r) => Number(r.id)));
  return attachmentsByIds(
    db,
    wanted.filter((id) => ok.has(id)),
  );
}

// ---------------------------------------------------------------------------------------------
// The form

const dateHint = '格式：年-月-日，例如 2026-03-02。';

export const ItemForm: FC<{
  action: string;
  csrf: string;
  values: FormValues;
  errors: FieldErrors;
  topics: string[] | null;
  attachments: AttachmentInfo[];
  editing: boolean;
  /** Published before: validity changes go through 效力变更 (DIS-13). */
  validityLocked: boolean;
  maxFiles: number;
  maxFileMb: number;
}> = ({
  action,
  csrf,
  values: v,
  errors,
  topics,
  attachments,
  editing,
  validityLocked,
  maxFiles,
  maxFileMb,
}) => {
  const art20 = Object.entries(CATEGORIES).filter(([k]) => k.startsWith('art20.'));
  const art21 = Object.entries(CATEGORIES).filter(([k]) => k.startsWith('art21.'));
  const catErr = errors.category;
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="stack" novalidate>
      <CsrfInput token={csrf} />
      <ErrorSummary errors={errors} order={FIELD_ORDER} anchors={{ attribute: 'f-attribute-proactive' }} />
      <h2>基本信息</h2>
      <TextField
        name="title"
        label={FIELD_LABELS.title}
        value={v.title}
        errors={errors}
        required
        maxlength={200}
      />
      <TextField
        name="documentNumber"
        label={FIELD_LABELS.documentNumber}
        hint="例如：某府办发〔2026〕3号。规章和行政规范性文件必填。"
        value={v.documentNumber}
        errors={errors}
      />
      <TextField name="issuer" label={FIELD_LABELS.issuer} value={v.issuer} errors={errors} required />
      <TextField
        name="writtenOn"
        label={FIELD_LABELS.writtenOn}
        hint={dateHint}
        value={v.writtenOn}
        errors={errors}
        size="short"
      />
      <TextField
        name="formedOn"
        label={FIELD_LABELS.formedOn}
        hint={`条例第二十六条：自信息形成或者变更之日起20个工作日内公开。${dateHint}`}
        value={v.formedOn}
        errors={errors}
        required
        size="short"
      />
      <div class={`field${catErr?.length ? ' has-error' : ''}`}>
        <label for={fieldId('category')}>
          {FIELD_LABELS.category}
          <span class="req">（必填）</span>
        </label>
        <ErrorText id={`${fieldId('category')}-error`} messages={catErr} />
        <select
          id={fieldId('category')}
          name="category"
          aria-required="true"
          aria-invalid={catErr?.length ? 'true' : undefined}
          aria-describedby={catErr?.length ? `${fieldId('category')}-error` : undefined}
        >
          <option value="">请选择</option>
          <optgroup label="条例第二十条 法定主动公开内容">
            {art20.map(([k, c]) => (
              <option value={k} selected={v.category === k}>
                {c.basis.replace('条例第二十条', '')} {c.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="条例第二十一条 地方重点公开内容">
            {art21.map(([k, c]) => (
              <option value={k} selected={v.category === k}>
                {c.label}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {topics ? (
        <SelectField
          name="topic"
          label={FIELD_LABELS.topic}
          value={v.topic}
          errors={errors}
          placeholder="不选"
          options={topics.map((t) => ({ value: t, label: t }))}
        />
      ) : (
        <TextField
          name="topic"
          label={FIELD_LABELS.topic}
          hint="本机关自定的主题分类，例如“城乡建设”。"
          value={v.topic}
          errors={errors}
        />
      )}
      <h2>公开属性</h2>
      <ChoiceGroup
        name="attribute"
        label={FIELD_LABELS.attribute}
        hint="信息形成时即认定公开属性（源头认定）。只有主动公开的信息经审核后发布。"
        value={v.attribute || 'proactive'}
        errors={errors}
        required
        inline
        options={Object.entries(ATTRIBUTES).map(([value, label]) => ({ value, label }))}
      />
      <TextField
        name="attributeReason"
        label={FIELD_LABELS.attributeReason}
        hint={`公开属性为“不予公开”时必填，写明法定理由，例如：${WITHHELD_REASONS[4]}。`}
        value={v.attributeReason}
        errors={errors}
      />
      <h2>内容</h2>
      <TextArea
        name="summary"
        label={FIELD_LABELS.summary}
        hint="用于政府信息公开目录（条例第十二条）；不填时由正文生成。"
        value={v.summary}
        errors={errors}
        rows={3}
      />
      <TextArea
        name="bodyHtml"
        label={FIELD_LABELS.bodyHtml}
        hint="可粘贴HTML。保存时清理不安全的内容（脚本、事件属性、外部框架等），清理了什么会在保存后告知。"
        value={v.bodyHtml}
        errors={errors}
        rows={12}
      />
      <h2>政策文件和效力</h2>
      <SelectField
        name="policyKind"
        label={FIELD_LABELS.policyKind}
        hint="规章和行政规范性文件进入政策文件库，计入年度报告表二（一）。"
        value={v.policyKind}
        errors={errors}
        placeholder="不是规章或行政规范性文件"
        options={Object.entries(POLICY_KINDS).map(([value, label]) => ({ value, label }))}
      />
      <TextField
        name="effectiveOn"
        label={FIELD_LABELS.effectiveOn}
        hint={dateHint}
        value={v.effectiveOn}
        errors={errors}
        size="short"
      />
      {validityLocked ? (
        <div class="field">
          <p>
            {FIELD_LABELS.validity}：{v.validity ? VALIDITY[v.validity as keyof typeof VALIDITY] : '未注明'}
            {v.validityOn ? `（${v.validityOn}）` : ''}
          </p>
          <p class="hint">已发布信息的效力状态不能在此修改，请在信息页面登记“效力变更”。</p>
        </div>
      ) : (
        <>
          <SelectField
            name="validity"
            label={FIELD_LABELS.validity}
            value={v.validity}
            errors={errors}
            placeholder="不注明"
            options={Object.entries(VALIDITY).map(([value, label]) => ({ value, label }))}
          />
          <TextField
            name="validityOn"
            label={FIELD_LABELS.validityOn}
            hint={`效力状态为失效或废止时必填。${dateHint}`}
            value={v.validityOn}
            errors={errors}
            size="short"
          />
        </>
      )}
      <TextField
        name="interprets"
        label="所解读文件的索引号"
        hint="本信息是政策解读时填写：与所解读的文件同步发布，不得早于文件。"
        value={v.interprets}
        errors={errors}
        spellcheck={false}
      />
      <TextField
        name="deadlineOn"
        label={FIELD_LABELS.deadlineOn}
        hint={`法律、法规对公开期限另有规定时填写（条例第二十六条）。${dateHint}`}
        value={v.deadlineOn}
        errors={errors}
        size="short"
      />
      <TextField
        name="deadlineBasis"
        label={FIELD_LABELS.deadlineBasis}
        value={v.deadlineBasis}
        errors={errors}
      />
      <h2>附件</h2>
      {attachments.length ? (
        <fieldset class="field">
          <legend>已上传的附件（取消勾选即移除）</legend>
          <ul class="choices">
            {attachments.map((a) => (
              <li class="choice">
                <input type="checkbox" id={`f-keep-${a.id}`} name="keep" value={String(a.id)} checked />
                <label for={`f-keep-${a.id}`}>
                  {a.filename}（{formatSize(a.size)}）
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <div class={`field${errors.attachments?.length ? ' has-error' : ''}`}>
        <label for={fieldId('attachments')}>
          上传附件<span class="req">（选填）</span>
        </label>
        <p class="hint" id="f-attachments-hint">
          PDF、Word（DOCX）或Excel（XLSX）文件，每次最多{maxFiles}个，每个不超过{maxFileMb}MB。
        </p>
        <ErrorText id="f-attachments-error" messages={errors.attachments} />
        <input
          type="file"
          id={fieldId('attachments')}
          name="attachments"
          multiple
          accept=".pdf,.docx,.xlsx,application/pdf"
          aria-invalid={errors.attachments?.length ? 'true' : undefined}
          aria-describedby={`f-attachments-hint${errors.attachments?.length ? ' f-attachments-error' : ''}`}
        />
      </div>
      {editing ? (
        <TextField
          name="note"
          label="修改说明"
          hint="修改后须重新送审；已发布的版本在新版本发布前继续公开。"
          value={v.note}
          errors={errors}
        />
      ) : null}
      <div class="actions">
        <button type="submit" class="button">
          {editing ? '保存修改' : '保存草稿'}
        </button>
      </div>
    </form>
  );
};
