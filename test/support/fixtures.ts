// Request fixtures shared by the end-to-end tests.
import { makeAssoc, type OpsAssoc } from '../../src/protocols/ops/index.ts';

export function contact(first: string, extra: Record<string, string> = {}): OpsAssoc {
  return makeAssoc({
    first_name: first, last_name: 'Tester', org_name: 'Example Inc.', address1: '32 Oak Street', address2: '', address3: '',
    city: 'Toronto', state: 'ON', country: 'CA', postal_code: 'M1M1M1', phone: '+1.4165551212', fax: '',
    email: `${first.toLowerCase()}@example.com`, lang: 'EN', ...extra,
  });
}

export function contactSet(): OpsAssoc {
  return makeAssoc({ owner: contact('Owner'), admin: contact('Admin'), billing: contact('Billing'), tech: contact('Tech') });
}

export function registerAttributes(domain: string, extra: Record<string, unknown> = {}): OpsAssoc {
  return makeAssoc({
    domain, reg_type: 'new', period: '1', reg_username: 'registrant1', reg_password: 'secret123',
    custom_nameservers: '1',
    nameserver_list: [makeAssoc({ name: 'ns1.example.net', sortorder: '1' }), makeAssoc({ name: 'ns2.example.net', sortorder: '2' })],
    contact_set: contactSet(), handle: 'process', auto_renew: '0', f_lock_domain: '0', f_whois_privacy: '0',
    ...(extra as Record<string, string>),
  });
}

let counter = 0;
/** A fresh, available name per call (names starting with "taken" are held elsewhere in the sandbox). */
export function freshName(tld = 'com'): string {
  counter += 1;
  return `regd-${process.pid}-${Date.now().toString(36)}-${counter}.${tld}`;
}
