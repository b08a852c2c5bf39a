// The reseller web interface in a real browser (Debian's chromium driven by playwright-core) against a real
// `regd serve`, plus plain HTTPS checks of what a browser hides: CSRF refusals, cookie attributes, the CSP header,
// no inline script or style in any page, and another reseller's domain answering like an unknown one.
// Screenshots of the main pages go to test-results/screenshots/reseller-*.png.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { launchBrowser, newContext, screenshot, watchConsole } from './support/browser.ts';
import { register, storeOf, closeStores } from './support/surfaceHelpers.ts';

let server: RegdServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let base: string;
/** alice's password once she has changed it. */
const NEW_PASSWORD = 'N3w-web-pass';
const WEB_DOMAIN = 'alicewebshop.com';
const BOB_DOMAIN = 'bobsdomain.com';

// ---- Plain HTTPS, for what a browser would not let a test do ----

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; text: string }

function request(method: string, path: string, opts: { cookie?: string; form?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = https.request({ host: '127.0.0.1', port: server.httpPort, method, path, ca: server.caPem, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function setCookies(r: Reply): string[] {
  const v = r.headers['set-cookie'];
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** name=value pairs of a reply's Set-Cookie headers, as a Cookie header. */
function cookiePairs(r: Reply): string {
  return setCookies(r).map((c) => c.split(';')[0]).join('; ');
}

function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, 'the page carries a CSRF token');
  return m[1];
}

/** Signs in over plain HTTPS; returns the session cookie, the CSRF token of the session and the sign-in reply. */
async function httpSignIn(who: ResellerCredentials, password = who.password): Promise<{ cookie: string; csrf: string; reply: Reply }> {
  const form = await request('GET', '/signin');
  const pre = cookiePairs(form);
  const reply = await request('POST', '/signin', { cookie: pre, form: { _csrf: csrfOf(form.text), username: who.username, password } });
  assert.equal(reply.status, 303, `sign-in of ${who.username} redirects`);
  const cookie = cookiePairs(reply);
  assert.match(cookie, /regd_session=/);
  const dashboard = await request('GET', '/', { cookie });
  assert.equal(dashboard.status, 200);
  return { cookie, csrf: csrfOf(dashboard.text), reply };
}

// ---- The browser ----

async function signInWith(username: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

async function heading(): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
}

async function noticeText(): Promise<string> {
  return (await page.locator('.msg-ok[role="status"]').first().textContent()) ?? '';
}

before(async () => {
  server = await startRegd();
  base = `https://127.0.0.1:${server.httpPort}`;
  [alice, bob] = await Promise.all([server.createReseller('alice', '1000'), server.createReseller('bob', '1000')]);
  const aliceXcp = server.xcpClient(alice);
  // Domains registered over XCP at two moments, then the sandbox clock moved so they all expire within 90 days: the
  // dashboard's chart has bars in two weeks, and the list has more than one page of ten.
  await Promise.all(['one', 'two', 'three', 'four', 'five', 'six'].map((label) => register(aliceXcp, `alice-${label}.com`)));
  await server.cli('sandbox', 'clock', 'advance', '20d');
  await Promise.all(['seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map((label) => register(aliceXcp, `alice-${label}.com`)));
  await register(server.xcpClient(bob), BOB_DOMAIN);
  await server.cli('sandbox', 'clock', 'advance', '300d');
  browser = await launchBrowser();
  context = await newContext(browser, base);
  page = await context.newPage();
  problems = watchConsole(page);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await closeStores();
  await server?.stop();
});

test('sign-in: a wrong password is refused with a message, the right one opens the dashboard', async () => {
  await page.goto('/');
  assert.match(page.url(), /\/signin$/, 'a signed-out visitor is sent to the sign-in page');
  await signInWith('alice', 'not-the-password');
  assert.match((await page.getByRole('alert').textContent()) ?? '', /Wrong username or password/);
  assert.equal(await page.getByLabel('Username').inputValue(), 'alice', 'the username stays filled in');
  await screenshot(page, 'reseller-signin-error');

  await signInWith('alice', alice.password);
  assert.equal(await heading(), 'Dashboard');
  assert.match((await page.getByTestId('balance').textContent()) ?? '', /^\d+\.\d\d USD$/);
  // The chart: an SVG with a bar per week and its text alternative; twelve domains expire within 90 days.
  const chart = page.locator('figure.chart svg[role="img"]');
  assert.match((await chart.locator('title').first().textContent()) ?? '', /12 domains expiring/);
  assert.equal(await page.locator('figure.chart tbody tr').count(), 13, 'one table row per week');
  await screenshot(page, 'reseller-dashboard');
});

test('account: the regenerated private key is shown once and works; the IP list is edited', async () => {
  await page.getByRole('link', { name: 'Account' }).click();
  assert.equal(await heading(), 'Account');
  // Without the acknowledgement nothing happens.
  await page.getByRole('button', { name: 'Regenerate the private key' }).click();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /Tick the box/);
  await page.getByLabel('I understand that the current key stops working at once').check();
  await page.getByRole('button', { name: 'Regenerate the private key' }).click();
  const key = (await page.getByTestId('new-key').textContent())?.trim() ?? '';
  assert.match(key, /^[0-9a-f]{112}$/);
  assert.notEqual(key, alice.privateKey);
  await screenshot(page, 'reseller-account-key');
  // The new key signs XCP requests; the old one no longer does.
  const fresh = await server.xcpClient({ ...alice, privateKey: key }).call('BALANCE', 'GET_BALANCE', {});
  assert.equal(fresh.responseCode, 200, fresh.responseText);
  const stale = await server.xcpClient(alice).call('BALANCE', 'GET_BALANCE', {});
  assert.notEqual(stale.responseCode, 200);
  alice = { ...alice, privateKey: key };
  // Shown once: the account page itself never shows it.
  await page.goto('/account');
  assert.ok(!(await page.content()).includes(key), 'the key is not on the account page');

  const ips = page.getByLabel('Allowed IP addresses');
  await ips.fill('192.0.2.10\nnot-an-ip');
  await page.getByRole('button', { name: 'Save the addresses' }).click();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /Invalid IP address: not-an-ip/);
  assert.equal(await page.getByLabel('Allowed IP addresses').inputValue(), '192.0.2.10\nnot-an-ip', 'what was typed stays');
  await page.getByLabel('Allowed IP addresses').fill('192.0.2.10\n2001:DB8::1\n192.0.2.10');
  await page.getByRole('button', { name: 'Save the addresses' }).click();
  assert.match(await noticeText(), /allowed IP addresses are saved/);
  assert.equal(await page.getByLabel('Allowed IP addresses').inputValue(), '192.0.2.10\n2001:db8::1');
});

test('search, register with the price shown and confirmed, change nameservers, find it in the list, renew', async () => {
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Name or word').fill('alice-one.com');
  await page.getByRole('button', { name: 'Search' }).click();
  assert.match((await page.getByRole('row').filter({ hasText: 'alice-one.com' }).textContent()) ?? '', /Not available\s*In use/);
  assert.equal(await page.getByRole('link', { name: 'Register alice-one.com' }).count(), 0);
  await page.getByLabel('Name or word').fill('alicewebshop');
  assert.ok(await page.getByRole('checkbox', { name: '.com', exact: true }).isChecked(), '.com is searched by default');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: WEB_DOMAIN });
  assert.match((await row.textContent()) ?? '', /Available/);
  assert.match((await row.textContent()) ?? '', /\d+\.\d\d USD/);
  const taken = page.getByRole('row').filter({ hasText: 'alicewebshop.net' });
  assert.ok(await taken.count() === 1, 'other extensions are checked too');
  await screenshot(page, 'reseller-search');

  await page.getByRole('link', { name: `Register ${WEB_DOMAIN}` }).click();
  assert.equal(await heading(), `Register ${WEB_DOMAIN}`);
  await page.getByLabel('Period').selectOption('1');
  await page.getByLabel('Nameservers').fill('ns1.example.net\nns2.example.net');
  await page.getByLabel('First name').fill('Alice');
  await page.getByLabel('Last name').fill('Shopkeeper');
  await page.getByLabel('Organisation').fill('Web Shop Ltd');
  await page.getByLabel('Address', { exact: true }).fill('1 Main Street');
  await page.getByLabel('City').fill('Toronto');
  await page.getByLabel('State or province').fill('ON');
  await page.getByLabel('Postal code').fill('M5V 1A1');
  await page.getByLabel('Country').fill('CA');
  await page.getByLabel('Phone').fill('+1.4165550123');
  await page.getByLabel('E-mail').fill('alice@example.com');
  await page.getByLabel('Auto-renew').check();
  await page.getByRole('button', { name: 'Review the order' }).click();
  // The review shows the price and changes nothing yet.
  const price = (await page.getByTestId('price').textContent())?.trim() ?? '';
  assert.match(price, /^\d+\.\d\d USD/);
  assert.match((await page.locator('.confirm').textContent()) ?? '', /Alice Shopkeeper/);
  await screenshot(page, 'reseller-register-confirm');
  const balanceBefore = await balanceNow();
  await page.getByRole('button', { name: /^Register and pay/ }).click();
  assert.equal(await heading(), WEB_DOMAIN);
  assert.match(await noticeText(), /registered/);
  assert.equal(Math.round((balanceBefore - await balanceNow()) * 100), Math.round(Number(price.split(' ')[0]) * 100), 'charged the price shown');

  // Nameservers on the domain's page.
  await page.getByLabel('Nameservers').fill('ns1.alice-dns.net\nns2.alice-dns.net\nns3.alice-dns.net');
  await page.getByRole('button', { name: 'Save nameservers' }).click();
  assert.match(await noticeText(), /nameservers are saved/);
  assert.equal(await page.getByLabel('Nameservers').inputValue(), 'ns1.alice-dns.net\nns2.alice-dns.net\nns3.alice-dns.net');
  assert.match((await page.locator('#history ~ table').textContent()) ?? '', /Nameservers changed to ns1\.alice-dns\.net/);
  // A refused change keeps what was typed and says why.
  await page.getByLabel('Nameservers').fill('not a host name');
  await page.getByRole('button', { name: 'Save nameservers' }).click();
  assert.ok(await page.getByRole('alert').count() === 1, 'the refusal is announced');
  assert.equal(await page.getByLabel('Nameservers').inputValue(), 'not a host name');
  await page.goto(`/domains/${WEB_DOMAIN}`);
  // The settings, one button each.
  await page.getByRole('button', { name: 'Turn the lock on' }).click();
  assert.match(await noticeText(), /locked against transfer/);
  await page.getByRole('button', { name: 'Turn WHOIS privacy on' }).click();
  assert.match(await noticeText(), /WHOIS privacy is on/);
  assert.match((await page.locator('dl.props').textContent()) ?? '', /Lockedyes.*WHOIS privacyon/s);
  // One role's contact replaced; the others keep theirs.
  await page.getByRole('checkbox', { name: 'Tech' }).check();
  await page.getByLabel('First name').fill('Tim');
  await page.getByLabel('Last name').fill('Technician');
  await page.getByRole('button', { name: 'Save contacts' }).click();
  assert.match(await noticeText(), /contacts are saved/);
  assert.match((await page.getByRole('row').filter({ hasText: /^Tech/ }).textContent()) ?? '', /Tim Technician/);
  assert.match((await page.getByRole('row').filter({ hasText: /^Registrant/ }).textContent()) ?? '', /Alice Shopkeeper/);
  await screenshot(page, 'reseller-domain');

  // The list: filters and pages of ten.
  await page.getByRole('link', { name: 'Domains', exact: true }).click();
  await page.getByLabel('Per page').selectOption('10');
  await page.getByRole('button', { name: 'Filter' }).click();
  assert.equal(await page.locator('main tbody tr').count(), 10);
  await screenshot(page, 'reseller-domains');
  await page.getByRole('link', { name: 'Next page' }).click();
  const second = (await page.locator('main tbody').textContent()) ?? '';
  assert.equal(await page.locator('main tbody tr').count(), 3, '13 domains: 10 and 3');
  assert.match(second, new RegExp(WEB_DOMAIN.replace('.', '\\.')));
  await page.getByLabel('Name contains').fill('webshop');
  await page.getByRole('button', { name: 'Filter' }).click();
  assert.equal(await page.locator('main tbody tr').count(), 1);
  assert.ok(await page.getByRole('link', { name: WEB_DOMAIN }).isVisible());
  await page.goto('/domains?expiringBefore=2000-01-01');
  assert.match((await page.locator('main').textContent()) ?? '', /No domain matches/);

  // Renew: the price and the new expiry first, then the confirmation.
  await page.goto(`/domains/${WEB_DOMAIN}`);
  const expiresBefore = (await page.locator('dl.props dt:text-is("Expires") + dd').textContent()) ?? '';
  await page.getByRole('link', { name: 'Renew…' }).click();
  await page.getByLabel('Period').selectOption('1');
  await page.getByRole('button', { name: 'Review the renewal' }).click();
  assert.match((await page.getByTestId('price').textContent()) ?? '', /\d+\.\d\d USD/);
  await page.getByRole('button', { name: /^Renew and pay/ }).click();
  assert.match(await noticeText(), /renewed/);
  const expiresAfter = (await page.locator('dl.props dt:text-is("Expires") + dd').textContent()) ?? '';
  assert.equal(Number(expiresAfter.slice(0, 4)) - Number(expiresBefore.slice(0, 4)), 1, 'one more year');
});

/** The balance on the dashboard, read over plain HTTPS with the browser's session cookie. */
async function balanceNow(): Promise<number> {
  const cookie = (await context.cookies(base)).filter((c) => c.name === 'regd_session').map((c) => `${c.name}=${c.value}`).join('; ');
  const text = (await request('GET', '/', { cookie })).text;
  return Number(/data-testid="balance">(\d+\.\d\d) /.exec(text)?.[1]);
}

test('API tokens: created (shown once, works on the JSON API), listed, revoked (stops working)', async () => {
  await page.goto('/account');
  await page.getByLabel('Token name').fill('ci');
  await page.getByRole('button', { name: 'Create a token' }).click();
  const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  assert.match(token, /^regd_[A-Za-z0-9_-]{43}$/);
  const api = (t: string) => new Promise<number>((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: server.httpPort, path: '/api/v1/balance', ca: server.caPem, headers: { authorization: `Bearer ${t}` }, agent: false }, (res) => { res.resume(); resolve(res.statusCode!); }).on('error', reject);
  });
  assert.equal(await api(token), 200);
  await page.goto('/account');
  assert.ok(!(await page.content()).includes(token), 'shown once');
  const row = page.getByRole('row').filter({ hasText: 'ci' });
  assert.doesNotMatch((await row.textContent()) ?? '', /never/, 'its last use is listed');
  await screenshot(page, 'reseller-account');
  await page.getByRole('button', { name: 'Revoke ci' }).click();
  assert.match(await noticeText(), /revoked/);
  assert.equal(await api(token), 401);
});

