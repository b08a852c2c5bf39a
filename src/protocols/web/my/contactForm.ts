// A domain contact as a form: every OpenSRS contact field with a visible label, so saving a role replaces its whole
// contact with exactly what the form shows (the core validates it: commands/modifyDomain.ts). A role's form may also
// apply the same contact to the other roles, which is one change of several roles, as XCP's contact_set allows.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { CONTACT_FIELDS, CONTACT_ROLES, type Contact, type ContactField, type ContactRole } from '../../../core/contact.ts';
import { checkbox, csrfInput, field, formString } from '../forms.ts';
import type { Fragment } from '../layout.ts';
import type { WebEnv } from '../webEnv.ts';

export const ROLE_NAMES: Record<ContactRole, string> = { owner: 'Owner', admin: 'Administrative', billing: 'Billing', tech: 'Technical' };

const LABELS: Record<ContactField, { label: string; autocomplete?: string; hint?: string; type?: 'email' }> = {
  first_name: { label: 'First name', autocomplete: 'given-name' },
  last_name: { label: 'Last name', autocomplete: 'family-name' },
  org_name: { label: 'Organisation', autocomplete: 'organization' },
  address1: { label: 'Address line 1', autocomplete: 'address-line1' },
  address2: { label: 'Address line 2', autocomplete: 'address-line2' },
  address3: { label: 'Address line 3', autocomplete: 'address-line3' },
  city: { label: 'City', autocomplete: 'address-level2' },
  state: { label: 'State or province', autocomplete: 'address-level1' },
  postal_code: { label: 'Postal code', autocomplete: 'postal-code' },
  country: { label: 'Country', autocomplete: 'country', hint: 'Two-letter code, such as CA, DE or GB.' },
  phone: { label: 'Phone', autocomplete: 'tel', hint: 'With the country code, such as +1.4165550123.' },
  fax: { label: 'Fax', hint: 'Optional, written like the phone number.' },
  email: { label: 'E-mail', autocomplete: 'email', type: 'email' },
  lang: { label: 'Language', hint: 'Two-letter code, such as EN or FR.' },
};

/** The fields in the order a person fills them in. */
const FORM_ORDER: ContactField[] = ['first_name', 'last_name', 'org_name', 'email', 'phone', 'fax', 'address1', 'address2', 'address3', 'city', 'state', 'postal_code', 'country', 'lang'];

export function isContactRole(s: string): s is ContactRole {
  return (CONTACT_ROLES as readonly string[]).includes(s);
}

/** A contact's summary: name, organisation, address, e-mail and phone. */
export function contactSummary(c: Contact | undefined): Fragment {
  if (!c) return html`<p class="muted">None on record.</p>`;
  const lines = [`${c.first_name} ${c.last_name}`.trim(), c.org_name, c.address1, c.address2, c.address3, [c.postal_code, c.city, c.state].filter(Boolean).join(' '), c.country]
    .filter((l) => l !== '');
  return html`<address class="my-address">${lines.map((l) => html`${l}<br>`)}<a href="mailto:${c.email}">${c.email}</a><br>${c.phone}</address>`;
}

/** The edit form of one role, filled with `values` (the contact on record, or what was sent back with an error). */
export function contactForm(c: Context<WebEnv>, action: string, role: ContactRole, values: Partial<Record<string, string>>): Fragment {
  const others = CONTACT_ROLES.filter((r) => r !== role);
  return html`<form class="my-contact-form" method="post" action="${action}">
${csrfInput(c)}
<div class="my-fields">
${FORM_ORDER.map((f) => field(LABELS[f].label, f, { value: values[f] ?? '', autocomplete: LABELS[f].autocomplete, hint: LABELS[f].hint, type: LABELS[f].type }))}
</div>
<fieldset class="my-also"><legend>Also use this contact as</legend>
${others.map((r) => checkbox(`${ROLE_NAMES[r]} contact`, `also_${r}`, values[`also_${r}`] === '1'))}
</fieldset>
<button type="submit">Save ${ROLE_NAMES[role].toLowerCase()} contact</button>
</form>`;
}

/** The contact the form sent, and the roles it is for (the form's own role first). */
export function readContactForm(form: Record<string, unknown>, role: ContactRole): { contact: Record<string, string>; roles: ContactRole[] } {
  const contact: Record<string, string> = {};
  for (const f of CONTACT_FIELDS) contact[f] = formString(form, f);
  const roles = [role, ...CONTACT_ROLES.filter((r) => r !== role && formString(form, `also_${r}`) === '1')];
  return { contact, roles };
}
