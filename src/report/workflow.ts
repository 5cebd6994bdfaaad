/**
 * The annual report's workflow as a pure state machine: draft → submitted → approved → published,
 * returned for revision with a comment, and corrected after publication (reopened with a reason;
 * the published version stays public until the correction is published as a new version).
 *
 * Every refusal is a Chinese message that names the workflow rule (AR-01 …) and, where there is
 * one, the legal basis. The publication deadline is PUB-01/PUB-02/PUB-03 of spec §1.6
 * (条例第四十九条). No I/O: the store (src/store/annualReports.ts) is the adapter.
 */
import type { Role } from '../store/agencies.ts';
import type { RuleResult } from './rules/types.ts';

export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'published';

export const REPORT_STATUS_LABEL: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核，待发布',
  published: '已发布',
};

export type ReportAction = 'edit' | 'submit' | 'approve' | 'return' | 'publish' | 'reopen';

export const REPORT_ACTION_LABEL: Record<ReportAction, string> = {
  edit: '修改',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  publish: '发布',
  reopen: '更正已发布的年报',
};

/** Who may take each action (besides the agency scope; supervisors and admins only read). */
export const ACTION_ROLES: Record<ReportAction, readonly Role[]> = {
  edit: ['clerk', 'sectionHead', 'officeHead'],
  submit: ['clerk', 'sectionHead', 'officeHead'],
  // 格式2021（四）明确责任: the 政府信息公开工作机构 is the 法定责任主体, so its head approves and publishes
  approve: ['officeHead'],
  return: ['officeHead'],
  publish: ['officeHead'],
  reopen: ['officeHead'],
};

/** The workflow rules; each refusal quotes one. */
export const WORKFLOW_RULES = {
  'AR-01': '只有草稿（含退回修改的）年报可以修改正文和表二填报数据',
  'AR-02': '只有草稿年报可以提交审核',
  'AR-03': '只有待审核的年报可以审核通过或退回',
  'AR-04': '退回修改必须写明退回意见',
  'AR-05': '只有审核通过的年报可以发布',
  'AR-06': '检查结果有错误的年报不能发布（警告不影响发布）',
  'AR-07': '只有已发布的年报需要更正；更正必须写明理由，更正后须重新审核、发布',
  'AR-08': '提交审核前，第一、五、六部分的正文不能为空（条例第五十条）',
  'AR-09':
    '角色权限：提交由承办人、股室负责人或政府信息公开工作机构负责人办理；审核、退回、发布和更正由政府信息公开工作机构负责人办理',
} as const;
export type WorkflowRuleId = keyof typeof WORKFLOW_RULES;

export class WorkflowError extends Error {
  constructor(
    public readonly rule: WorkflowRuleId,
    detail: string,
  ) {
    super(`${detail}（${rule}：${WORKFLOW_RULES[rule]}）`);
    this.name = 'WorkflowError';
  }
}

/** Sections whose text the agency writes; 一、五、六 must not be empty (条例第五十条). */
export const REQUIRED_SECTIONS = ['overview', 'problems', 'other'] as const;

export interface WorkflowState {
  status: ReportStatus;
  /** Versions published so far (0: never published). */
  publishedVersion: number;
}

export interface TransitionInput {
  action: Exclude<ReportAction, 'edit'>;
  role: Role;
  /** Return comment or correction reason. */
  comment?: string;
  /** Narrative sections by key (submit checks the required ones). */
  sections?: Record<string, string>;
  /** Rule checker results (publish refuses failed errors other than E-12). */
  findings?: RuleResult[];
}

/** Failed rule results that block publication: errors, except lateness (E-12) — a late report must still be published. */
export function blockingFindings(findings: RuleResult[]): RuleResult[] {
  return findings.filter((f) => f.status === 'fail' && f.severity === 'error' && f.ruleId !== 'E-12');
}

/** Refuses a role that may never take the action (AR-09), whatever the report's state. */
export function checkRole(action: ReportAction, role: Role): void {
  if (!ACTION_ROLES[action].includes(role))
    throw new WorkflowError('AR-09', `您的角色不能“${REPORT_ACTION_LABEL[action]}”`);
}

/** Whether the sections and table 二 inputs may be edited now (throws with the rule otherwise). */
export function assertEditable(state: WorkflowState, role: Role): void {
  checkRole('edit', role);
  if (state.status !== 'draft')
    throw new WorkflowError(
      'AR-01',
      `年报当前状态为“${REPORT_STATUS_LABEL[state.status]}”，不能修改${state.status === 'published' ? '；如需更正，请先办理“更正已发布的年报”' : '；如需修改，请由政府信息公开工作机构负责人退回'}`,
    );
}