test('the EPP certificate pin and the contact-id policy are set and cleared', async () => {
  await page.goto('/account');
  await page.getByLabel('SHA-256 fingerprint').fill('nope');
  await page.getByRole('button', { name: 'Require this certificate' }).click();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /64 hex digits/);
  await page.getByLabel('SHA-256 fingerprint').fill(`SHA256 Fingerprint=${'AB:'.repeat(31)}AB`);
  await page.getByRole('button', { name: 'Require this certificate' }).click();
  assert.match((await page.getByTestId('epp-cert').textContent()) ?? '', /^AB:AB:/);
  await page.getByRole('button', { name: 'Stop requiring a certificate' }).click();
  assert.match(await noticeText(), /no longer need/);
  await page.getByLabel(/My EPP client names each contact/).check();
  await page.getByRole('button', { name: 'Save the contact id policy' }).click();
  assert.match(await noticeText(), /contact id policy is saved/);
  assert.ok(await page.getByLabel(/My EPP client names each contact/).isChecked());
  const db = await storeOf(server.dataDir);
  assert.equal((await db.selectFrom('resellers').select('contact_id_mode').where('username', '=', 'alice').executeTakeFirstOrThrow()).contact_id_mode, 'client');
});

test('the other pages render: transfers, ledger, outbox, delete and restore with their prices', async () => {
  for (const [path, title] of [['/transfers', 'Transfers'], ['/transfers/new', 'Transfer a domain in'], ['/ledger', 'Ledger'], ['/outbox', 'Outbox']]) {
    await page.goto(path);
    assert.equal(await heading(), title, path);
  }
  assert.match((await page.goto('/ledger').then(() => page.locator('main tbody').textContent())) ?? '', /register alicewebshop\.com/);
  // Delete: the page says what happens and what a restore costs, the button does it.
  await page.goto('/domains/alice-one.com');
  await page.getByRole('link', { name: 'Delete…' }).click();
  assert.match((await page.locator('main').textContent()) ?? '', /redemption period/);
  await page.getByRole('button', { name: 'Delete alice-one.com' }).click();
  assert.match(await noticeText(), /deleted/);
  await page.getByRole('link', { name: 'Restore…' }).click();
  const restorePrice = (await page.getByTestId('price').textContent()) ?? '';
  assert.match(restorePrice, /\d+\.\d\d USD/);
  await page.getByLabel('Reason for the restore').fill('Deleted by mistake');
  await page.getByRole('button', { name: /^Restore and pay/ }).click();
  assert.match(await noticeText(), /restored/);
  assert.match((await page.locator('dl.props').textContent()) ?? '', /Status\s*ok/);
});

