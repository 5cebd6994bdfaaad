/**
 * Public API routes (no account): filing an application with the portal form's validation, looking
 * one up by case number and query code (throttled like the status page), the published
 * 主动公开 items (search and catalogue), and the agencies.
 */
import { z } from 'zod';
import { validateApplication } from '../../cases/intake.ts';
import { categoryLabel } from '../../disclosure/categories.ts';
import { findAgency } from '../../store/agencies.ts';
import { catalogue } from '../../store/disclosurePublic.ts';
import { searchDisclosures } from '../../store/disclosureSearch.ts';
import { getAgency, listAgencies } from '../agencies.ts';
import type { AppContext } from '../context.ts';
import { addError, type FieldErrors, hasErrors } from '../forms.tsx';
import { clientIp, type FormBody } from '../http.ts';
import { APPLICATION_FIELDS, applicationInput, fieldErrorsOf, valuesOf } from '../portal/application-form.ts';
import { loadCase, NOT_FOUND } from '../portal/status.tsx';
import { fileOnlineApplication } from '../portal/submit.ts';
import { blockedBy, recordFailure } from '../throttle.ts';
import { jsonObject, validationErrors } from './http.ts';
import type { ApiRegistry } from './openapi.ts';
import {
  AgencyListSchema,
  ApplicationCreatedSchema,
  ApplicationRequestSchema,
  ApplicationStatusSchema,
  BadRequestSchema,
  DisclosureListSchema,
  ErrorSchema,
  LookupRequestSchema,
} from './schemas.ts';

const error = (description: string) => ({ description, schema: ErrorSchema });
const invalid = {
  description: '请求无效：字段错误（每个字段的中文信息）或者整个请求的错误',
  schema: BadRequestSchema,
};

// ---------------------------------------------------------------------------------------------
// Query parameters

type QuerySpec = Record<string, { label: string; kind: 'text' | 'int'; max: number; min?: number }>;

/** Query parameters by their spec; errors name the parameter in Chinese (400). */
export function parseQuery(
  c: AppContext,
  spec: QuerySpec,
): { values: Record<string, string | number>; errors: FieldErrors } {
  const values: Record<string, string | number> = {};
  const errors: FieldErrors = {};
  for (const [name, s] of Object.entries(spec)) {
    const all = c.req.queries(name);
    if (!all?.length) continue;
    if (all.length > 1) {
      addError(errors, name, `${s.label}（${name}）：只能指定一次`);
      continue;
    }
    const raw = all[0]!.trim();
    if (s.kind === 'text') {
      if ([...raw].length > s.max) addError(errors, name, `${s.label}（${name}）：不超过${s.max}个字`);
      else if (raw !== '') values[name] = raw;
    } else if (!/^\d{1,9}$/.test(raw) || Number(raw) < (s.min ?? 1) || Number(raw) > s.max)
      addError(errors, name, `${s.label}（${name}）：须为${s.min ?? 1}至${s.max}之间的整数`);
    else values[name] = Number(raw);
  }
  return { values, errors };
}

const DISCLOSURE_QUERY: QuerySpec = {
  q: { label: '检索词', kind: 'text', max: 100 },
  agency: { label: '机关', kind: 'text', max: 200 },
  page: { label: '页码', kind: 'int', max: 10_000 },
  pageSize: { label: '每页条数', kind: 'int', max: 100 },
};

// ---------------------------------------------------------------------------------------------
// Applications

const FORM_FIELDS = new Set<string>(APPLICATION_FIELDS.filter((f) => f !== 'attachments' && f !== 'contact'));

const fieldLabel = (name: string) =>
  (ApplicationRequestSchema.shape as Record<string, z.ZodType>)[name]?.description?.replace(/（.*$/, '') ??
  name;

/**
 * The JSON body as the form's fields (strings; needsAssistance: true → checked), plus the errors
 * of what the form could not have sent: a field of the wrong type, an unknown field, attachments.
 */
function formBodyOf(json: Record<string, unknown>): { body: FormBody; errors: FieldErrors } {
  const body: FormBody = {};
  const errors: FieldErrors = {};
  for (const [k, v] of Object.entries(json)) {
    if (k === 'agencyId') continue;
    if (k === 'attachments') {
      addError(errors, k, '附件：本接口不接收附件，请使用网上申请表单上传，或者按补正要求提交');
      continue;
    }
    if (!FORM_FIELDS.has(k)) {
      addError(errors, k, `${k}：没有这个字段`);
      continue;
    }
    if (k === 'needsAssistance') {
      if (typeof v !== 'boolean') addError(errors, k, `${fieldLabel(k)}：须为true或者false`);
      else if (v) body[k] = '1';
      continue;
    }
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string') addError(errors, k, `${fieldLabel(k)}：须为文本`);
    else body[k] = v;
  }
  return { body, errors };
}

