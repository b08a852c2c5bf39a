// Registrant self-service at /my, end to end against a real `regd serve`: domains registered over XCP into a profile
// with a known reg_username/reg_password, a second profile and a second reseller's domain beside them. In a real
// browser (Debian's chromium through playwright-core): the sign-in and its one error, the domain list, nameservers,
// contacts, lock, WHOIS privacy and the auth code, each change checked over XCP (the reseller's side sees it), the
// password change that ends every other sign-in, and sign-out. Over plain HTTPS (node:https): CSRF refusals,
// another profile's or reseller's domain as a 404 that changes nothing, the cookie's attributes, pages without
// inline scripts or style attributes and with a label for every field, and the login throttle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { launchBrowser, newContext, screenshot, watchConsole } from './support/browser.ts';
import { closeStores, cookieFor, expectCode, outbox, register, assoc } from './support/surfaceHelpers.ts';
import { freshName } from './support/fixtures.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';

const USER = 'webreg';
const FIRST_PASSWORD = 'Start-pass1';
const NEW_PASSWORD = 'New-pass22';
const OTHER_USER = 'otherreg';
const OTHER_PASSWORD = 'Other-pass1';
const SIGN_IN_FAILED = 'Wrong username, password or domain name.';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let xcpAlice: XcpClient;
let xcpBob: XcpClient;
let browser: Browser;
let base: string;
/** Two of the profile's domains, another profile's domain (same reseller), and another reseller's. */
const mine = [freshName('com'), freshName('net')].sort();
const othersProfile = freshName('org');
const othersReseller = freshName('com');

before(async () => {
  const launching = launchBrowser();
  server = await startRegd();
  base = `https://127.0.0.1:${server.httpPort}`;
  [alice, bob] = await Promise.all([server.createReseller('alice', '1000'), server.createReseller('bob', '1000')]);
  xcpAlice = server.xcpClient(alice);
  xcpBob = server.xcpClient(bob);
  // The profile is created by its first domain; the rest may go in together.
  await register(xcpAlice, mine[0], { reg_username: USER, reg_password: FIRST_PASSWORD });
  await Promise.all([
    register(xcpAlice, mine[1], { reg_username: USER, reg_password: FIRST_PASSWORD }),
    register(xcpAlice, othersProfile, { reg_username: OTHER_USER, reg_password: OTHER_PASSWORD }),
    // The same username and password at another reseller: a different profile, whose domain this registrant never sees.
    register(xcpBob, othersReseller, { reg_username: USER, reg_password: FIRST_PASSWORD }),
  ]);
  browser = await launching;
});

after(async () => {
  await browser?.close();
  await closeStores();
  await server?.stop();
});

// ---- XCP, the reseller's side ----

async function xcpGet(domain: string, type: string, c: XcpClient = xcpAlice) {
  const r = await c.call('DOMAIN', 'GET', { type }, { domain });
  expectCode(r, 200);
  return r.attributes;
}

const nsNames = async (domain: string, c: XcpClient = xcpAlice) => ((await xcpGet(domain, 'nameservers', c)).nameserver_list as unknown[]).map((n) => String(assoc(n).name));
const contactOf = async (domain: string, role: string) => assoc(assoc((await xcpGet(domain, 'all_info')).contact_set)[role]);
const lockStateOf = async (domain: string, c: XcpClient = xcpAlice) => String((await xcpGet(domain, 'status', c)).lock_state);
const privacyOf = async (domain: string) => String((await xcpGet(domain, 'whois_privacy_state')).state);

// ---- The browser ----

