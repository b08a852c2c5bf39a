// `regd epp`: an EPP client on the command line (one connection and login per run). Server and credentials: flags,
// else $REGD_EPP_SERVER / $REGD_EPP_USERNAME / $REGD_EPP_PASSWORD / $REGD_CA, else a profile. --transport https
// posts to /epp with the session cookie instead of RFC 5734 over TLS.
import { Command, Option } from 'commander';
import { EppClient, type EppContactRef, type EppDomainInfo, type EppPollMessage } from '../client/epp/index.ts';
import {
  addConnectionOptions, clientCommand, loadProfile, parseServer, printJson, readCa, required, runClientCommand, timeoutMs, type ConnectionFlags,
} from './clientConfig.ts';

interface EppFlags extends ConnectionFlags { password?: string; transport?: string }

async function openClient(flags: EppFlags): Promise<EppClient> {
  const profile = loadProfile(flags);
  const env = process.env;
  const transport = flags.transport ?? env.REGD_EPP_TRANSPORT ?? profile.eppTransport ?? 'tls';
  if (transport !== 'tls' && transport !== 'https') throw new Error(`--transport is tls or https, not "${transport}"`);
  const { host, port } = parseServer(required('EPP server', '--server', 'REGD_EPP_SERVER', flags.server, env.REGD_EPP_SERVER, profile.eppServer), transport === 'tls' ? 700 : 443);
  return EppClient.connect({
    transport, host, port,
    clID: required('EPP username', '--username', 'REGD_EPP_USERNAME', flags.username, env.REGD_EPP_USERNAME, profile.eppUsername),
    password: required('EPP password', '--password', 'REGD_EPP_PASSWORD', flags.password, env.REGD_EPP_PASSWORD, profile.eppPassword),
    ca: readCa(flags, profile), insecure: flags.insecure ?? profile.insecure ?? false, timeoutMs: timeoutMs(flags), reconnect: false,
  });
}

/** Connects and logs in, runs fn, logs out, whatever happens in between. */
async function withClient(cmd: Command, fn: (c: EppClient, json: boolean) => Promise<void>): Promise<void> {
  const flags = cmd.optsWithGlobals<EppFlags>();
  await runClientCommand(async () => {
    const c = await openClient(flags);
    try {
      await fn(c, flags.json === true);
    } finally {
      await c.close();
    }
  });
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const repeat = (v: string, acc: string[]) => [...acc, v];

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return n;
}

function infoLines(d: EppDomainInfo): string {
  const line = (k: string, v: string | undefined) => (v === undefined || v === '' ? [] : [`${k.padEnd(12)}${v}`]);
  return [
    ...line('name', d.name), ...line('status', d.statuses.join(' ')), ...line('registrant', d.registrant),
    ...d.contacts.map((c) => `${c.type.padEnd(12)}${c.id}`),
    ...line('nameservers', [...d.nameservers, ...d.hostAttrs.map((h) => `${h.name} (${h.addresses.join(' ')})`)].join(' ')),
    ...line('hosts', d.hosts.join(' ')), ...line('sponsor', d.clID), ...line('created', d.crDate), ...line('updated', d.upDate),
    ...line('expires', d.exDate), ...line('transferred', d.trDate), ...line('auth info', d.authInfo),
    ...line('rgp', d.rgpStatuses.join(' ')), ...d.dsData.map((ds) => `${'ds'.padEnd(12)}${ds.keyTag} ${ds.alg} ${ds.digestType} ${ds.digest}`),
  ].join('\n');
}

function pollLines(m: EppPollMessage): string {
  const t = m.transfer;
  return [
    `message ${m.id} (${m.count} queued)${m.qDate ? ` ${m.qDate}` : ''}: ${m.msg}`,
    ...(m.name ? [`  ${m.kind} ${m.name}`] : [`  ${m.kind}`]),
    ...(t ? [`  transfer ${t.trStatus}: ${t.reID ?? '?'} from ${t.acID ?? '?'}${t.exDate ? `, expires ${t.exDate}` : ''}`] : []),
    ...(m.paResult !== undefined ? [`  result: ${m.paResult ? 'succeeded' : 'failed'}`] : []),
  ].join('\n');
}

function contactRefs(o: { admin?: string; tech?: string; billing?: string }): EppContactRef[] {
  return (['admin', 'tech', 'billing'] as const).filter((t) => o[t]).map((type) => ({ type, id: o[type]! }));
}