export function publicApiRoutes(api: ApiRegistry): void {
  api.add(
    {
      method: 'post',
      path: '/api/applications',
      operationId: 'fileApplication',
      summary: '提交政府信息公开申请',
      description:
        '与网上申请表单相同的字段和校验（条例第二十九条），错误信息相同。成功时返回登记编号和查询码；网上申请即时确认收到（条例第三十一条），并出具登记回执。本接口不接收附件。',
      tags: ['依申请公开'],
      body: ApplicationRequestSchema,
      responses: {
        201: { description: '已登记', schema: ApplicationCreatedSchema },
        400: invalid,
        403: error('来源无法确认（跨站请求）'),
        415: error('请求正文不是JSON'),
      },
    },
    async (c) => {
      const deps = c.get('deps');
      const json = await jsonObject(c);
      const { body, errors: typeErrors } = formBodyOf(json);
      const agencyId = json.agencyId;
      const agency =
        typeof agencyId === 'number' && Number.isSafeInteger(agencyId)
          ? await getAgency(deps.store.db, agencyId)
          : null;
      const values = valuesOf(body);
      const v = validateApplication(applicationInput(values));
      const errors: FieldErrors = {};
      if (agencyId === undefined) addError(errors, 'agencyId', '受理机关：必填');
      else if (!agency) addError(errors, 'agencyId', '受理机关：没有这个机关');
      Object.assign(errors, v.ok ? {} : fieldErrorsOf(v.errors, values.applicantType));
      for (const [k, m] of Object.entries(typeErrors)) errors[k] = m;
      if (!v.ok || !agency || hasErrors(errors)) return validationErrors(c, errors);
      const filed = await fileOnlineApplication(deps, agency, v.value);
      return c.json(
        {
          number: filed.number,
          queryCode: filed.queryCode,
          agencyId: agency.id,
          agencyName: agency.name,
          status: filed.view.status,
          statusLabel: filed.view.statusLabel,
          receivedDate: filed.view.receivedDate ?? null,
          dueDate: filed.view.dueDate ?? null,
        },
        201,
      );
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/applications/lookup',
      operationId: 'lookupApplication',
      summary: '凭登记编号和查询码查询办理进度',
      description:
        '返回与查询页面相同的办理进度：当前状态、答复期限及其计算说明、办理记录和已出具的文书。查询失败按来源地址计数，与查询页面共用同一限额，超过后返回429。',
      tags: ['依申请公开'],
      body: LookupRequestSchema,
      responses: {
        200: { description: '办理进度', schema: ApplicationStatusSchema },
        400: invalid,
        404: error('没有与该登记编号和查询码对应的申请'),
        429: {
          ...error('查询失败次数过多'),
          headers: { 'Retry-After': { description: '多少秒后可以再试', schema: { type: 'integer' } } },
        },
      },
    },
    async (c) => {
      const deps = c.get('deps');
      const json = await jsonObject(c);
      const errors: FieldErrors = {};
      const str = (k: string, label: string) => {
        const v = json[k];
        if (v !== undefined && typeof v !== 'string') addError(errors, k, `${label}：须为文本`);
        return typeof v === 'string' ? v : '';
      };
      // normalised exactly like the status page's form
      const number = str('number', '登记编号').replace(/\s+/g, '').replace(/[－—]/g, '-').slice(0, 40);
      const code = str('code', '查询码').replace(/\s+/g, '').toUpperCase().slice(0, 40);
      if (!number && !errors.number) addError(errors, 'number', '登记编号：必填');
      if (!code && !errors.code) addError(errors, 'code', '查询码：必填');
      if (hasErrors(errors)) return validationErrors(c, errors);
      const rules = [{ bucket: 'lookup', key: clientIp(c), limit: deps.config.limits.lookupPerAddress }];
      if (await blockedBy(deps, rules)) {
        c.header('Retry-After', String(deps.config.limits.windowMinutes * 60));
        return c.json({ error: `查询失败次数过多，请${deps.config.limits.windowMinutes}分钟后再试。` }, 429);
      }
      const rows = await deps.store.db
        .selectFrom('application_case')
        .select('id')
        .where('number', '=', number)
        .where('query_code', '=', code)
        .limit(2)
        .execute();
      if (rows.length !== 1) {
        await recordFailure(deps, rules);
        return c.json({ error: NOT_FOUND }, 404);
      }
      const d = await loadCase(c, Number(rows[0]!.id));
      const v = d.view;
      return c.json({
        number: d.number,
        agencyId: d.agencyId,
        agencyName: d.agencyName,
        status: v.status,
        statusLabel: v.statusLabel,
        receivedDate: v.receivedDate ?? null,
        dueDate: v.dueDate ?? null,
        dueProvisional: v.dueProvisional,
        overdue: v.overdue,
        deadlineText: v.deadline?.text ?? null,
        concludedOn: v.concludedOn ?? null,
        outcome: v.outcome ?? null,
        outcomeLabel: v.outcomeLabel ?? null,
        correction:
          v.status === 'awaitingCorrection' && v.correction
            ? {
                requestedOn: v.correction.requestedOn,
                dueDate: v.correction.dueDate ?? null,
                items: v.correction.items,
              }
            : null,
        events: d.events,
        letters: d.letters.map((l) => ({
          id: l.id,
          kind: l.kind,
          title: l.title,
          docNumber: l.docNumber,
          issuedOn: l.issuedOn,
        })),
      });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/disclosures',
      operationId: 'listDisclosures',
      summary: '已发布的主动公开信息：检索或者目录',
      description:
        '只返回经全部审核并已发布（未撤下）的信息。有检索词 q 时按标题、正文和文号全文检索（标题或者文号命中的在前，再按发布日期从新到旧）；没有 q 时按发布日期从新到旧列出目录。agency 可以是机关编号或者机关全称。',
      tags: ['主动公开'],
      query: z.object({
        q: z.string().max(100).optional().describe('检索词（多个词用空格分开，须全部命中）'),
        agency: z.string().max(200).optional().describe('机关编号或者机关全称'),
        page: z.int().min(1).max(10_000).optional().describe('页码，默认1'),
        pageSize: z.int().min(1).max(100).optional().describe('每页条数，默认20，最多100'),
      }),
      responses: {
        200: { description: '一页信息和总数', schema: DisclosureListSchema },
        400: invalid,
      },
    },
    async (c) => {
      const deps = c.get('deps');
      const { values, errors } = parseQuery(c, DISCLOSURE_QUERY);
      let agencyId: number | undefined;
      const agency = values.agency as string | undefined;
      if (agency !== undefined) {
        const row = /^\d{1,12}$/.test(agency)
          ? await getAgency(deps.store.db, Number(agency))
          : await findAgency(deps.store.db, agency);
        if (row) agencyId = Number(row.id);
        else addError(errors, 'agency', `机关（agency）：没有“${agency}”这个机关`);
      }
      if (hasErrors(errors)) return validationErrors(c, errors);
      const page = (values.page as number | undefined) ?? 1;
      const pageSize = (values.pageSize as number | undefined) ?? 20;
      const q = values.q as string | undefined;
      const url = (i: { agencyId: number; id: number }) => `/agencies/${i.agencyId}/disclosure/items/${i.id}`;
      if (q) {
        const r = await searchDisclosures(deps.store, { q, agencyId, page, pageSize });
        return c.json({
          total: r.total,
          totalCapped: r.totalCapped,
          page: r.page,
          pageSize: r.pageSize,
          items: r.items.map((i) => ({
            id: i.id,
            agencyId: i.agencyId,
            indexNumber: i.indexNumber,
            title: i.title,
            documentNumber: i.documentNumber,
            publishedDate: i.publishedOn,
            category: i.category,
            categoryLabel: categoryLabel(i.category),
            snippet: i.snippet,
            url: url(i),
          })),
        });
      }
      const r = await catalogue(deps.store, { agencyId, page, pageSize });
      return c.json({
        total: r.total,
        totalCapped: false,
        page: r.page,
        pageSize: r.pageSize,
        items: r.items.map((i) => ({
          id: i.id,
          agencyId: i.agencyId,
          indexNumber: i.indexNumber,
          title: i.title,
          documentNumber: i.documentNumber,
          publishedDate: i.publishedOn,
          category: i.category,
          categoryLabel: i.categoryLabel,
          snippet: null,
          url: url(i),
        })),
      });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/agencies',
      operationId: 'listAgencies',
      summary: '机关列表',
      tags: ['机关'],
      responses: { 200: { description: '全部机关（人民政府在前）', schema: AgencyListSchema } },
    },
    async (c) => c.json({ items: await listAgencies(c.get('deps').store.db) }),
  );
}
