// Upstream registry configuration: the --upstream flag, regd.toml, --upstream-ca, and one-line messages naming the
// field for every mistake (never with the password in them).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { loadUpstreamConfig, parseUpstreamFlag, parseUpstreamToml } from '../src/app/upstreamConfig.ts';
import { parseUpstreamUrl, redactUrl } from '../src/registry/epp/upstreamUrl.ts';
import { SANDBOX_TLDS } from '../src/registry/sandbox/sandboxTlds.ts';

let dir: string;
let certPem: string;
let keyPem: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-upstream-config-'));
  const pems = await generate([{ name: 'commonName', value: 'registry.test' }], { keySize: 2048 });
  certPem = pems.cert;
  keyPem = pems.private;
  fs.writeFileSync(path.join(dir, 'ca.pem'), certPem);
  fs.writeFileSync(path.join(dir, 'client.pem'), certPem);
  fs.writeFileSync(path.join(dir, 'client.key'), keyPem);
  fs.writeFileSync(path.join(dir, 'not-a-cert.pem'), 'hello');
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

function toml(text: string): string {
  const file = path.join(dir, `regd-${Math.random().toString(36).slice(2)}.toml`);
  fs.writeFileSync(file, text);
  return file;
}

/** Loads a TOML text and returns the error message it throws. */
function tomlError(text: string): string {
  try {
    loadUpstreamConfig({ configFile: toml(text), upstreamFlags: [] });
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected an error');
}

function flagError(...flags: string[]): string {
  try {
    loadUpstreamConfig({ upstreamFlags: flags });
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected an error');
}

describe('upstream URLs', () => {
  test('epps:// is EPP over TLS on port 700 by default; login and password are percent-decoded', () => {
    assert.deepEqual(parseUpstreamUrl('epps://reg%2Dclid:p%40ss%3Aw%2Frd@epp.example.net'), {
      transport: 'tls', host: 'epp.example.net', port: 700, clID: 'reg-clid', password: 'p@ss:w/rd',
    });
    assert.deepEqual(parseUpstreamUrl('epps://clid:pw@127.0.0.1:7000'), { transport: 'tls', host: '127.0.0.1', port: 7000, clID: 'clid', password: 'pw' });
    assert.equal(parseUpstreamUrl('epps://clid:pw@[::1]:700').host, '::1');
    // An unencoded @ in the password still parses: the host follows the last @.
    assert.equal(parseUpstreamUrl('epps://clid:p@ss@host').password, 'p@ss');
  });

  test('https:// is Openprovider-style EPP over HTTPS, port 443 and path /epp by default', () => {
    assert.deepEqual(parseUpstreamUrl('https://clid:pw@epp.openprovider.eu'), {
      transport: 'https', host: 'epp.openprovider.eu', port: 443, path: '/epp', clID: 'clid', password: 'pw',
    });
    assert.equal(parseUpstreamUrl('https://clid:pw@h:8443/api/epp').path, '/api/epp');
  });

  test('bad URLs say what is wrong, never the password', () => {
    const cases: Array<[string, RegExp]> = [
      ['epp://clid:secret@h', /plain epp:\/\/ is not supported/],
      ['ftp://clid:secret@h', /unsupported scheme ftp/],
      ['epps://secret@h', /missing the password/],
      ['epps://:secret@h', /missing the login/],
      ['epps://clid:secret@h:99999', /not a valid URL|out of range/],
      ['epps://clid:secret@h/path', /an epps:\/\/ URL has no path/],
      ['epps://clid:secret@h?pool=2', /unexpected \?query/],
      ['epps://clid:sec%zzret@h', /malformed percent-escape/],
      ['clid:secret@h', /expected a URL/],
    ];
    for (const [url, re] of cases) {
      assert.throws(() => parseUpstreamUrl(url), (err: Error) => {
        assert.match(err.message, re, url);
        assert.doesNotMatch(err.message, /sec(%zz)?ret/, `password leaked for ${url}`);
        return true;
      });
    }
    assert.equal(redactUrl('epps://clid:secret@h:700'), 'epps://clid:***@h:700');
  });
});

describe('--upstream flags', () => {
  test('TLD=URL; several TLDs at once; TLDs are lower-cased', () => {
    assert.deepEqual(parseUpstreamFlag('COM,net=epps://c:p@h:700').tlds, ['com', 'net']);
  });

  test('a flag-only upstream takes the sandbox policy of its TLD, or a generic gTLD policy', () => {
    const { upstreams } = loadUpstreamConfig({ upstreamFlags: ['com=epps://clid:pw@reg.example:7000', 'example=epps://clid:pw@reg.example:7000'] });
    assert.equal(upstreams.length, 1, 'the same registry and login share one upstream');
    const u = upstreams[0];
    assert.equal(u.name, 'reg.example:7000');
    assert.equal(u.transport, 'tls');
    assert.equal(u.clID, 'clid');
    assert.equal(u.password, 'pw');
    assert.equal(u.poolSize, 2);
    assert.equal(u.commandTimeoutMs, 30_000);
    assert.deepEqual(u.extURIs, ['urn:ietf:params:xml:ns:rgp-1.0', 'urn:ietf:params:xml:ns:epp:fee-1.0', 'urn:ietf:params:xml:ns:launch-1.0']);
    assert.deepEqual(u.objURIs, ['urn:ietf:params:xml:ns:domain-1.0', 'urn:ietf:params:xml:ns:contact-1.0', 'urn:ietf:params:xml:ns:host-1.0']);
    const com = u.tlds.find((t) => t.policy.tld === 'com')!;
    const sandboxCom = SANDBOX_TLDS.find((p) => p.tld === 'com')!;
    assert.deepEqual(com.policy.periods, sandboxCom.periods);
    assert.equal(com.policy.prices.register, sandboxCom.prices.register);
    assert.equal(com.policy.transferLockDays, 60);
    assert.equal(com.cost.register, sandboxCom.prices.register);
    assert.equal(com.hostModel, 'hostObj');
    assert.equal(com.thin, false);
    const generic = u.tlds.find((t) => t.policy.tld === 'example')!;
    assert.equal(generic.policy.prices.register, 1499);
    assert.equal(generic.grace.autoRenew, 45);
  });

  test('different registries are separate upstreams; a TLD can be served by only one', () => {
    const { upstreams } = loadUpstreamConfig({ upstreamFlags: ['com=epps://a:p@h1', 'net=epps://a:p@h2'] });
    assert.deepEqual(upstreams.map((u) => u.name), ['h1:700', 'h2:700']);
    assert.match(flagError('com=epps://a:p@h1', 'com=epps://a:p@h2'), /^\.com: served by both upstream h1:700 and upstream h2:700$/);
    assert.match(flagError('com=epps://a:p@h1', 'com=epps://a:p@h1'), /\.com is given twice/);
  });

  test('bad flags name the flag and hide the password', () => {
    const msg = flagError('com=epps://clid@h');
    assert.match(msg, /^--upstream com=epps:\/\/clid@h: missing the password/);
    assert.match(flagError('epps://clid:secret@h'), /^--upstream epps:\/\/clid:\*\*\*@h: expected TLD=epps/);
    const bad = flagError('c_m=epps://clid:secret@h');
    assert.match(bad, /"c_m" is not a TLD/);
    assert.doesNotMatch(bad, /secret/);
    assert.match(flagError('com=epp://clid:secret@h'), /^--upstream com=epp:\/\/clid:\*\*\*@h: plain epp/);
  });

  test('--upstream-ca is read and given to every upstream without a CA of its own', () => {
    const { upstreams } = loadUpstreamConfig({ upstreamFlags: ['com=epps://a:p@h'], upstreamCa: path.join(dir, 'ca.pem') });
    assert.equal(upstreams[0].ca, certPem);
    assert.match(flagErrorWithCa(path.join(dir, 'missing.pem')), /^--upstream-ca: cannot read .*missing\.pem: ENOENT$/);
    assert.match(flagErrorWithCa(path.join(dir, 'not-a-cert.pem')), /^--upstream-ca: .*not-a-cert\.pem holds no PEM certificate$/);
  });
});

function flagErrorWithCa(ca: string): string {
  try {
    loadUpstreamConfig({ upstreamFlags: ['com=epps://a:p@h'], upstreamCa: ca });
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected an error');
}

/** The full example of README.md ("Upstream registries"), so the documentation cannot drift from the parser. */
function readmeExample(): string {
  const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Upstream registries'));
  const m = /```toml\n([\s\S]*?)```/.exec(section);
  assert.ok(m, 'README.md has a toml example under "Upstream registries"');
  return m[1];
}

describe('regd.toml', () => {
  test('the README example loads with every field', () => {
    process.env.REGD_OP_PASSWORD = 'from-env';
    const { upstreams } = loadUpstreamConfig({ configFile: toml(readmeExample()), upstreamFlags: ['io=epps://x:y@other.example'] });
    assert.deepEqual(upstreams.map((u) => u.name), ['verisign', 'openprovider', 'other.example:700']);
    const v = upstreams[0];
    assert.equal(v.transport, 'tls');
    assert.equal(v.host, 'epp.verisign-grs.example');
    assert.equal(v.port, 700);
    assert.equal(v.clID, 'regd-clid');
    assert.equal(v.password, 's3cret');
    assert.equal(v.cert, certPem);
    assert.equal(v.key, keyPem);
    assert.equal(v.ca, certPem);
    assert.deepEqual(v.extURIs, ['urn:ietf:params:xml:ns:rgp-1.0', 'urn:ietf:params:xml:ns:secDNS-1.1']);
    assert.equal(v.poolSize, 4);
    assert.equal(v.commandTimeoutMs, 20_000);
    assert.equal(v.keepaliveMs, 300_000);
    assert.equal(v.breakerFailures, 3);
    assert.equal(v.breakerCooldownMs, 60_000);
    assert.deepEqual(v.tlds.map((t) => t.policy.tld), ['net', 'com']);
    const com = v.tlds[1];
    assert.deepEqual(com.policy.prices, { register: 1099, renew: 1099, transfer: 1099 });
    assert.deepEqual(com.cost, { register: 897, renew: 897, transfer: 897 });
    assert.equal(com.policy.currency, 'USD');
    assert.deepEqual(com.grace, { add: 5, renew: 5, autoRenew: 45, transfer: 5, redemption: 30, pendingDelete: 5 });
    assert.equal(com.policy.transferLockDays, 60);

    const op = upstreams[1];
    assert.equal(op.transport, 'https');
    assert.equal(op.path, '/epp');
    assert.equal(op.password, 'from-env');
    assert.equal(op.ca, undefined);
    const uk = op.tlds[0];
    assert.equal(uk.policy.tld, 'co.uk');
    assert.deepEqual(uk.policy.periods, [1, 2]);
    assert.equal(uk.policy.maxYearsAhead, 10, 'the sandbox policy of co.uk keeps its 10 years ahead');
    assert.equal(uk.hostModel, 'hostAttr');
    assert.equal(uk.policy.currency, 'GBP');
    assert.deepEqual(uk.policy.prices, { register: 750, renew: 750, transfer: 899 });
    assert.deepEqual(uk.cost, { register: 500, renew: 750, transfer: 899 });
    assert.deepEqual(op.objURIs, ['urn:ietf:params:xml:ns:domain-1.0', 'urn:ietf:params:xml:ns:contact-1.0'], 'no host objects at a hostAttr-only registry');
    delete process.env.REGD_OP_PASSWORD;
  });

  test('relative file names resolve against the config file; the parser alone needs no file', () => {
    const upstreams = parseUpstreamToml('[upstream.a]\nurl = "epps://c:p@h"\ntlds = ["com"]\n', 'inline', dir);
    assert.equal(upstreams[0].name, 'a');
    assert.deepEqual(parseUpstreamToml('# nothing upstream\n', 'inline', dir), []);
  });

  test('each mistake is one line naming the field', () => {
    const head = '[upstream.v]\nurl = "epps://c:secret@h"\ntlds = ["com"]\n';
    const cases: Array<[string, RegExp]> = [
      ['[upstream.v]\ntlds = ["com"]\n', /^regd-\w+\.toml\.upstream\.v\.host: missing \(give url or host\)$/],
      ['[upstream.v]\nhost = "h"\npassword = "x"\ntlds = ["com"]\n', /\.upstream\.v\.clid: missing/],
      ['[upstream.v]\nhost = "h"\nclid = "c"\ntlds = ["com"]\n', /\.upstream\.v\.password: missing/],
      ['[upstream.v]\nurl = "epps://c:secret@h"\n', /\.upstream\.v\.tlds: this upstream serves no TLD/],
      ['[upstream.v]\nurl = "epp://c:secret@h"\ntlds = ["com"]\n', /\.upstream\.v\.url: plain epp:\/\/ is not supported/],
      [`${head}pool_size = 0\n`, /\.upstream\.v\.pool_size: expected a whole number from 1 to 64$/],
      [`${head}pool_size = "4"\n`, /\.upstream\.v\.pool_size: expected a whole number/],
      [`${head}command_timeout = -1\n`, /\.upstream\.v\.command_timeout: expected a number of seconds/],
      [`${head}transport = "udp"\n`, /\.upstream\.v\.transport: expected "tls" or "https"$/],
      [`${head}path = "/epp"\n`, /\.upstream\.v\.path: only an https upstream has a path$/],
      [`${head}pasword = "typo"\n`, /\.upstream\.v\.pasword: unknown key$/],
      [`${head}client_cert = "client.pem"\n`, /\.upstream\.v\.client_key: client_cert and client_key go together$/],
      [`${head}ca = "not-a-cert.pem"\n`, /\.upstream\.v\.ca: .*not-a-cert\.pem holds no PEM certificate$/],
      [`${head}ca = "nope.pem"\n`, /\.upstream\.v\.ca: cannot read .*nope\.pem: ENOENT$/],
      [`${head}password_env = "REGD_TEST_UNSET_VARIABLE"\n`, /\.upstream\.v\.password_env: the password is given twice \(url and password_env\): give one$/],
      ['[upstream.v]\nurl = "epps://c@h"\npassword = "secret"\npassword_env = "X"\ntlds = ["com"]\n', /\.upstream\.v\.password_env: the password is given twice \(password and password_env\)/],
      ['[upstream.v]\nurl = "epps://c@h"\ntlds = ["com"]\n', /\.upstream\.v\.password: missing/],
      ['[upstream.v]\nhost = "h"\nclid = "c"\npassword_env = "REGD_TEST_UNSET_VARIABLE"\ntlds = ["com"]\n', /password_env: environment variable REGD_TEST_UNSET_VARIABLE is not set$/],
      [`${head}[upstream.v.tld.com]\n`, /\.upstream\.v\.tld\.com: \.com is given twice$/],
      [`${head}[upstream.v.tld.net]\nperiods = [0, 1]\n`, /\.upstream\.v\.tld\.net\.periods: expected a non-empty list of whole numbers from 1 to 10$/],
      [`${head}[upstream.v.tld.net]\nperiods = [1, 5]\nmax_years_ahead = 3\n`, /\.tld\.net\.max_years_ahead: must be at least the longest period \(5\)$/],
      [`${head}[upstream.v.tld.net]\nhost_model = "hostObject"\n`, /\.tld\.net\.host_model: expected "hostObj" or "hostAttr"$/],
      [`${head}[upstream.v.tld.net]\nmin_nameservers = 3\nmax_nameservers = 2\n`, /\.tld\.net\.min_nameservers: is more than max_nameservers \(2\)$/],
      [`${head}[upstream.v.tld.net]\nlacks = ["teleport"]\n`, /\.tld\.net\.lacks: unknown operation "teleport"/],
      [`${head}[upstream.v.tld.net]\ngrace = { add = 5, redemtion = 30 }\n`, /\.tld\.net\.grace\.redemtion: unknown key$/],
      [`${head}[upstream.v.tld.net.prices]\nregister = { price = "10.999" }\n`, /\.tld\.net\.prices\.register\.price: expected an amount such as "10\.99", got "10\.999"$/],
      [`${head}[upstream.v.tld.net.prices]\nregister = { price = -1 }\n`, /\.prices\.register\.price: expected an amount/],
      [`${head}[upstream.v.tld.net.prices]\nregister = {}\n`, /\.prices\.register\.price: give a price, a cost or both$/],
      [`${head}[upstream.v.tld.net.prices]\ncurrency = "usd"\n`, /\.prices\.currency: expected a three-letter currency code/],
      [`${head}[upstream.v.tld."c_m"]\n`, /\.tld\.c_m: "c_m" is not a TLD/],
      ['[upstream."bad name"]\nurl = "epps://c:p@h"\ntlds = ["com"]\n', /\.upstream\.bad name: an upstream name is/],
      ['[upstreams.v]\n', /\.upstreams: unknown key$/],
      ['[upstream.v\n', /^regd-\w+\.toml: /],
    ];
    for (const [text, re] of cases) {
      const msg = tomlError(text);
      assert.match(msg, re, text);
      assert.doesNotMatch(msg, /secret/, `password leaked: ${msg}`);
      assert.doesNotMatch(msg, /\n/, `more than one line: ${msg}`);
    }
  });

  test('a TLD in the file and in a flag is refused; an unreadable file is named', () => {
    const file = toml('[upstream.v]\nurl = "epps://c:p@h"\ntlds = ["com"]\n');
    assert.throws(() => loadUpstreamConfig({ configFile: file, upstreamFlags: ['com=epps://c:p@other'] }), /^Error: \.com: served by both upstream v and upstream other:700$/);
    assert.throws(() => loadUpstreamConfig({ configFile: path.join(dir, 'absent.toml'), upstreamFlags: [] }), /^Error: --config .*absent\.toml: cannot read: ENOENT$/);
  });
});
