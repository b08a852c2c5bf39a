// The forms of a registrant's domain page: nameservers, contacts, transfer lock, WHOIS privacy and the auth code.
// Each runs the same core command XCP runs for a cookie-authenticated MODIFY, ADVANCED_UPDATE_NAMESERVERS or
// SEND_AUTHCODE, so the same rules (statuses that block a change, TLD support, contact validation, a pending trade)
// apply; this file only reads the form and says what happened. The domain is looked up as the registrant's own
// before anything else: another profile's domain is the same 404 as a name nobody holds, and nothing changes.
import type { Context, Hono } from 'hono';
import { CONTACT_ROLES } from '../../../core/contact.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { setLockState, setWhoisPrivacy } from '../../../core/commands/modifyDomain.ts';
import { sendAuthCode } from '../../../core/commands/registrantMail.ts';
import { updateDomainContacts, type ContactInput } from '../../../core/commands/updateDomainContacts.ts';
import { updateNameservers } from '../../../core/commands/updateNameservers.ts';
import { CoreError } from '../../../core/errors.ts';
import { statusForError } from '../errorPage.ts';
import { formLines, formString } from '../forms.ts';
import type { WebEnv } from '../webEnv.ts';
import { isContactRole, readContactForm } from './contactForm.ts';
import { ownDomain, renderDomainPage, type DomainPageState, type Section } from './domainPage.ts';
import { domainPath, MY_HOME, myNotFound } from './registrantShell.ts';

type Form = Record<string, unknown>;
/** After a change: back to the page with a `done` code; or a page to show at once (the auth code). */
type Outcome = { done: string } | { show: DomainPageState };

interface Action {
  path: string;
  section: Section;
  run(c: Context<WebEnv>, d: DomainRow, form: Form): Promise<Outcome>;
  /** What the form sent, to show again with a refusal. */
  keep?(c: Context<WebEnv>, form: Form): Partial<DomainPageState>;
}

function onOff(form: Form, name: string): boolean {
  const v = formString(form, name);
  if (v !== 'on' && v !== 'off') throw new CoreError('invalid_value', `Invalid data: ${name} must be on or off`, name);
  return v === 'on';
}

function addAction(app: Hono<WebEnv>, a: Action): void {
  app.post(`${MY_HOME}/domains/:name/${a.path}`, async (c) => {
    const d = await ownDomain(c);
    if (!d) return myNotFound(c);
    const form = await c.req.parseBody();
    try {
      const out = await a.run(c, d, form);
      if ('done' in out) return c.redirect(`${domainPath(d.name)}?done=${out.done}#${a.section}`, 303);
      return renderDomainPage(c, d, out.show);
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      const status = statusForError(err) as 400;
      return renderDomainPage(c, d, { error: { section: a.section, text: err.message }, ...a.keep?.(c, form) }, status);
    }
  });
}

const ACTIONS: Action[] = [
  {
    path: 'nameservers', section: 'nameservers',
    // ADVANCED_UPDATE_NAMESERVERS op_type=assign: the list given replaces the delegation.
    async run(c, d, form) {
      const r = await updateNameservers(c.get('core'), d, { op: 'assign', names: formLines(form, 'nameservers') });
      return { done: !r.changed ? 'nameservers-unchanged' : r.status === 'submitted' ? 'nameservers-submitted' : 'nameservers' };
    },
    keep: (_c, form) => ({ nameserversText: formString(form, 'nameservers') }),
  },
  {
    path: 'contacts/:role', section: 'contacts',
    // MODIFY data=contact_info: the roles given are replaced, the others keep their contact.
    async run(c, d, form) {
      const role = c.req.param('role') ?? '';
      if (!isContactRole(role)) throw new CoreError('invalid_value', `There is no ${role} contact`, 'role');
      const { contact, roles } = readContactForm(form, role);
      const input: ContactInput = {};
      for (const r of roles) input[r] = contact;
      await updateDomainContacts(c.get('core'), d, input);
      return { done: 'contacts' };
    },
    keep(c, form) {
      const role = c.req.param('role') ?? '';
      if (!isContactRole(role)) return {};
      const values: Record<string, string> = { ...readContactForm(form, role).contact };
      for (const r of CONTACT_ROLES) if (formString(form, `also_${r}`) === '1') values[`also_${r}`] = '1';
      return { contact: { role, values } };
    },
  },
  {
    path: 'lock', section: 'lock',
    // MODIFY data=status lock_state.
    async run(c, d, form) {
      const lock = onOff(form, 'lock');
      await setLockState(c.get('core'), d, lock);
      return { done: lock ? 'locked' : 'unlocked' };
    },
  },
  {
    path: 'whois-privacy', section: 'privacy',
    // MODIFY data=whois_privacy_state.
    async run(c, d, form) {
      const on = onOff(form, 'privacy');
      await setWhoisPrivacy(c.get('core'), d, on);
      return { done: on ? 'privacy-on' : 'privacy-off' };
    },
  },
  {
    path: 'auth-code', section: 'authcode',
    // GET type=domain_auth_info, which a registrant's cookie may read: shown in the answer to this POST only, so it
    // never sits in a URL, a history entry or a cache.
    async run(_c, d) {
      return { show: { authCode: d.auth_code } };
    },
  },
  {
    path: 'auth-code/send', section: 'authcode',
    // SEND_AUTHCODE: to the admin contact, through the outbox.
    async run(c, d) {
      await sendAuthCode(c.get('core'), d);
      return { done: 'auth-code-sent' };
    },
  },
];

export function addDomainActions(app: Hono<WebEnv>): void {
  for (const a of ACTIONS) addAction(app, a);
}
