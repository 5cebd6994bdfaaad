/**
 * The values of a letter taken from a case: the application (applicant, information, form and way
 * of delivery) and the projected CaseView (dates, correction items, extension, fee, consultation).
 * What the view does not hold (the reasons of a reply, the agency responsible …) comes in `extra`,
 * which wins over everything derived here.
 */
import { CHANNELS } from '../config.ts';
import { CONSULTATION_PARTIES } from '../events.ts';
import { FEE_METHODS } from '../fees.ts';
import {
  type Application,
  DELIVERY_WAYS,
  type DeliveryWay,
  INFORMATION_FORMS,
  type InformationForm,
} from '../intake.ts';
import type { CaseView } from '../machine.ts';
import type { LetterValues } from './render.ts';
import { type LetterKind, outcomeOfKind } from './templates.ts';

/** How disclosed information reaches the applicant (条例第四十条), as the reply says it. */
export function deliveryPhrase(form: InformationForm, way: DeliveryWay): string {
  const f = INFORMATION_FORMS[form].label;
  switch (way) {
    case 'collect':
      return `请您持本答复书到本机关政府信息公开工作机构领取${f}`;
    case 'post':
      return `现以${f}形式邮寄给您`;
    case 'email':
      return `现以${f}形式通过电子邮件发送给您`;
    case 'fax':
      return `现以${f}形式传真给您`;
    case 'online':
      return `现以${f}形式通过本平台提供给您`;
    case 'inspect':
      return '请您到本机关政府信息公开工作机构查阅、抄录';
    default:
      return `现通过${DELIVERY_WAYS[way as DeliveryWay]?.label ?? way}方式向您提供`;
  }
}

export interface CaseLetterSource {
  view: CaseView;
  application?: Pick<Application, 'applicant' | 'information' | 'form' | 'delivery'>;
  /** The case number shown to people (登记编号), e.g. '2026-00012'. */
  caseNumber?: string;
}

const put = <K extends keyof LetterValues>(out: LetterValues, key: K, v: LetterValues[K] | undefined) => {
  if (v !== undefined) out[key] = v;
};

/** The placeholder values of letter `kind` for a case; `extra` wins. */
export function letterValuesFromCase(
  kind: LetterKind,
  src: CaseLetterSource,
  extra: LetterValues = {},
): LetterValues {
  const { view, application } = src;
  const out: LetterValues = {};
  if (application) {
    put(out, 'applicantName', application.applicant.name);
    // 条例第三十条: after a correction the application is the one as corrected
    const supplement = view.correction?.supplement;
    put(
      out,
      'informationDescription',
      supplement
        ? `${application.information.description}（补正内容：${supplement}）`
        : application.information.description,
    );
    put(out, 'deliveryMethod', deliveryPhrase(application.form, application.delivery));
  }
  put(out, 'caseNumber', src.caseNumber);
  put(out, 'channel', CHANNELS[view.channel].label);
  put(out, 'receivedDate', view.receivedDate);
  if (view.correction) {
    put(out, 'correctionItems', view.correction.items);
    put(out, 'correctionRequestedDate', view.correction.requestedOn);
    put(out, 'correctionReceivedDate', view.correction.receivedOn);
  }
  if (view.extension) {
    put(out, 'extensionDays', view.extension.days);
    put(out, 'extensionReason', view.extension.reason);
  }
  if (view.fee) {
    put(out, 'feeMethod', FEE_METHODS[view.fee.method].label);
    put(out, 'feeAmount', view.fee.amountYuan);
    put(out, 'feeNoticeDate', view.fee.noticeOn);
  }
  const consultation = view.consultations[view.consultations.length - 1];
  if (consultation) {
    put(out, 'partyName', consultation.name);
    put(out, 'partyKind', CONSULTATION_PARTIES[consultation.party].label);
    put(out, 'consultationSentDate', consultation.sentOn);
  }
  // the deadline a letter states depends on the letter
  const outcome = outcomeOfKind(kind);
  if (kind === 'correctionNotice' || outcome === 'correctionLapsed')
    put(out, 'dueDate', view.correction?.dueDate);
  else if (kind === 'feeNotice' || outcome === 'feeLapsed') put(out, 'dueDate', view.fee?.paymentDeadline);
  else if (kind === 'extensionNotice' || (kind === 'receipt' && !view.dueProvisional))
    put(out, 'dueDate', view.dueDate);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
