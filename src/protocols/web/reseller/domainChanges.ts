// The changes a reseller makes on a domain's page: nameservers, lock, auto-renew, WHOIS privacy, contacts and the
// auth code (shown on request, or replaced). Each is the core command XCP and EPP use for the same change
// (updateNameservers, modifyDomain.ts); the domain is found through ownDomain, so another reseller's domain is
// "not found" here too. A refused change re-renders the page with the core's message and what was typed.
import type { Hono } from 'hono';
import { updateNameservers } from '../../../core/commands/updateNameservers.ts';
import { modifyContacts, setAuthCode, setExpireAction, setLockState, setWhoisPrivacy } from '../../../core/commands/modifyDomain.ts';
import { authCodeOrGenerated } from '../../../core/domainAuthCode.ts';
import { CONTACT_ROLES } from '../../../core/contact.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { formLines, formString } from '../forms.ts';
import { contactFromForm } from './contactFields.ts';
import { renderDomainPage } from './domainPage.ts';
import { domainPath, ownDomain } from './ownDomain.ts';
import { doneRedirect, orShowError } from './resellerShell.ts';

type Form = Record<string, unknown>;

function onOff(form: Form): boolean {
  const v = formString(form, 'value');
  if (v !== 'on' && v !== 'off') throw new CoreError('invalid_value', 'Invalid data: value must be on or off', 'value');
  return v === 'on';
}

export function addDomainChanges(app: Hono<WebEnv>): void {
  app.post('/domains/:name/nameservers', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    return orShowError(async () => {
      const r = await updateNameservers(c.get('core'), d, { op: 'assign', names: formLines(form, 'nameservers') });
      return doneRedirect(c, domainPath(d.name), !r.changed ? 'nameservers-unchanged' : r.status === 'submitted' ? 'submitted' : 'nameservers');
    }, (error) => renderDomainPage(c, d, { error, nameservers: formString(form, 'nameservers') }));
  });

  app.post('/domains/:name/lock', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    return orShowError(async () => {
      const on = onOff(form);
      await setLockState(c.get('core'), d, on);
      return doneRedirect(c, domainPath(d.name), on ? 'locked' : 'unlocked');
    }, (error) => renderDomainPage(c, d, { error }));
  });

  app.post('/domains/:name/autorenew', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    return orShowError(async () => {
      const on = onOff(form);
      await setExpireAction(c.get('core'), d, on, undefined);
      return doneRedirect(c, domainPath(d.name), on ? 'autorenew-on' : 'autorenew-off');
    }, (error) => renderDomainPage(c, d, { error }));
  });

  app.post('/domains/:name/privacy', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    return orShowError(async () => {
      const on = onOff(form);
      await setWhoisPrivacy(c.get('core'), d, on);
      return doneRedirect(c, domainPath(d.name), on ? 'privacy-on' : 'privacy-off');
    }, (error) => renderDomainPage(c, d, { error }));
  });

  app.post('/domains/:name/contacts', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    const contact = contactFromForm(form, 'c_');
    return orShowError(async () => {
      // Roles not ticked are left out, so modifyContacts keeps their contacts (and refuses an empty change).
      const roles = CONTACT_ROLES.filter((role) => formString(form, `role_${role}`) === '1');
      await modifyContacts(c.get('core'), d, Object.fromEntries(roles.map((role) => [role, contact])));
      return doneRedirect(c, domainPath(d.name), 'contacts');
    }, (error) => renderDomainPage(c, d, { error, contact }));
  });

  app.post('/domains/:name/authcode', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    return orShowError(async () => {
      const code = authCodeOrGenerated(formString(form, 'authCode'));
      await setAuthCode(c.get('core'), d, code);
      return doneRedirect(c, domainPath(d.name), 'authcode');
    }, (error) => renderDomainPage(c, d, { error }));
  });

  app.post('/domains/:name/authcode/show', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    c.header('Cache-Control', 'no-store');
    return renderDomainPage(c, d, { authCode: d.auth_code });
  });
}
