// One contact's fields as a labelled fieldset, and reading them back from a form. Field names are the core's
// contact fields (contact.ts, OpenSRS names) behind a prefix, so a form can hold more than one contact; the core
// validates them (validateContact / validateObjectContact), never this file.
import { html } from 'hono/html';
import type { Contact } from '../../../core/contact.ts';
import type { Fragment } from '../layout.ts';
import { field, formString } from '../forms.ts';

type Values = Partial<Record<string, string>>;

const FIELDS: Array<{ key: keyof Contact; label: string; required?: boolean; type?: 'email'; autocomplete?: string; hint?: string }> = [
  { key: 'first_name', label: 'First name', required: true, autocomplete: 'given-name' },
  { key: 'last_name', label: 'Last name', required: true, autocomplete: 'family-name' },
  { key: 'org_name', label: 'Organisation', autocomplete: 'organization' },
  { key: 'address1', label: 'Address', required: true, autocomplete: 'address-line1' },
  { key: 'address2', label: 'Address (second line)', autocomplete: 'address-line2' },
  { key: 'city', label: 'City', required: true, autocomplete: 'address-level2' },
  { key: 'state', label: 'State or province', autocomplete: 'address-level1' },
  { key: 'postal_code', label: 'Postal code', required: true, autocomplete: 'postal-code' },
  { key: 'country', label: 'Country', required: true, autocomplete: 'country', hint: 'Two-letter code, e.g. CA, DE, US' },
  { key: 'phone', label: 'Phone', required: true, autocomplete: 'tel', hint: 'International form: +1.4165550123' },
  { key: 'email', label: 'E-mail', required: true, type: 'email', autocomplete: 'email' },
];

export const CONTACT_FIELD_KEYS = FIELDS.map((f) => f.key);

/** The fieldset; `prefix` keeps two contacts in one form apart (e.g. "c_"). */
export function contactFieldset(legend: string, prefix: string, values: Values = {}): Fragment {
  return html`<fieldset class="contact"><legend>${legend}</legend><div class="grid2">
${FIELDS.map((f) => field(f.label, `${prefix}${f.key}`, { value: values[f.key] ?? '', required: f.required, type: f.type, autocomplete: f.autocomplete, hint: f.hint }))}
</div></fieldset>`;
}

/** The contact as the form sent it, in the core's field names (unvalidated). */
export function contactFromForm(form: Record<string, unknown>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of CONTACT_FIELD_KEYS) out[key] = formString(form, `${prefix}${key}`);
  return out;
}

/** The fields as hidden inputs, to carry a contact through a confirmation step. */
export function contactHidden(prefix: string, values: Values): Fragment {
  return html`${CONTACT_FIELD_KEYS.map((k) => html`<input type="hidden" name="${prefix}${k}" value="${values[k] ?? ''}">`)}`;
}

/** "Jane Doe, Example Inc., jane@example.com" */
export function contactSummary(c: Values): string {
  return [[c.first_name, c.last_name].filter(Boolean).join(' '), c.org_name, c.email].filter((p) => p).join(', ');
}
