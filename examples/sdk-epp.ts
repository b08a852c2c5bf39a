// Register and manage a domain over EPP. Run: REGD_EPP_SERVER=localhost:700 REGD_EPP_USERNAME=alice
// REGD_EPP_PASSWORD=... REGD_CA=data/tls/cert.pem node --import tsx examples/sdk-epp.ts [NAME]
import fs from 'node:fs';
import { EppClient } from 'regd';

const [host, port] = process.env.REGD_EPP_SERVER!.split(':');
const epp = await EppClient.connect({
  transport: 'tls', host, port: Number(port), clID: process.env.REGD_EPP_USERNAME!, password: process.env.REGD_EPP_PASSWORD!,
  ca: process.env.REGD_CA ? fs.readFileSync(process.env.REGD_CA) : undefined,
});
try {
  const name = process.argv[2] ?? `sdk-${Date.now()}.com`;
  if (!(await epp.domainCheck([name])).data[0].avail) throw new Error(`${name} is taken`);
  const owner = await epp.contactCreate({ id: 'sdk-owner', email: 'ann@example.com', voice: '+1.4165551212', authInfo: 'Contact-Pw-1',
    postalInfo: { type: 'loc', name: 'Ann Lee', street: ['1 Main Street'], city: 'Toronto', pc: 'M1M1M1', cc: 'CA' } });
  const created = await epp.domainCreate({ name, period: 1, registrant: owner.data.id, authInfo: 'Domain-Pw-1', nameservers: ['ns1.example.net'] });
  await epp.domainUpdate({ name, add: { nameservers: ['ns2.example.net'] }, chg: { authInfo: 'Domain-Pw-2' } });
  const renewed = await epp.domainRenew({ name, curExpDate: created.data.exDate!.slice(0, 10), period: 1 });
  const info = await epp.domainInfo(name);
  console.log(JSON.stringify({ name, expires: renewed.data.exDate, nameservers: info.data.nameservers, sponsor: info.data.clID }));
} finally {
  await epp.close();
}
