/**
 * The application form's fields (flat names, one per input) and their mapping to the intake schema
 * of 条例第二十九条 (src/cases/intake.ts), and back from the schema's error paths to the fields, so
 * each Chinese message stands next to its input.
 */
import type { CHANNELS } from '../../cases/config.ts';
import { DELIVERY_WAYS, ID_DOCUMENT_TYPES, INFORMATION_FORMS } from '../../cases/intake.ts';
import { APPLICANT_TYPES } from '../../cases/outcomes.ts';
import type { FieldErrors, Option } from '../forms.tsx';
import { addError } from '../forms.tsx';
import { type FormBody, text } from '../http.ts';

export const APPLICATION_FIELDS = [
  'applicantType',
  'personName',
  'idType',
  'idNumber',
  'workUnit',
  'orgName',
  'creditCode',
  'legalRepresentative',
  'contactPerson',
  'contact',
  'phone',
  'email',
  'address',
  'postcode',
  'fax',
  'description',
  'infoTitle',
  'documentNumber',
  'purpose',
  'form',
  'delivery',
  'needsAssistance',
  'attachments',
] as const;

export type ApplicationValues = Partial<Record<(typeof APPLICATION_FIELDS)[number], string>>;

export const applicantTypeOptions: Option[] = Object.entries(APPLICANT_TYPES).map(([value, t]) => ({
  value,
  label: value === 'naturalPerson' ? '自然人（公民）' : value === 'otherOrganization' ? '其他组织' : t.label,
}));

export const idTypeOptions: Option[] = Object.entries(ID_DOCUMENT_TYPES).map(([value, t]) => ({
  value,
  label: t.label,
}));

export const formOptions: Option[] = Object.entries(INFORMATION_FORMS).map(([value, t]) => ({
  value,
  label: t.label,
}));

export const deliveryOptions: Option[] = Object.entries(DELIVERY_WAYS).map(([value, t]) => ({
  value,
  label: t.label,
}));

/** The channel of applications made on this portal (条例第三十一条第（四）项: 互联网渠道). */
export const PORTAL_CHANNEL: keyof typeof CHANNELS = 'online';

/** The text fields of the form as sent (trimmed to a sane length). */
export function valuesOf(body: FormBody): ApplicationValues {
  const v: ApplicationValues = {};
  for (const name of APPLICATION_FIELDS) {
    if (name === 'attachments' || name === 'contact') continue;
    const s = text(body, name);
    if (s !== '') v[name] = s.slice(0, 4000);
  }
  return v;
}

const orUndefined = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);

/** The intake input (ApplicationSchema) built from the form's values (staff intake passes its channel). */
export function applicationInput(
  v: ApplicationValues,
  channel: string = PORTAL_CHANNEL,
): Record<string, unknown> {
  const type = orUndefined(v.applicantType);
  const applicant =
    type === 'naturalPerson'
      ? {
          type,
          name: v.personName ?? '',
          idDocument: { type: orUndefined(v.idType), number: v.idNumber ?? '' },
          workUnit: v.workUnit,
        }
      : type !== undefined
        ? {
            type,
            name: v.orgName ?? '',
            creditCode: v.creditCode ?? '',
            legalRepresentative: v.legalRepresentative,
            contactPerson: v.contactPerson,
          }
        : { type };
  return {
    applicant,
    contact: {
      phone: v.phone,
      email: v.email,
      address: v.address,
      postcode: v.postcode,
      fax: v.fax,
    },
    information: {
      description: v.description ?? '',
      title: v.infoTitle,
      documentNumber: v.documentNumber,
    },
    form: orUndefined(v.form),
    delivery: orUndefined(v.delivery),
    channel,
    purpose: v.purpose,
    ...(v.needsAssistance ? { needsAssistance: true } : {}),
  };
}

const PATHS: Record<string, string> = {
  applicant: 'applicantType',
  'applicant.type': 'applicantType',
  'applicant.idDocument': 'idType',
  'applicant.idDocument.type': 'idType',
  'applicant.idDocument.number': 'idNumber',
  'applicant.workUnit': 'workUnit',
  'applicant.creditCode': 'creditCode',
  'applicant.legalRepresentative': 'legalRepresentative',
  'applicant.contactPerson': 'contactPerson',
  contact: 'contact',
  'contact.phone': 'phone',
  'contact.email': 'email',
  'contact.address': 'address',
  'contact.postcode': 'postcode',
  'contact.fax': 'fax',
  information: 'description',
  'information.description': 'description',
  'information.title': 'infoTitle',
  'information.documentNumber': 'documentNumber',
  form: 'form',
  delivery: 'delivery',
  purpose: 'purpose',
  needsAssistance: 'needsAssistance',
  channel: 'channel',
};

/** The intake's errors placed on the form's fields: the first message of each field (an empty ID number is "必填", not also "无效"). */
export function fieldErrorsOf(
  errors: { path: string; message: string }[],
  applicantType: string | undefined,
): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    let field = PATHS[e.path] ?? '';
    if (e.path === 'applicant.name') field = applicantType === 'naturalPerson' ? 'personName' : 'orgName';
    if (field && out[field]?.length) continue;
    addError(out, field, e.message);
  }
  return out;
}
