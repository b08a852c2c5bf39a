// Register and manage a domain over the OpenSRS XML API. Run: REGD_XCP_SERVER=localhost:55443 REGD_XCP_USERNAME=alice
// REGD_XCP_KEY=... REGD_CA=data/tls/cert.pem node --import tsx examples/sdk-xcp.ts [NAME]
import fs from 'node:fs';
import { XcpClient, type XcpContact } from 'regd';

const [host, port] = process.env.REGD_XCP_SERVER!.split(':');
const xcp = new XcpClient({ host, port: Number(port), username: process.env.REGD_XCP_USERNAME!, privateKey: process.env.REGD_XCP_KEY!,
  ca: process.env.REGD_CA ? fs.readFileSync(process.env.REGD_CA) : undefined, insecure: false });
const ann: XcpContact = { firstName: 'Ann', lastName: 'Lee', address1: '1 Main Street', city: 'Toronto', state: 'ON', country: 'CA',
  postalCode: 'M1M1M1', phone: '+1.4165551212', email: 'ann@example.com' };
try {
  const name = process.argv[2] ?? `sdk-${Date.now()}.com`;
  if (!(await xcp.lookup(name)).available) throw new Error(`${name} is taken`);
  const reg = await xcp.register({ domain: name, period: 1, contacts: ann, regUsername: 'annlee', regPassword: 'Secret-123',
    nameservers: ['ns1.example.net', 'ns2.example.net'] });
  await xcp.updateNameservers(name, { assign: ['ns3.example.net', 'ns4.example.net'] });
  const { cookie } = await xcp.setCookie({ domain: name, regUsername: 'annlee', regPassword: 'Secret-123' });
  await xcp.modify({ cookie }, 'expire_action', { auto_renew: '1', let_expire: '0' });
  const renewed = await xcp.renew({ domain: name, period: 1, currentExpirationYear: Number(reg.expirationDate!.slice(0, 4)) });
  const info = await xcp.getDomain(name, 'all_info');
  console.log(JSON.stringify({ name, order: reg.orderId, expires: renewed.expirationDate, autoRenew: info.attributes.auto_renew }));
} finally {
  xcp.close();
}
