/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Accessible form pieces: every input has a <label for>, hints and errors are tied to it with
 * aria-describedby, invalid inputs carry aria-invalid, groups of choices are a <fieldset> with a
 * <legend>, and an error summary at the top links to each field. Forms use `novalidate` so that the
 * server's Chinese messages are what people see (the browser's would be in its own language).
 *
 * Field ids are `f-<name>`; an error's id is `f-<name>-error`, a hint's `f-<name>-hint`.
 */
import type { Child, FC } from 'hono/jsx';

/** Messages per field name ('' = the form as a whole). */
export type FieldErrors = Record<string, string[]>;

export interface SummaryItem {
  /** The field name the message links to ('' for none). */
  field: string;
  message: string;
}

export const fieldId = (name: string) => `f-${name}`;

export function addError(errors: FieldErrors, field: string, message: string): void {
  const list = errors[field] ?? [];
  if (!list.includes(message)) list.push(message);
  errors[field] = list;
}

export const hasErrors = (errors: FieldErrors) => Object.values(errors).some((l) => l.length > 0);

/**
 * The error summary at the top of a form (role="alert": read out when the page loads; focused on
 * load through `autofocus`, which works without JavaScript). `order` lists the field names in page
 * order; `anchors` maps a field name to the id of the element to link to when it is not `f-<name>`
 * (a group's first choice).
 */
export const ErrorSummary: FC<{
  errors: FieldErrors;
  order?: string[];
  anchors?: Record<string, string>;
}> = ({ errors, order = [], anchors = {} }) => {
  const names = [
    ...order.filter((n) => errors[n]?.length),
    ...Object.keys(errors).filter((n) => !order.includes(n) && errors[n]?.length),
  ];
  const items: SummaryItem[] = names.flatMap((n) =>
    (errors[n] ?? []).map((message) => ({ field: n, message })),
  );
  if (!items.length) return null;
  return (
    // autofocus, not a script: without JavaScript too, focus starts on the summary (not on <body>
    // with the header and breadcrumb links before it), so the next Tab reaches the first field link
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">提交的内容有{items.length}处需要修改</h2>
      <ul>
        {items.map((i) =>
          i.field ? (
            <li>
              <a href={`#${anchors[i.field] ?? fieldId(i.field)}`}>{i.message}</a>
            </li>
          ) : (
            <li>{i.message}</li>
          ),
        )}
      </ul>
    </div>
  );
};

const describedBy = (base: string, hint: boolean, error: boolean) =>
  [hint ? `${base}-hint` : '', error ? `${base}-error` : ''].filter(Boolean).join(' ') || undefined;

const RequiredMark: FC<{ required?: boolean }> = ({ required }) =>
  required ? <span class="req">（必填）</span> : <span class="req">（选填）</span>;

export const ErrorText: FC<{ id: string; messages?: string[] }> = ({ id, messages }) =>
  messages?.length ? (
    <p class="error-message" id={id}>
      <span class="visually-hidden">错误：</span>
      {messages.join('；')}
    </p>
  ) : null;

interface FieldProps {
  name: string;
  label: string;
  value?: string;
  errors?: FieldErrors;
  hint?: Child;
  required?: boolean;
  /** The input's id when `f-<name>` is not unique on the page (several forms with the same names). */
  id?: string;
}