/** The state after the action, or a WorkflowError naming the rule. */
export function transition(state: WorkflowState, t: TransitionInput): WorkflowState {
  checkRole(t.action, t.role);
  const label = REPORT_STATUS_LABEL[state.status];
  switch (t.action) {
    case 'submit': {
      if (state.status !== 'draft')
        throw new WorkflowError('AR-02', `年报当前状态为“${label}”，不能提交审核`);
      const missing = REQUIRED_SECTIONS.filter((k) => !t.sections?.[k]?.trim());
      if (missing.length)
        throw new WorkflowError('AR-08', `以下部分尚未填写：${missing.map(sectionHeading).join('、')}`);
      return { ...state, status: 'submitted' };
    }
    case 'approve':
      if (state.status !== 'submitted')
        throw new WorkflowError('AR-03', `年报当前状态为“${label}”，不能审核通过`);
      return { ...state, status: 'approved' };
    case 'return':
      if (state.status !== 'submitted' && state.status !== 'approved')
        throw new WorkflowError('AR-03', `年报当前状态为“${label}”，不能退回`);
      if (!t.comment?.trim()) throw new WorkflowError('AR-04', '请填写退回意见');
      return { ...state, status: 'draft' };
    case 'publish': {
      if (state.status !== 'approved') throw new WorkflowError('AR-05', `年报当前状态为“${label}”，不能发布`);
      const blocking = blockingFindings(t.findings ?? []);
      if (blocking.length)
        throw new WorkflowError(
          'AR-06',
          `检查发现${blocking.length}个错误：${blocking
            .slice(0, 3)
            .map((f) => `${f.ruleId} ${f.message}`)
            .join('；')}${blocking.length > 3 ? '……' : ''}`,
        );
      return { status: 'published', publishedVersion: state.publishedVersion + 1 };
    }
    case 'reopen':
      if (state.status !== 'published')
        throw new WorkflowError('AR-07', `年报当前状态为“${label}”，无需更正`);
      if (!t.comment?.trim()) throw new WorkflowError('AR-07', '请填写更正理由');
      return { ...state, status: 'draft' };
  }
}

/** The actions a role may take in a state (the machine has the last word on content checks). */
export function actionsAllowed(state: WorkflowState, role: Role): ReportAction[] {
  const out: ReportAction[] = [];
  const may = (a: ReportAction) => ACTION_ROLES[a].includes(role);
  if (state.status === 'draft' && may('edit')) out.push('edit');
  if (state.status === 'draft' && may('submit')) out.push('submit');
  if (state.status === 'submitted' && may('approve')) out.push('approve');
  if ((state.status === 'submitted' || state.status === 'approved') && may('return')) out.push('return');
  if (state.status === 'approved' && may('publish')) out.push('publish');
  if (state.status === 'published' && may('reopen')) out.push('reopen');
  return out;
}

const SECTION_HEADINGS: Record<string, string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};
export const sectionHeading = (key: string) => SECTION_HEADINGS[key] ?? key;

// ---------------------------------------------------------------------------------------------
// Publication deadline (spec §1.6, 条例第四十九条)

export type AgencyKindForDeadline = 'government' | 'department' | 'township' | string;

export interface Deadline {
  /** PUB-01 / PUB-02 / PUB-03 */
  rule: 'PUB-01' | 'PUB-02' | 'PUB-03';
  /** Last day (inclusive), or null when the Regulations set none. */
  date: string | null;
  /** One Chinese sentence with the basis. */
  basis: string;
}

export function publicationDeadline(kind: AgencyKindForDeadline, year: number): Deadline {
  if (kind === 'government')
    return {
      rule: 'PUB-02',
      date: `${year + 1}-03-31`,
      basis:
        '县级以上地方人民政府的年度报告由政府信息公开工作主管部门在每年3月31日前向社会公布（条例第四十九条第二款）',
    };
  if (kind === 'department')
    return {
      rule: 'PUB-01',
      date: `${year + 1}-01-31`,
      basis:
        '县级以上人民政府部门应当在每年1月31日前提交并向社会公布上一年度年度报告（条例第四十九条第一款）',
    };
  return {
    rule: 'PUB-03',
    date: null,
    basis: '条例第四十九条未规定乡镇（街道）年度报告的发布期限，以省级规定为准',
  };
}

const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

/** Calendar days from `today` to the deadline (negative when overdue), or null without a deadline. */
export function daysToDeadline(deadline: Deadline, today: string): number | null {
  if (!deadline.date) return null;
  return Math.round((dayNumber(deadline.date) - dayNumber(today)) / 86_400_000);
}

/** “还有12天” / “今天截止” / “已逾期3天” / “按期发布” …, for the list and the editor. */
export function deadlineText(deadline: Deadline, today: string, publishedOn: string | null): string {
  if (!deadline.date) return '无全国统一期限';
  if (publishedOn) {
    const late = daysToDeadline(deadline, publishedOn)!;
    return late >= 0 ? '按期发布' : `逾期${-late}天发布`;
  }
  const d = daysToDeadline(deadline, today)!;
  if (d > 0) return `还有${d}天`;
  if (d === 0) return '今天截止';
  return `已逾期${-d}天`;
}