test('transfers: the auth code is shown on request, a transfer in is asked at the price shown, the sponsor sees it and rejects it', async () => {
  const name = 'alice-two.com';
  await page.goto(`/domains/${name}`);
  assert.equal(await page.getByTestId('auth-code').count(), 0, 'the auth code is not on the page until asked for');
  await page.getByRole('button', { name: 'Show the auth code' }).click();
  const authCode = (await page.getByTestId('auth-code').textContent())?.trim() ?? '';
  assert.ok(authCode.length >= 6);

  // bob asks for the transfer (plain HTTPS, as a second browser would): the review shows the price, changes nothing.
  const b = await httpSignIn(bob);
  const review = await request('POST', '/transfers/new', { cookie: b.cookie, form: { _csrf: b.csrf, step: 'review', name, authCode } });
  assert.equal(review.status, 200);
  assert.match(review.text, /data-testid="price">\d+\.\d\d USD/);
  const amount = /name="acceptedAmount" value="([^"]+)"/.exec(review.text)?.[1] ?? '';
  const wrong = await request('POST', '/transfers/new', { cookie: b.cookie, form: { _csrf: b.csrf, step: 'confirm', name, authCode: 'wrong-code', acceptedAmount: amount, acceptedCurrency: 'USD' } });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /role="alert">Invalid authorization information/);
  const low = await request('POST', '/transfers/new', { cookie: b.cookie, form: { _csrf: b.csrf, step: 'confirm', name, authCode, acceptedAmount: '0.01', acceptedCurrency: 'USD' } });
  assert.equal(low.status, 422, 'a price lower than the price is refused, not charged');
  const asked = await request('POST', '/transfers/new', { cookie: b.cookie, form: { _csrf: b.csrf, step: 'confirm', name, authCode, acceptedAmount: amount, acceptedCurrency: 'USD' } });
  assert.equal(asked.status, 303);
  assert.equal(asked.headers.location, '/transfers?done=transfer-requested');
  assert.match((await request('GET', '/transfers', { cookie: b.cookie })).text, /Withdraw<span class="visually-hidden"> alice-two\.com/);

  // alice: the dashboard shows the pending transfer and the event the EPP poll queue holds; she rejects it.
  await page.goto('/');
  assert.match((await page.locator('main').textContent()) ?? '', /away, to bob/);
  assert.match((await page.getByRole('row').filter({ hasText: `Transfer of ${name} requested by bob` }).textContent()) ?? '', /new/);
  await screenshot(page, 'reseller-dashboard');
  await page.getByRole('link', { name: 'Transfers', exact: true }).click();
  await page.getByRole('button', { name: `Reject ${name}` }).click();
  assert.match(await noticeText(), /rejected/);
  assert.match((await page.getByRole('row').filter({ hasText: name }).textContent()) ?? '', /rejected/);
  await screenshot(page, 'reseller-transfers');
});

