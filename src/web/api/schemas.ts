/**
 * The API's request and response schemas, defined once with zod: the OpenAPI document is generated
 * from them (src/web/api/openapi.ts) and the tests validate every response against the document.
 *
 * Requests are checked by the same code as the pages (the application form's fields and intake
 * schema, the console actions' input and the case state machine); the schemas here describe them.
 */
import { z } from 'zod';
import { CONSULTATION_PARTIES } from '../../cases/events.ts';
import { FEE_METHODS } from '../../cases/fees.ts';
import { DELIVERY_WAYS, ID_DOCUMENT_TYPES, INFORMATION_FORMS } from '../../cases/intake.ts';
import { STATUS_LABELS } from '../../cases/machine.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../../cases/outcomes.ts';
import { ReportSchema } from '../../report/model.ts';
import { AGENCY_KINDS, ROLES } from '../../store/agencies.ts';
import { OPEN_STATUSES, URGENCY_LABELS } from '../console/inbox.tsx';
import { named } from './openapi.ts';

const keys = <T extends object>(o: T) =>
  Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = () => z.int().min(1);

// ---------------------------------------------------------------------------------------------
// Errors

export const ErrorSchema = named(
  'Error',
  z
    .object({
      error: z.string().describe('中文说明'),
      rule: z.string().optional().describe('被违反的规则编号（办理事项被拒绝时）'),
    })
    .describe('错误：/api 下的所有错误都以此形式返回（不返回HTML页面）'),
);

export const ValidationErrorsSchema = named(
  'ValidationErrors',
  z
    .object({
      errors: z
        .array(
          z.object({
            field: z.string().describe('字段名（与网上申请表单的字段名相同；空字符串表示整个请求）'),
            message: z.string().describe('中文错误信息，与表单显示在字段旁的信息相同'),
          }),
        )
        .min(1),
    })
    .describe('输入错误：每个字段一条中文信息'),
);

export const BadRequestSchema = named(
  'BadRequest',
  z
    .union([ValidationErrorsSchema, ErrorSchema])
    .describe(
      '请求无效：字段错误（errors），或者整个请求的错误（error，例如正文不是有效的JSON、办理规则不允许）',
    ),
);

// ---------------------------------------------------------------------------------------------
// Agencies

export const AgencySchema = named(
  'Agency',
  z.object({
    id: id(),
    name: z.string(),
    kind: z.enum(keys(AGENCY_KINDS)),
    kindLabel: z.string(),
    parentId: id().nullable(),
  }),
);

export const AgencyListSchema = named('AgencyList', z.object({ items: z.array(AgencySchema) }));

// ---------------------------------------------------------------------------------------------
// Applications (public)

const text = (description: string) => z.string().max(4000).describe(description).optional();

export const ApplicationRequestSchema = named(
  'ApplicationRequest',
  z
    .object({
      agencyId: id().describe('受理机关（GET /api/agencies）'),
      applicantType: z.enum(keys(APPLICANT_TYPES)).describe('申请人类型').optional(),
      personName: text('申请人姓名（自然人）'),
      idType: z.enum(keys(ID_DOCUMENT_TYPES)).describe('身份证明类型（自然人）').optional(),
      idNumber: text('身份证明号码（自然人）'),
      workUnit: text('工作单位（自然人，选填）'),
      orgName: text('申请人名称（法人或者其他组织）'),
      creditCode: text('统一社会信用代码（法人或者其他组织）'),
      legalRepresentative: text('法定代表人或者负责人'),
      contactPerson: text('联系人姓名'),
      phone: text('联系电话'),
      email: text('电子邮箱'),
      address: text('通信地址'),
      postcode: text('邮政编码'),
      fax: text('传真号码'),
      description: text('所需政府信息的名称、文号或者便于查询的特征性描述'),
      infoTitle: text('信息名称'),
      documentNumber: text('文号'),
      purpose: text('用途（选填）'),
      form: z.enum(keys(INFORMATION_FORMS)).describe('信息的指定提供形式').optional(),
      delivery: z.enum(keys(DELIVERY_WAYS)).describe('获取信息的方式').optional(),
      needsAssistance: z.boolean().describe('需要本机关提供必要的帮助（条例第四十三条）').optional(),
    })
    .describe(
      '政府信息公开申请（条例第二十九条）。字段与网上申请表单相同，按同一规则校验，错误信息相同。' +
        '联系电话、电子邮箱、通信地址至少填写一项。本接口不接收附件：需要提交身份证明等材料的，请使用网上申请表单，或者在提交后按补正要求提交。',
    ),
);

