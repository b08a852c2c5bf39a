// Unit tests for the door-side pieces of issue 9 ("Fidelity"): the nameserver list views of GET DOMAIN, paging that
// clamps, the 447 mapping of core errors, and the auto_renew RENEW reports. End to end: xcpFidelityDeviations.e2e.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameserverListAllInfo, nameserverListPlain } from '../src/protocols/xcp/opsViews.ts';
import { readPaging, MAX_PAGE_LIMIT } from '../src/protocols/xcp/paging.ts';
import { readerOf } from '../src/protocols/xcp/attributeReader.ts';
import { xcpFailureFor } from '../src/protocols/xcp/coreErrorCodes.ts';
import { errorResult } from '../src/protocols/xcp/xcpService.ts';
import { XcpError, modifyTypeNotSpecified, noCookieSupplied, noDomainSupplied } from '../src/protocols/xcp/xcpError.ts';
import { CoreError, missingField } from '../src/core/errors.ts';
import { reportedAutoRenew } from '../src/protocols/xcp/handlers/renewHandler.ts';
import { makeAssoc } from '../src/protocols/ops/index.ts';

const glue = [
  { name: 'ns1.example.com', sortOrder: 1, ipv4: '192.0.2.1', ipv6: '2001:db8::1' },
  { name: 'ns2.example.net', sortOrder: 5 },
];

test('type=nameservers: name, sortorder, ipaddress always; ipv6 with IPv6 glue only', () => {
  assert.deepEqual(nameserverListPlain(glue).map((n) => ({ ...n })), [
    { name: 'ns1.example.com', sortorder: '1', ipaddress: '192.0.2.1', ipv6: '2001:db8::1' },
    { name: 'ns2.example.net', sortorder: '5', ipaddress: '' },
  ]);
});

test('type=all_info: the seed example\'s keys (sortorder, ipaddress) and its table\'s (sort_order, ip_address)', () => {
  assert.deepEqual(nameserverListAllInfo(glue).map((n) => ({ ...n })), [
    { name: 'ns1.example.com', sortorder: '1', ipaddress: '192.0.2.1', sort_order: '1', ip_address: '192.0.2.1', ipv6: '2001:db8::1' },
    { name: 'ns2.example.net', sortorder: '5', ipaddress: '', sort_order: '5' },
  ]);
});

test('paging: limit clamped at 1000 (clients send 1000000), default 40, page and limit below range refused', () => {
  const paging = (attrs: Record<string, string>) => readPaging(readerOf(makeAssoc(attrs), 'attributes'));
  assert.deepEqual(paging({}), { page: 0, limit: 40 });
  assert.deepEqual(paging({ limit: '1000000', page: '2' }), { page: 2, limit: MAX_PAGE_LIMIT });
  assert.deepEqual(paging({ limit: '1000' }), { page: 0, limit: 1000 });
  assert.deepEqual(paging({ limit: '7' }), { page: 0, limit: 7 });
  for (const bad of [{ limit: '0' }, { limit: '-5' }, { page: '-1' }] as Array<Record<string, string>>) {
    assert.throws(() => paging(bad), (e: unknown) => e instanceof XcpError && e.code === 465);
  }
});

test('core errors: a missing cookie or domain is the seed\'s 447 with its words; other missing fields stay 460', () => {
  assert.deepEqual(xcpFailureFor(new CoreError('missing_field', 'Missing required field: domain (or cookie)', 'domain')),
    { code: 447, text: 'No Domain Supplied: Missing required field: domain (or cookie)' });
  // Text that already starts with the seed's words is kept as it is.
  assert.deepEqual(xcpFailureFor(new CoreError('missing_field', 'No Cookie Supplied: CHANGE PASSWORD needs one', 'cookie')),
    { code: 447, text: 'No Cookie Supplied: CHANGE PASSWORD needs one' });
  assert.deepEqual(xcpFailureFor(missingField('period')), { code: 460, text: 'Missing required field: period' });
  assert.equal(xcpFailureFor(new CoreError('not_found', 'gone', 'domain')).code, 480);
  assert.equal(errorResult(new CoreError('missing_field', 'x', 'domain')).code, 447, 'the XCP service uses the mapping');
});

test('the 447 errors the handlers throw lead with the seed\'s words', () => {
  assert.deepEqual([noCookieSupplied(), noDomainSupplied('why'), modifyTypeNotSpecified()].map((e) => [e.code, e.message]), [
    [447, 'No Cookie Supplied'], [447, 'No Domain Supplied: why'], [447, 'Modify type not specified'],
  ]);
});

test('RENEW reports the auto_renew it set (0 too), else the domain\'s', () => {
  assert.equal(reportedAutoRenew(false, 1), '0');
  assert.equal(reportedAutoRenew(true, 0), '1');
  assert.equal(reportedAutoRenew(undefined, 1), '1');
  assert.equal(reportedAutoRenew(undefined, 0), '0');
});