test('password: changed with the current one; the old one stops working, the new one signs in; sign out', async () => {
  await page.goto('/account');
  await page.getByLabel('Current password').fill('wrong-one');
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('New password again').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change the password' }).click();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /current password is wrong/);
  await page.getByLabel('Current password').fill(alice.password);
  await page.getByLabel('New password', { exact: true }).fill('alice');
  await page.getByLabel('New password again').fill('alice');
  await page.getByRole('button', { name: 'Change the password' }).click();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /6-16 characters|too weak/, 'the EPP newPW rules apply');
  await page.getByLabel('Current password').fill(alice.password);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('New password again').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change the password' }).click();
  assert.match(await noticeText(), /password is changed/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.match(page.url(), /\/signin$/);
  await page.goto('/account');
  assert.match(page.url(), /\/signin$/, 'signed out: the pages need a session again');
  await signInWith('alice', alice.password);
  assert.match((await page.getByRole('alert').textContent()) ?? '', /Wrong username or password/);
  await signInWith('alice', NEW_PASSWORD);
  assert.equal(await heading(), 'Dashboard');
  alice = { ...alice, password: NEW_PASSWORD };
  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.match(page.url(), /\/signin$/);
  // Refused forms answer 4xx, which chromium logs as a failed load; anything else (a CSP violation, a script error) is a fault.
  assert.deepEqual(problems.filter((p) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(p)), [], 'no CSP violations or script errors on any page');
});