export const ApplicationCreatedSchema = named(
  'ApplicationCreated',
  z.object({
    number: z.string().describe('登记编号'),
    queryCode: z.string().describe('查询码：与登记编号一起用于查询办理进度，请妥善保管'),
    agencyId: id(),
    agencyName: z.string(),
    status: z.enum(keys(STATUS_LABELS)),
    statusLabel: z.string(),
    receivedDate: isoDate().nullable().describe('收到申请日期（条例第三十一条）；待确认时为null'),
    dueDate: isoDate().nullable().describe('答复期限'),
  }),
);

export const LookupRequestSchema = named(
  'LookupRequest',
  z.object({
    number: z.string().max(40).describe('登记编号，例如 2026-00012'),
    code: z.string().max(40).describe('查询码（不区分大小写）'),
  }),
);

export const LetterSchema = named(
  'Letter',
  z.object({
    id: id(),
    kind: z.string(),
    title: z.string(),
    docNumber: z.string().nullable().describe('文号'),
    issuedOn: isoDate(),
  }),
);

export const ApplicationStatusSchema = named(
  'ApplicationStatus',
  z
    .object({
      number: z.string(),
      agencyId: id(),
      agencyName: z.string(),
      status: z.enum(keys(STATUS_LABELS)),
      statusLabel: z.string(),
      receivedDate: isoDate().nullable(),
      dueDate: isoDate().nullable(),
      dueProvisional: z.boolean().describe('征求意见或者缴费尚未完成，期限为暂定'),
      overdue: z.boolean(),
      deadlineText: z.string().nullable().describe('答复期限的计算说明'),
      concludedOn: isoDate().nullable(),
      outcome: z.string().nullable(),
      outcomeLabel: z.string().nullable(),
      correction: z
        .object({ requestedOn: isoDate(), dueDate: isoDate().nullable(), items: z.array(z.string()) })
        .nullable()
        .describe('需要补正的事项（待补正时）'),
      events: z.array(z.object({ on: isoDate(), label: z.string() })).describe('办理记录'),
      letters: z
        .array(LetterSchema)
        .describe('已出具的文书；下载请在查询页面（/status）输入登记编号和查询码后进行'),
    })
    .describe('申请人看到的办理进度（与查询页面相同）'),
);

// ---------------------------------------------------------------------------------------------
// Disclosures (public)

export const DisclosureItemSchema = named(
  'DisclosureItem',
  z.object({
    id: id(),
    agencyId: id(),
    indexNumber: z.string().describe('索引号'),
    title: z.string(),
    documentNumber: z.string().nullable().describe('文号'),
    publishedDate: isoDate().describe('发布日期'),
    category: z.string().describe('主动公开类别代码'),
    categoryLabel: z.string(),
    snippet: z
      .string()
      .nullable()
      .describe('检索时：正文中命中处附近约80字（已转义的HTML，命中词在<mark>内）'),
    url: z.string().describe('门户网站上的信息页面'),
  }),
);

export const DisclosureListSchema = named(
  'DisclosureList',
  z.object({
    total: z
      .int()
      .min(0)
      .describe('符合条件的信息数（检索时最多精确计数到2000，超过时 totalCapped 为 true）'),
    totalCapped: z.boolean(),
    page: z.int().min(1),
    pageSize: z.int().min(1),
    items: z.array(DisclosureItemSchema),
  }),
);

