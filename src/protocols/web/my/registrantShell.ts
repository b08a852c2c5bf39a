// What every signed-in registrant page shares: who is signed in (the session's reseller and profile), the page shell
// with the registrant navigation and sign-out button, and the one "not found" page that an unknown domain, another
// profile's domain and another reseller's domain all get.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { registrantUsername, type RegistrantRef } from '../../../core/access/registrantDomainAccess.ts';
import { page, REGISTRANT_NAV, type Fragment } from '../layout.ts';
import { sessionOf } from '../sessionCookie.ts';
import type { WebEnv } from '../webEnv.ts';

export const MY_HOME = '/my';
export const MY_SIGN_IN = '/my/signin';
export const MY_SIGN_OUT = '/my/signout';
export const MY_PASSWORD = '/my/password';

export const domainPath = (name: string): string => `${MY_HOME}/domains/${encodeURIComponent(name)}`;

export interface SignedInRegistrant extends RegistrantRef { sessionId: number; csrf: string }

/** The registrant of this request's session; only on pages behind requireSession('registrant', ...). */
export function registrantOf(c: Context<WebEnv>): SignedInRegistrant {
  const s = sessionOf(c);
  // A registrant session always names its profile (signIn.ts); one without is a bug, not a visitor.
  if (s.profileId === null) throw new Error('registrant session without a profile');
  return { resellerId: s.resellerId, profileId: s.profileId, sessionId: s.id, csrf: s.csrfToken };
}

/** A page in the registrant shell: navigation, the profile's username and the sign-out form. */
export async function myPage(c: Context<WebEnv>, o: { title: string; current?: string; body: Fragment }): Promise<Fragment> {
  const who = registrantOf(c);
  const username = await registrantUsername(c.get('core'), who);
  return page({ title: o.title, nav: REGISTRANT_NAV, current: o.current, who: username, signOut: { action: MY_SIGN_OUT, csrf: who.csrf }, body: o.body });
}

/** The same answer for a domain nobody holds and for one the registrant does not hold. */
export async function myNotFound(c: Context<WebEnv>): Promise<Response> {
  return c.html(await myPage(c, {
    title: 'Not found',
    body: html`<p>There is no domain of yours at this address.</p><p><a href="${MY_HOME}">Back to my domains</a></p>`,
  }), 404);
}