test('HTTPS: a POST without or with a wrong _csrf is 403 and changes nothing', async () => {
  const b = await httpSignIn(bob);
  const pageBefore = await request('GET', `/domains/${BOB_DOMAIN}`, { cookie: b.cookie });
  assert.equal(pageBefore.status, 200);
  assert.match(pageBefore.text, /ns1\.example\.net/);
  for (const form of [{ nameservers: 'ns1.evil.example' } as Record<string, string>, { nameservers: 'ns1.evil.example', _csrf: 'x'.repeat(43) }, { nameservers: 'ns1.evil.example', _csrf: '' }]) {
    const r = await request('POST', `/domains/${BOB_DOMAIN}/nameservers`, { cookie: b.cookie, form });
    assert.equal(r.status, 403, JSON.stringify(form));
  }
  const ips = await request('POST', '/account/allowed-ips', { cookie: b.cookie, form: { allowedIps: '203.0.113.9' } });
  assert.equal(ips.status, 403);
  const pageAfter = await request('GET', `/domains/${BOB_DOMAIN}`, { cookie: b.cookie });
  assert.doesNotMatch(pageAfter.text, /evil/);
  assert.doesNotMatch((await request('GET', '/account', { cookie: b.cookie })).text, /203\.0\.113\.9/);
  // The same change with the session's token goes through.
  const ok = await request('POST', `/domains/${BOB_DOMAIN}/nameservers`, { cookie: b.cookie, form: { _csrf: b.csrf, nameservers: 'ns1.bob-dns.net' } });
  assert.equal(ok.status, 303);
  // A token of another session is no good either.
  const other = await httpSignIn(bob);
  const cross = await request('POST', `/domains/${BOB_DOMAIN}/nameservers`, { cookie: b.cookie, form: { _csrf: other.csrf, nameservers: 'ns1.evil.example' } });
  assert.equal(cross.status, 403);
});