async function signIn(page: Page, o: { username?: string; password: string; domain?: string }): Promise<void> {
  await page.goto('/my/signin');
  await page.getByLabel('Username').fill(o.username ?? USER);
  await page.getByLabel('Password').fill(o.password);
  await page.getByLabel('Domain name').fill(o.domain ?? mine[0]);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectStatus(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor({ timeout: 5000 });
}

let signedIn: BrowserContext;
let signedInPage: Page;
let consoleProblems: string[];
let registrantCookie: string;

test('sign-in: every wrong combination reads the same; then by keyboard alone to the list of the profile\'s own domains', async () => {
  signedIn = await newContext(browser, base);
  const page = signedInPage = await signedIn.newPage();
  consoleProblems = watchConsole(page);

  await page.goto('/my');
  assert.equal(new URL(page.url()).pathname, '/my/signin', 'signed out, /my leads to the sign-in page');
  await screenshot(page, 'registrant-signin');

  await signIn(page, { password: 'wrong-password' });
  assert.equal((await page.getByRole('alert').textContent())?.trim(), SIGN_IN_FAILED);
  assert.equal(await page.getByLabel('Username').inputValue(), USER, 'the username is kept');
  assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is not sent back');
  // Right username and password, but another profile's domain: the same words.
  await signIn(page, { password: FIRST_PASSWORD, domain: othersProfile });
  assert.equal((await page.getByRole('alert').textContent())?.trim(), SIGN_IN_FAILED);
  await signIn(page, { password: FIRST_PASSWORD, domain: 'nobody-holds-this-name.com' });
  assert.equal((await page.getByRole('alert').textContent())?.trim(), SIGN_IN_FAILED);

  // Keyboard only: Tab to the username field, type, Tab on, Enter submits.
  await page.goto('/my/signin');
  for (let i = 0; i < 5 && await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name) !== 'username'; i++) await page.keyboard.press('Tab');
  await page.keyboard.type(USER);
  await page.keyboard.press('Tab');
  await page.keyboard.type(FIRST_PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type(mine[1]);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/my');

  const listed = (await page.locator('table.my-domains tbody tr td:first-child').allTextContents()).map((t) => t.trim());
  assert.deepEqual(listed, mine, 'exactly the profile\'s domains, by name');
  assert.match(await page.locator('header').textContent() ?? '', new RegExp(USER));
  await screenshot(page, 'registrant-domains');

  // Into a domain by keyboard: focus its link and press Enter.
  await page.getByRole('link', { name: mine[0] }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === `/my/domains/${mine[0]}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), mine[0]);
  await screenshot(page, 'registrant-domain');
});

test('nameservers and contacts changed in the browser are what the reseller sees over XCP', async () => {
  const page = signedInPage;
  const domain = mine[0];
  await page.goto(`/my/domains/${domain}`);
  assert.deepEqual(await nsNames(domain), ['ns1.example.net', 'ns2.example.net']);
  await page.getByLabel('New nameserver list').fill('ns1.web-test.net\nns2.web-test.net\nns3.web-test.net');
  await page.getByRole('button', { name: 'Save nameservers' }).click();
  await expectStatus(page, 'The nameservers were saved.');
  assert.deepEqual(await nsNames(domain), ['ns1.web-test.net', 'ns2.web-test.net', 'ns3.web-test.net']);
  assert.deepEqual(await page.locator('.my-ns li').allTextContents(), ['ns1.web-test.net', 'ns2.web-test.net', 'ns3.web-test.net']);

  // A refusal from the core: shown in the section, the text that was sent kept, nothing changed.
  await page.getByLabel('New nameserver list').fill('not a host name');
  await page.getByRole('button', { name: 'Save nameservers' }).click();
  await page.locator('#nameservers [role=alert]').waitFor();
  assert.equal(await page.getByLabel('New nameserver list').inputValue(), 'not a host name');
  assert.deepEqual(await nsNames(domain), ['ns1.web-test.net', 'ns2.web-test.net', 'ns3.web-test.net']);

  // The administrative contact, applied to the technical role as well.
  const admin = page.locator('#contact-admin');
  await admin.getByText('Change the administrative contact').click();
  await admin.getByLabel('First name').fill('Ada');
  await admin.getByLabel('Last name').fill('Lovelace');
  await admin.getByLabel('E-mail').fill('ada@example.org');
  await admin.getByLabel('Technical contact').check();
  await admin.getByRole('button', { name: 'Save administrative contact' }).click();
  await expectStatus(page, 'The contact was saved.');
  for (const role of ['admin', 'tech']) {
    const c = await contactOf(domain, role);
    assert.equal(c.first_name, 'Ada');
    assert.equal(c.last_name, 'Lovelace');
    assert.equal(c.email, 'ada@example.org');
    assert.equal(c.city, 'Toronto', 'the fields not edited keep their values');
  }
  assert.equal((await contactOf(domain, 'owner')).first_name, 'Owner');
  assert.equal((await contactOf(domain, 'billing')).first_name, 'Billing');

  // An invalid phone number: the core's message, the form open again with what was typed, nothing changed.
  const owner = page.locator('#contact-owner');
  await owner.getByText('Change the owner contact').click();
  await owner.getByLabel('First name').fill('Mallory');
  await owner.getByLabel('Phone').fill('call me');
  await owner.getByRole('button', { name: 'Save owner contact' }).click();
  await page.locator('#contacts [role=alert]').filter({ hasText: /phone/ }).waitFor();
  assert.equal(await page.locator('#contact-owner').getByLabel('First name').inputValue(), 'Mallory');
  await screenshot(page, 'registrant-contact-error');
  assert.equal((await contactOf(domain, 'owner')).first_name, 'Owner');
});

test('lock, WHOIS privacy and the auth code', async () => {
  const page = signedInPage;
  const domain = mine[0];
  await page.goto(`/my/domains/${domain}`);
  assert.equal(await lockStateOf(domain), '0');
  await page.getByRole('button', { name: 'Lock the domain' }).click();
  await expectStatus(page, 'The domain is now locked against transfer.');
  assert.equal(await lockStateOf(domain), '1');
  await page.getByRole('button', { name: 'Unlock the domain' }).click();
  await expectStatus(page, /now unlocked/);
  assert.equal(await lockStateOf(domain), '0');

  assert.equal(await privacyOf(domain), 'disabled');
  await page.getByRole('button', { name: 'Turn WHOIS privacy on' }).click();
  await expectStatus(page, 'WHOIS privacy is now on.');
  assert.equal(await privacyOf(domain), 'enabled');

  // The code shown is the one XCP gives the registrant's cookie (GET type=domain_auth_info needs one).
  registrantCookie = await cookieFor(xcpAlice, domain, USER, FIRST_PASSWORD);
  const viaXcp = await xcpAlice.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { cookie: registrantCookie });
  expectCode(viaXcp, 200);
  assert.equal(await page.locator('#auth-code-value').count(), 0, 'not shown until asked for');
  await page.getByRole('button', { name: 'Show the auth code' }).click();
  assert.equal((await page.locator('#auth-code-value').textContent())?.trim(), String(viaXcp.attributes.domain_auth_info));
  await screenshot(page, 'registrant-domain-after-changes');

  // Sent to the admin contact, which the previous test made ada@example.org.
  await page.getByRole('button', { name: 'Send it to ada@example.org' }).click();
  await expectStatus(page, /auth code was sent/);
  const mails = await outbox(server.dataDir, { domain, kind: 'send_authcode' });
  assert.equal(mails.length, 1);
  assert.equal(mails[0].to, 'ada@example.org');
  // Chromium logs every 4xx answer as a console error; the refusals above answered 401 and 400 on purpose.
  const unexpected = consoleProblems.filter((m) => !/^Failed to load resource: the server responded with a status of 40[01] /.test(m));
  assert.deepEqual(unexpected, [], 'no console errors or CSP violations');
});

test('password change: current password asked, the rules are CHANGE PASSWORD\'s, every other sign-in ends; sign out; the new password works', async () => {
  const page = signedInPage;
  const other = await newContext(browser, base);
  const otherPage = await other.newPage();
  await signIn(otherPage, { password: FIRST_PASSWORD, domain: mine[1] });
  await otherPage.waitForURL((u) => u.pathname === '/my');

  await page.getByRole('link', { name: 'Password' }).click();
  const change = async (current: string, next: string, again = next) => {
    await page.getByLabel('Current password').fill(current);
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('New password again').fill(again);
    await page.getByRole('button', { name: 'Change password' }).click();
  };
  await change('not-the-password', NEW_PASSWORD);
  assert.match(await page.getByRole('alert').textContent() ?? '', /current password is wrong/);
  await change(FIRST_PASSWORD, NEW_PASSWORD, 'something-else');
  assert.match(await page.getByRole('alert').textContent() ?? '', /differ/);
  await change(FIRST_PASSWORD, USER);
  assert.match(await page.getByRole('alert').textContent() ?? '', /must not be the registrant username/);
  await screenshot(page, 'registrant-password-error');
  await change(FIRST_PASSWORD, NEW_PASSWORD);
  await expectStatus(page, /password was changed/);

  // The other browser is signed out, and so is the OpenSRS cookie; this session stays.
  await otherPage.goto('/my');
  assert.equal(new URL(otherPage.url()).pathname, '/my/signin');
  await other.close();
  expectCode(await xcpAlice.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { cookie: registrantCookie }), 415);
  await page.goto('/my');
  assert.equal(new URL(page.url()).pathname, '/my');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((u) => u.pathname === '/my/signin');
  await page.goto(`/my/domains/${mine[0]}`);
  assert.equal(new URL(page.url()).pathname, '/my/signin', 'signed out');

  await signIn(page, { password: FIRST_PASSWORD });
  assert.equal((await page.getByRole('alert').textContent())?.trim(), SIGN_IN_FAILED, 'the old password no longer works');
  await signIn(page, { password: NEW_PASSWORD });
  await page.waitForURL((u) => u.pathname === '/my');
  // The profile at the other reseller with the same username kept its own password.
  expectCode(await xcpBob.call('COOKIE', 'SET', { domain: othersReseller, reg_username: USER, reg_password: FIRST_PASSWORD }), 200);
  await signedIn.close();
});

// ---- Plain HTTPS: what a browser would not let a test send ----

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

class Agent {
  readonly cookies = new Map<string, string>();
  constructor(readonly setCookies: string[] = []) {}

  request(method: 'GET' | 'POST', path: string, o: { form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Reply> {
    const body = o.form ? new URLSearchParams(o.form).toString() : undefined;
    const headers: Record<string, string> = { ...o.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port: server.httpPort, method, path, headers, ca: server.caPem }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const line of res.headers['set-cookie'] ?? []) {
            this.setCookies.push(line);
            const [pair] = line.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    assert.ok(m, 'the page has a form with a CSRF token');
    return m[1];
  }

  async signIn(username: string, password: string, domain: string): Promise<Reply> {
    const form = await this.request('GET', '/my/signin');
    return this.request('POST', '/my/signin', { form: { _csrf: Agent.csrfOf(form.body), username, password, domain } });
  }
}

/** Every visible input and textarea has a <label for> naming its id. */
function assertEveryFieldLabelled(html: string, where: string): void {
  const ids = [...html.matchAll(/<(input|textarea)\b([^>]*)>/g)]
    .filter((m) => !/type="hidden"/.test(m[2]))
    .map((m) => /\bid="([^"]+)"/.exec(m[2])?.[1]);
  assert.ok(ids.length > 0, `${where}: has fields`);
  for (const id of ids) {
    assert.ok(id, `${where}: a field without an id`);
    assert.ok(html.includes(`<label for="${id}">`), `${where}: no label for #${id}`);
  }
}

function assertNoInlineScriptOrStyle(html: string, where: string): void {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${where}: an inline <script>`);
  assert.doesNotMatch(html, /<style\b/i, `${where}: a <style> element`);
  assert.doesNotMatch(html, /\sstyle\s*=/i, `${where}: a style= attribute`);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${where}: an inline event handler`);
}

test('plain HTTPS: the session cookie, CSRF refusals, other people\'s domains as the same 404, and the page rules', async () => {
  const agent = new Agent();
  const signInPage = await agent.request('GET', '/my/signin');
  assert.equal(signInPage.status, 200);
  assert.match(String(signInPage.headers['content-security-policy']), /script-src 'self'/);
  assert.doesNotMatch(String(signInPage.headers['content-security-policy']), /unsafe-inline/);
  assert.equal(signInPage.headers['cache-control'], 'no-store');
  assertEveryFieldLabelled(signInPage.body, 'sign-in');
  assertNoInlineScriptOrStyle(signInPage.body, 'sign-in');

  // The one failure message for a wrong password, an unknown domain and another profile's domain, with 401.
  for (const [password, domain] of [['wrong', mine[0]], [NEW_PASSWORD, 'nobody-holds-this-name.net'], [NEW_PASSWORD, othersProfile], [NEW_PASSWORD, 'not a domain']]) {
    const r = await agent.signIn(USER, password, domain);
    assert.equal(r.status, 401, `${password} / ${domain}`);
    assert.match(r.body, new RegExp(SIGN_IN_FAILED.replace('.', '\\.')));
  }
  // A sign-in form without the token (a login CSRF) is refused before any password is checked.
  assert.equal((await agent.request('POST', '/my/signin', { form: { username: USER, password: NEW_PASSWORD, domain: mine[0] } })).status, 403);

  const ok = await agent.signIn(USER, NEW_PASSWORD, mine[0]);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.location, '/my');
  const sessionCookie = agent.setCookies.find((l) => l.startsWith('regd_my='));
  assert.ok(sessionCookie, 'a regd_my cookie');
  const attrs = sessionCookie.split(';').map((a) => a.trim().toLowerCase());
  for (const a of ['secure', 'httponly', 'samesite=strict', 'path=/my']) assert.ok(attrs.includes(a), `cookie attribute ${a}: ${sessionCookie}`);
  assert.ok(attrs.some((a) => /^max-age=\d+$/.test(a) && Number(a.slice(8)) > 0 && Number(a.slice(8)) <= 12 * 3600), `an expiry: ${sessionCookie}`);

  // Every page: labelled fields, no inline script or style, not cached.
  const list = await agent.request('GET', '/my');
  assert.equal(list.status, 200);
  const domainPage = await agent.request('GET', `/my/domains/${mine[1]}`);
  assert.equal(domainPage.status, 200);
  const passwordPage = await agent.request('GET', '/my/password');
  for (const [where, r] of [['list', list], ['domain', domainPage], ['password', passwordPage]] as const) {
    assertNoInlineScriptOrStyle(r.body, where);
    assert.equal(r.headers['cache-control'], 'no-store', where);
  }
  assertEveryFieldLabelled(domainPage.body, 'domain page');
  assertEveryFieldLabelled(passwordPage.body, 'password page');
  assert.ok(!list.body.includes(othersProfile) && !list.body.includes(othersReseller), 'the list holds only the profile\'s own domains');
  const csrf = Agent.csrfOf(domainPage.body);

  // Another profile's domain, another reseller's, and a name nobody holds: one and the same 404 page.
  const notFound = await Promise.all([othersProfile, othersReseller, 'nobody-holds-this-name.org', 'not..a..name'].map((n) => agent.request('GET', `/my/domains/${n}`)));
  for (const r of notFound) assert.equal(r.status, 404);
  for (const r of notFound.slice(1)) assert.equal(r.body, notFound[0].body, 'the same page whoever holds the name');
  assert.ok(!notFound[0].body.includes(othersProfile));

  // A valid token does not open other people's domains either: 404, and nothing changed.
  for (const [name, c] of [[othersProfile, xcpAlice], [othersReseller, xcpBob]] as const) {
    const before = await lockStateOf(name, c);
    const r = await agent.request('POST', `/my/domains/${name}/lock`, { form: { _csrf: csrf, lock: before === '1' ? 'off' : 'on' } });
    assert.equal(r.status, 404, name);
    assert.equal(r.body, notFound[0].body);
    assert.equal(await lockStateOf(name, c), before, `${name} unchanged`);
    const ns = await agent.request('POST', `/my/domains/${name}/nameservers`, { form: { _csrf: csrf, nameservers: 'ns1.evil.example' } });
    assert.equal(ns.status, 404);
    assert.ok(!(await nsNames(name, c)).includes('ns1.evil.example'), `${name}: nameservers unchanged`);
    const show = await agent.request('POST', `/my/domains/${name}/auth-code`, { form: { _csrf: csrf } });
    assert.equal(show.status, 404);
  }

  // CSRF: no token, a wrong one, the pre-session token, or another site's origin: 403, nothing changed.
  const target = mine[1];
  assert.equal(await lockStateOf(target), '0');
  const attempts: Array<{ form: Record<string, string>; headers?: Record<string, string> }> = [
    { form: { lock: 'on' } },
    { form: { _csrf: 'x'.repeat(43), lock: 'on' } },
    { form: { _csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`, lock: 'on' } },
    { form: { _csrf: csrf, lock: 'on' }, headers: { origin: 'https://evil.example' } },
    { form: { _csrf: csrf, lock: 'on' }, headers: { 'sec-fetch-site': 'cross-site' } },
  ];
  for (const a of attempts) {
    const r = await agent.request('POST', `/my/domains/${target}/lock`, a);
    assert.equal(r.status, 403, JSON.stringify(a));
  }
  assert.equal((await agent.request('POST', '/my/password', { form: { current_password: NEW_PASSWORD, new_password: 'Hijacked-1', confirm_password: 'Hijacked-1' } })).status, 403);
  assert.equal(await lockStateOf(target), '0', 'nothing changed');
  // With the token, the same request works.
  const locked = await agent.request('POST', `/my/domains/${target}/lock`, { form: { _csrf: csrf, lock: 'on' } });
  assert.equal(locked.status, 303);
  assert.equal(await lockStateOf(target), '1');

  // Signing out needs the token too, and ends the session in the store: the old cookie opens nothing.
  const stolen = agent.cookies.get('regd_my')!;
  assert.equal((await agent.request('POST', '/my/signout', { form: {} })).status, 403);
  assert.equal((await agent.request('POST', '/my/signout', { form: { _csrf: csrf } })).status, 303);
  const replay = new Agent();
  replay.cookies.set('regd_my', stolen);
  const after = await replay.request('GET', '/my');
  assert.equal(after.status, 303);
  assert.equal(after.headers.location, '/my/signin');
});

test('login throttle: five wrong passwords lock the profile, and then even the right one is refused for a while', async () => {
  const agent = new Agent();
  for (let i = 0; i < 5; i++) assert.equal((await agent.signIn(OTHER_USER, `wrong-${i}`, othersProfile)).status, 401);
  const locked = await agent.signIn(OTHER_USER, OTHER_PASSWORD, othersProfile);
  assert.equal(locked.status, 429);
  assert.match(locked.body, /Too many failed logins/);
});