/** What the wrapper hands to its control: the id and the ARIA attributes tying label, hint and error to it. */
export interface ControlAttrs {
  id: string;
  name: string;
  'aria-required'?: 'true';
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

const aria = ({ id: _, name: __, ...rest }: ControlAttrs) => rest;

/**
 * The one field wrapper: label (with 必填/选填), hint, error message and the control, the control
 * tied to them with aria-describedby / aria-invalid. Every single-control field type uses it.
 */
export const FieldWrapper: FC<FieldProps & { control: (a: ControlAttrs) => Child }> = (p) => {
  const base = p.id ?? fieldId(p.name);
  const err = p.errors?.[p.name];
  const hasErr = !!err?.length;
  return (
    <div class={`field${hasErr ? ' has-error' : ''}`}>
      <label for={base}>
        {p.label}
        <RequiredMark required={p.required} />
      </label>
      {p.hint ? (
        <p class="hint" id={`${base}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <ErrorText id={`${base}-error`} messages={err} />
      {p.control({
        id: base,
        name: p.name,
        'aria-required': p.required ? 'true' : undefined,
        'aria-invalid': hasErr ? 'true' : undefined,
        'aria-describedby': describedBy(base, !!p.hint, hasErr),
      })}
    </div>
  );
};

export const TextField: FC<
  FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'password' | 'date';
    autocomplete?: string;
    inputmode?: 'text' | 'numeric' | 'tel' | 'email';
    size?: 'short' | 'medium';
    maxlength?: number;
    spellcheck?: boolean;
  }
> = (p) => (
  <FieldWrapper
    {...p}
    control={(a) => (
      <input
        type={p.type ?? 'text'}
        id={a.id}
        name={a.name}
        value={p.type === 'password' ? '' : (p.value ?? '')}
        class={p.size}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        spellcheck={p.spellcheck === false ? false : undefined}
        {...aria(a)}
      />
    )}
  />
);

export const TextArea: FC<FieldProps & { rows?: number; maxlength?: number }> = (p) => (
  <FieldWrapper
    {...p}
    control={(a) => (
      <textarea id={a.id} name={a.name} rows={p.rows ?? 5} maxlength={p.maxlength} {...aria(a)}>
        {p.value ?? ''}
      </textarea>
    )}
  />
);

export interface Option {
  value: string;
  label: string;
}

export const SelectField: FC<FieldProps & { options: Option[]; placeholder?: string }> = (p) => (
  <FieldWrapper
    {...p}
    control={(a) => (
      <select id={a.id} name={a.name} {...aria(a)}>
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    )}
  />
);

/** The id of a group's choice (link target of its errors: the first choice). */
export const choiceId = (name: string, value: string) => `${fieldId(name)}-${value}`;

/** Radio buttons (one value) or checkboxes (`multiple`) in a fieldset with a legend. */
export const ChoiceGroup: FC<
  FieldProps & {
    options: Option[];
    multiple?: boolean;
    values?: string[];
    inline?: boolean;
    class?: string;
  }
> = (p) => {
  const base = p.id ?? fieldId(p.name);
  const err = p.errors?.[p.name];
  const hasErr = !!err?.length;
  const checked = (v: string) => (p.multiple ? (p.values ?? []).includes(v) : p.value === v);
  return (
    <fieldset
      class={`field${hasErr ? ' has-error' : ''}${p.class ? ` ${p.class}` : ''}`}
      aria-describedby={describedBy(base, !!p.hint, hasErr)}
    >
      <legend>
        {p.label}
        <RequiredMark required={p.required} />
      </legend>
      {p.hint ? (
        <p class="hint" id={`${base}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <ErrorText id={`${base}-error`} messages={err} />
      <ul class={`choices${p.inline ? ' inline' : ''}`}>
        {p.options.map((o) => (
          <li class="choice">
            <input
              type={p.multiple ? 'checkbox' : 'radio'}
              id={`${base}-${o.value}`}
              name={p.name}
              value={o.value}
              checked={checked(o.value)}
              aria-invalid={hasErr ? 'true' : undefined}
            />
            <label for={`${base}-${o.value}`}>{o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
};

/** One checkbox with its label (a confirmation, a yes/no option). */
export const Checkbox: FC<{
  name: string;
  label: Child;
  checked?: boolean;
  errors?: FieldErrors;
  value?: string;
  id?: string;
}> = (p) => {
  const base = p.id ?? fieldId(p.name);
  const err = p.errors?.[p.name];
  const hasErr = !!err?.length;
  return (
    <div class={`field${hasErr ? ' has-error' : ''}`}>
      <ErrorText id={`${base}-error`} messages={err} />
      <div class="choice">
        <input
          type="checkbox"
          id={base}
          name={p.name}
          value={p.value ?? '1'}
          checked={p.checked}
          aria-invalid={hasErr ? 'true' : undefined}
          aria-describedby={hasErr ? `${base}-error` : undefined}
        />
        <label for={base}>{p.label}</label>
      </div>
    </div>
  );
};

/** A file input (multiple files), with its limits in the hint. */
export const FileField: FC<FieldProps & { accept: string; multiple?: boolean }> = (p) => (
  <FieldWrapper
    {...p}
    control={(a) => (
      <input
        type="file"
        id={a.id}
        name={a.name}
        accept={p.accept}
        multiple={p.multiple}
        aria-invalid={a['aria-invalid']}
        aria-describedby={a['aria-describedby']}
      />
    )}
  />
);