test('HTTPS: session cookies are Secure, HttpOnly, SameSite=Strict and expire; pages send a CSP and have no inline script or style', async () => {
  const a = await httpSignIn(alice);
  const session = setCookies(a.reply).find((c) => c.startsWith('regd_session='));
  assert.ok(session);
  assert.match(session, /;\s*Secure/i);
  assert.match(session, /;\s*HttpOnly/i);
  assert.match(session, /;\s*SameSite=Strict/i);
  assert.match(session, /;\s*Max-Age=\d+/i);
  const pages = ['/', '/search?q=alicewebshop', '/domains', `/domains/${WEB_DOMAIN}`, `/domains/${WEB_DOMAIN}/renew`, `/domains/${WEB_DOMAIN}/delete`,
    `/register?name=another-${Date.now()}.com`, '/transfers', '/transfers/new', '/ledger', '/outbox', '/account'];
  for (const path of pages) {
    const r = await request('GET', path, { cookie: a.cookie });
    assert.equal(r.status, 200, path);
    assert.match(String(r.headers['content-security-policy']), /script-src 'self'/, path);
    assert.doesNotMatch(String(r.headers['content-security-policy']), /unsafe-inline/, path);
    assert.equal(r.headers['cache-control'], 'no-store', path);
    assert.doesNotMatch(r.text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${path}: no inline script`);
    assert.doesNotMatch(r.text, /<[^>]+\sstyle\s*=/i, `${path}: no style attribute`);
    assert.doesNotMatch(r.text, /<style[\s>]/i, `${path}: no style element`);
    assert.doesNotMatch(r.text, /<[^>]+\son[a-z]+\s*=/i, `${path}: no inline event handler`);
    // Every visible field has a label.
    for (const m of r.text.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      if (/type="(hidden|submit)"/.test(m[2])) continue;
      const id = /\bid="([^"]+)"/.exec(m[2])?.[1];
      assert.ok(id && r.text.includes(`for="${id}"`), `${path}: a label for ${m[0]}`);
    }
  }
  // The session ends when the store says it has expired (idle or absolute limit), and the pages ask for a sign-in.
  const db = await storeOf(server.dataDir);
  await db.updateTable('web_sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('reseller_id', '=', (await db.selectFrom('resellers').select('id').where('username', '=', 'alice').executeTakeFirstOrThrow()).id).execute();
  const expired = await request('GET', '/', { cookie: a.cookie });
  assert.equal(expired.status, 303);
  assert.equal(expired.headers.location, '/signin');
});

test('HTTPS: another reseller\'s domain reads like an unknown one, on its page and in every form', async () => {
  const a = await httpSignIn(alice);
  const unknown = await request('GET', '/domains/nobody-has-this-name.com', { cookie: a.cookie });
  const foreign = await request('GET', `/domains/${BOB_DOMAIN}`, { cookie: a.cookie });
  assert.equal(unknown.status, 404);
  assert.equal(foreign.status, 404);
  const message = (r: Reply) => /role="alert">([^<]*)</.exec(r.text)?.[1].replace(/\S+\.com/, 'NAME');
  assert.equal(message(foreign), message(unknown), 'the same answer as for a name nobody holds');
  for (const path of ['renew', 'delete', 'restore']) {
    assert.equal((await request('GET', `/domains/${BOB_DOMAIN}/${path}`, { cookie: a.cookie })).status, 404, path);
  }
  const posts: Array<[string, Record<string, string>]> = [
    ['nameservers', { nameservers: 'ns1.evil.example' }], ['lock', { value: 'off' }], ['autorenew', { value: 'on' }],
    ['privacy', { value: 'on' }], ['authcode', { authCode: 'stolen-code-1' }], ['authcode/show', {}],
    ['contacts', { role_owner: '1', c_first_name: 'Eve' }], ['renew', { step: 'confirm', period: '1', acceptedAmount: '999.00' }],
    ['delete', { step: 'confirm' }], ['restore', { step: 'confirm', acceptedAmount: '999.00' }],
  ];
  for (const [action, form] of posts) {
    const r = await request('POST', `/domains/${BOB_DOMAIN}/${action}`, { cookie: a.cookie, form: { _csrf: a.csrf, ...form } });
    assert.equal(r.status, 404, action);
    assert.doesNotMatch(r.text, /ns1\.bob-dns\.net|stolen/, action);
  }
  // Transfer actions name the domain in the form: only the parties may act, and the refusal says not found.
  for (const action of ['approve', 'reject', 'cancel']) {
    const r = await request('POST', `/transfers/${action}`, { cookie: a.cookie, form: { _csrf: a.csrf, name: BOB_DOMAIN } });
    assert.ok([404, 409].includes(r.status), `${action}: ${r.status}`);
  }
  // bob's domain is as it was.
  const b = await httpSignIn(bob);
  const mine = await request('GET', `/domains/${BOB_DOMAIN}`, { cookie: b.cookie });
  assert.equal(mine.status, 200);
  assert.match(mine.text, /ns1\.bob-dns\.net/);
  assert.doesNotMatch(mine.text, /evil|Eve\b/);
});