// ---------------------------------------------------------------------------------------------
// Staff

export const SessionInfoSchema = named(
  'SessionInfo',
  z.object({
    user: z.object({
      id: id(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(keys(ROLES)),
      roleLabel: z.string(),
      agencyId: id(),
      agencyName: z.string(),
    }),
    csrfToken: z.string().describe('工作人员POST请求的 X-CSRF-Token 请求头的值'),
  }),
);

export const InboxItemSchema = named(
  'InboxItem',
  z.object({
    id: id(),
    number: z.string(),
    agencyName: z.string(),
    applicantName: z.string(),
    applicantType: z.enum(keys(APPLICANT_TYPES)),
    status: z.enum(OPEN_STATUSES as [string, ...string[]]),
    statusLabel: z.string(),
    dueDate: isoDate().nullable(),
    daysLeft: z.int().nullable().describe('剩余工作日（负数为逾期的工作日数）'),
    urgency: z.enum(keys(URGENCY_LABELS)),
    urgencyLabel: z.string(),
  }),
);

export const InboxSchema = named(
  'Inbox',
  z.object({ items: z.array(InboxItemSchema).describe('未办结的申请，按答复期限排序') }),
);

export const CaseDetailSchema = named(
  'CaseDetail',
  z.object({
    id: id(),
    number: z.string(),
    agencyId: id(),
    agencyName: z.string(),
    application: z.record(z.string(), z.unknown()).describe('申请内容（条例第二十九条，登记时的数据）'),
    status: z.enum(keys(STATUS_LABELS)),
    statusLabel: z.string(),
    receivedDate: isoDate().nullable(),
    dueDate: isoDate().nullable(),
    dueProvisional: z.boolean(),
    daysLeft: z.int().nullable(),
    overdue: z.boolean(),
    concludedOn: isoDate().nullable(),
    outcome: z.string().nullable(),
    outcomeLabel: z.string().nullable(),
    deadlineText: z.string().nullable().describe('期限计算说明'),
    warnings: z.array(z.object({ rule: z.string(), message: z.string() })),
    events: z
      .array(
        z.object({
          type: z.string(),
          label: z.string(),
          on: isoDate(),
          at: z.string(),
          actorRole: z.string(),
          actorName: z.string().nullable(),
        }),
      )
      .describe('办理记录（只增不改）'),
    letters: z.array(LetterSchema),
  }),
);

const str = (d: string) => z.string().max(4000).describe(d);
const count = (d: string) => z.int().min(0).max(999_999_999).describe(d);

export const CaseEventRequestSchema = named(
  'CaseEventRequest',
  z
    .discriminatedUnion('action', [
      z.object({
        action: z.literal('confirm'),
        on: isoDate().optional().describe('确认收到申请的日期（默认今天）'),
        means: str('确认方式，例如电话确认').optional(),
      }),
      z.object({
        action: z.literal('correctionReceived'),
        on: isoDate().optional().describe('收到补正的日期（默认今天）'),
        supplement: str('补正内容').optional(),
        goodReason: str('逾期补正的正当理由').optional(),
      }),
      z.object({ action: z.literal('correctionLapsed') }),
      z.object({
        action: z.literal('consultationAnswered'),
        on: isoDate().optional().describe('收到答复的日期（默认今天）'),
        name: str('征求对象名称（只有一项未结束的征求意见时可以不填）').optional(),
        opinion: z.enum(['consent', 'objection', 'other']).describe('同意公开、不同意公开或者其他意见'),
      }),
      z.object({
        action: z.literal('consultationLapsed'),
        name: str('征求对象名称').optional(),
      }),
      z.object({
        action: z.literal('feePaid'),
        on: isoDate().optional().describe('缴费日期（默认今天）'),
        amountYuan: count('缴费金额（元）').optional(),
        receiptNo: str('票据号').optional(),
      }),
      z.object({ action: z.literal('feeLapsed') }),
      z.object({
        action: z.literal('referral'),
        scope: z.enum(['internal', 'external']).describe('本机关内部承办单位，或者其他机关（本案办结）'),
        to: str('转办对象'),
        reason: str('转办理由').optional(),
      }),
      z.object({
        action: z.literal('withdrawal'),
        on: isoDate().optional().describe('申请人撤回的日期（默认今天）'),
        reason: str('撤回理由').optional(),
      }),
      z.object({
        action: z.literal('reopen'),
        decision: z.enum(['reconsideration', 'litigation']).describe('行政复议决定或者人民法院裁判'),
        decidedOn: isoDate().describe('决定或者裁判日期'),
        dueWorkingDays: count('重新答复期限（工作日）').optional(),
        dueDate: isoDate().optional().describe('重新答复期限（日期；与工作日数只填一项）'),
      }),
      z.object({
        action: z.literal('correction'),
        items: z.array(z.string().max(1000)).max(50).describe('补正事项，须一次性列明'),
        dueWorkingDays: count('补正期限（工作日）'),
      }),
      z.object({
        action: z.literal('consultation'),
        party: z.enum(keys(CONSULTATION_PARTIES)),
        name: str('征求对象名称'),
      }),
      z.object({
        action: z.literal('extension'),
        days: count('延长的工作日数（最长20）'),
        reason: str('延期理由'),
      }),
      z.object({
        action: z.literal('fee'),
        method: z.enum(keys(FEE_METHODS)),
        pieces: count('件数（按件计收）').optional(),
        priorPieces: count('申请人本自然月此前申请件数（按件计收）').optional(),
        pages: count('页数（按量计收）').optional(),
      }),
      z.object({
        action: z.literal('reply'),
        outcome: z.enum(OUTCOME_CODES as [string, ...string[]]),
        providedContent: str('予以公开的内容').optional(),
        withheldContent: str('不予公开的内容').optional(),
        grounds: str('理由和依据').optional(),
        accessChannel: str('获取方式和途径').optional(),
        referredAgency: str('负责公开的行政机关').optional(),
      }),
    ])
    .describe(
      '登记办理事项：与工作台的办理操作相同（同样的输入检查和办理规则），每个事项是案件状态机的一个事件。延期答复只限政府信息公开工作机构负责人；监督人员只能查看。作出答复时同时生成答复书。',
    ),
);

export const CaseEventResultSchema = named(
  'CaseEventResult',
  z.object({
    case: CaseDetailSchema,
    letterId: id().nullable().describe('作出答复时生成的答复书'),
  }),
);

export const AnnualReportSchema = named(
  'CompiledAnnualReport',
  z.object({
    agencyId: id(),
    agencyName: z.string(),
    year: z.int(),
    status: z
      .enum(['draft', 'submitted', 'approved', 'published'])
      .describe('年度报告编辑流程中的状态：草稿、已提交、已审核、已发布'),
    publishedOn: z.string().nullable().describe('发布日期（未发布时为null）'),
    report: ReportSchema.describe(
      '当前编辑中的年度报告：六个部分的文字和由办理记录、录入数据编制的表格（gongkai/annual-report@1）',
    ),
    published: ReportSchema.nullable().describe('已发布的版本（发布时冻结，公众看到的内容；未发布时为null）'),
    findings: z
      .array(
        z.object({
          ruleId: z.string(),
          severity: z.enum(['error', 'warning']),
          status: z.enum(['pass', 'fail', 'not-assessable']),
          message: z.string(),
          cells: z.array(
            z.object({
              table: z.enum(['T2', 'T3', 'T4', 'text', 'meta']),
              key: z.string(),
              label: z.string(),
              raw: z.string(),
              value: z.number().nullable(),
            }),
          ),
        }),
      )
      .describe('规则检查结果'),
    summary: z.object({
      fail: z.int().min(0),
      warn: z.int().min(0),
      pass: z.int().min(0),
      notAssessable: z.int().min(0),
    }),
  }),
);