export function addEppCommand(program: Command): void {
  const epp = addConnectionOptions(
    clientCommand(program, 'epp').description('EPP client (RFC 5730-5734 over TLS, or EPP over HTTPS with a session cookie)'),
    new Option('--password <password>', 'EPP password'),
  ).addOption(new Option('--transport <kind>', 'tls (RFC 5734, default port 700) or https (POST /epp, default port 443)').choices(['tls', 'https']));

  epp.command('check <names...>')
    .description('availability of one or more names')
    .action(async (names: string[], _o: unknown, cmd: Command) => withClient(cmd, async (c, json) => {
      const r = await c.domainCheck(names);
      if (json) printJson(r.data);
      else console.log(r.data.map((i) => `${i.name}  ${i.avail ? 'available' : `taken${i.reason ? ` (${i.reason})` : ''}`}`).join('\n'));
    }));

  epp.command('info <name>')
    .description('a domain\'s data')
    .option('--auth-info <code>', 'the auth code, to see a domain another registrar sponsors')
    .action(async (name: string, o: { authInfo?: string }, cmd: Command) => withClient(cmd, async (c, json) => {
      const r = await c.domainInfo(name, { authInfo: o.authInfo });
      if (json) printJson(r.data);
      else console.log(infoLines(r.data));
    }));

  epp.command('create <name>')
    .description('register a name')
    .requiredOption('--registrant <id>', 'registrant contact id')
    .requiredOption('--auth-info <code>', 'the domain\'s transfer auth code')
    .option('--period <years>', 'registration period in years')
    .option('--ns <names>', 'nameservers (host objects), comma-separated', list)
    .option('--admin <id>', 'admin contact id').option('--tech <id>', 'tech contact id').option('--billing <id>', 'billing contact id')
    .action(async (name: string, o: { registrant: string; authInfo: string; period?: string; ns?: string[]; admin?: string; tech?: string; billing?: string }, cmd: Command) =>
      withClient(cmd, async (c, json) => {
        const r = await c.domainCreate({
          name, registrant: o.registrant, authInfo: o.authInfo, period: positiveInt('--period', o.period), nameservers: o.ns, contacts: contactRefs(o),
        });
        if (json) printJson({ code: r.code, ...r.data });
        else console.log(`${r.data.name || name}: ${r.code === 1001 ? 'pending at the registry' : 'created'}${r.data.exDate ? `, expires ${r.data.exDate}` : ''}`);
      }));

  epp.command('renew <name>')
    .description('renew a name')
    .requiredOption('--cur-exp <YYYY-MM-DD>', 'the current expiry date (guards against renewing twice)')
    .option('--period <years>', 'years to add')
    .action(async (name: string, o: { curExp: string; period?: string }, cmd: Command) => withClient(cmd, async (c, json) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.curExp)) throw new Error('--cur-exp must be YYYY-MM-DD');
      const r = await c.domainRenew({ name, curExpDate: o.curExp, period: positiveInt('--period', o.period) });
      if (json) printJson({ code: r.code, ...r.data });
      else console.log(`${r.data.name || name}: renewed${r.data.exDate ? `, expires ${r.data.exDate}` : ''}`);
    }));

  epp.command('update <name>')
    .description('change nameservers, contacts, statuses or the auth code')
    .option('--add-ns <name>', 'add a nameserver (repeatable)', repeat, [] as string[])
    .option('--rem-ns <name>', 'remove a nameserver (repeatable)', repeat, [] as string[])
    .option('--add-status <s>', 'add a client status, e.g. clientHold (repeatable)', repeat, [] as string[])
    .option('--rem-status <s>', 'remove a client status (repeatable)', repeat, [] as string[])
    .option('--registrant <id>', 'new registrant contact id')
    .option('--auth-info <code>', 'new auth code')
    .action(async (name: string, o: { addNs: string[]; remNs: string[]; addStatus: string[]; remStatus: string[]; registrant?: string; authInfo?: string }, cmd: Command) =>
      withClient(cmd, async (c, json) => {
        const r = await c.domainUpdate({
          name, add: { nameservers: o.addNs, statuses: o.addStatus }, rem: { nameservers: o.remNs, statuses: o.remStatus },
          chg: { registrant: o.registrant, authInfo: o.authInfo },
        });
        if (json) printJson({ code: r.code, message: r.message });
        else console.log(`${name}: updated`);
      }));

  epp.command('delete <name>')
    .description('delete a name (it may enter its redemption period first)')
    .action(async (name: string, _o: unknown, cmd: Command) => withClient(cmd, async (c, json) => {
      const r = await c.domainDelete(name);
      if (json) printJson({ code: r.code, message: r.message });
      else console.log(`${name}: ${r.code === 1001 ? 'deletion pending (redemption period)' : 'deleted'}`);
    }));

  epp.command('restore <name>')
    .description('restore a name in its redemption period (RFC 3915 request; --report sends the report too)')
    .option('--report <text>', 'send the restore report with this reason')
    .action(async (name: string, o: { report?: string }, cmd: Command) => withClient(cmd, async (c, json) => {
      const r = await c.domainRestore(name);
      if (o.report !== undefined) {
        const now = new Date().toISOString();
        await c.domainRestoreReport(name, {
          preData: 'As registered before the deletion.', postData: 'As restored.', delTime: now, resTime: now, resReason: o.report,
          statements: ['This registrar has not restored the name to assume the rights to use or sell it.', 'The information in this report is true to the best of this registrar\'s knowledge.'],
        });
      }
      if (json) printJson({ code: r.code, message: r.message, reported: o.report !== undefined });
      else console.log(`${name}: restore requested${o.report !== undefined ? ' and reported' : ''}`);
    }));

  epp.command('transfer <op> <name>')
    .description('transfer: request, query, approve, reject or cancel')
    .option('--auth-info <code>', 'the auth code (request, query)')
    .option('--period <years>', 'years to add on completion (request)')
    .action(async (op: string, name: string, o: { authInfo?: string; period?: string }, cmd: Command) => withClient(cmd, async (c, json) => {
      if (!['request', 'query', 'approve', 'reject', 'cancel'].includes(op)) throw new Error('the transfer op is request, query, approve, reject or cancel');
      const r = await c.domainTransfer(op as 'request', { name, authInfo: o.authInfo, period: positiveInt('--period', o.period) });
      if (json) printJson({ code: r.code, ...r.data });
      else console.log(`${r.data.name}: transfer ${r.data.trStatus}${r.data.reID ? ` to ${r.data.reID}` : ''}${r.data.acID ? ` from ${r.data.acID}` : ''}`);
    }));

  epp.command('contact-create <id>')
    .description('create a contact (the server may assign another id: the one printed is the one to use)')
    .requiredOption('--name <name>', 'person name').option('--org <org>', 'organisation')
    .option('--street <line>', 'street line (repeatable, up to 3)', repeat, [] as string[])
    .requiredOption('--city <city>', 'city').option('--sp <region>', 'state or province').option('--pc <code>', 'postal code')
    .requiredOption('--cc <CC>', 'country code, two letters')
    .requiredOption('--email <address>', 'email').option('--voice <+CC.NUMBER>', 'phone')
    .requiredOption('--auth-info <code>', 'the contact\'s auth code')
    .action(async (id: string, o: { name: string; org?: string; street: string[]; city: string; sp?: string; pc?: string; cc: string; email: string; voice?: string; authInfo: string }, cmd: Command) =>
      withClient(cmd, async (c, json) => {
        const r = await c.contactCreate({
          id, email: o.email, voice: o.voice, authInfo: o.authInfo,
          postalInfo: { type: 'loc', name: o.name, org: o.org, street: o.street, city: o.city, sp: o.sp, pc: o.pc, cc: o.cc },
        });
        if (json) printJson({ code: r.code, ...r.data });
        else console.log(r.data.id);
      }));

  epp.command('poll')
    .description('the oldest queued message (with --ack, acknowledge it after printing)')
    .option('--ack', 'acknowledge (dequeue) the message')
    .action(async (o: { ack?: boolean }, cmd: Command) => withClient(cmd, async (c, json) => {
      const r = await c.poll();
      const m = r.data;
      if (m && o.ack) await c.pollAck(m.id);
      if (json) printJson({ message: m ? { ...m, xml: undefined } : null, acked: Boolean(m && o.ack) });
      else console.log(m ? `${pollLines(m)}${o.ack ? '\n  (acknowledged)' : ''}` : 'no messages');
    }));
}
