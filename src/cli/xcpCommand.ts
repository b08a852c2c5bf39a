// `regd xcp`: an OpenSRS XCP client on the command line. `regd xcp <object> <action> --attr k=v ...` sends anything;
// `lookup`, `register` and `balance` are typed shortcuts. HTTPS by default, the TCP port 55000 protocol with --tcp.
// Server and credentials: flags, else $REGD_XCP_SERVER / $REGD_XCP_USERNAME / $REGD_XCP_KEY / $REGD_CA, else a profile.
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { XcpClient } from '../client/xcpClient.ts';
import { XcpTcpClient } from '../client/xcpTcpClient.ts';
import { XcpError, type XcpReply } from '../client/xcp/xcpReply.ts';
import type { XcpCommands } from '../client/xcp/xcpCommands.ts';
import type { XcpContact, XcpContacts } from '../client/xcp/xcpTypes.ts';
import {
  addConnectionOptions, clientCommand, loadProfile, parseServer, printJson, readCa, required, runClientCommand, timeoutMs, type ConnectionFlags,
} from './clientConfig.ts';
import { flattenAttributes, parseAttributes } from './xcpAttributes.ts';

interface XcpFlags extends ConnectionFlags { key?: string; tcp?: boolean; attr: string[]; domain?: string; cookie?: string }

type Client = XcpCommands & { close(): void };

async function openClient(flags: XcpFlags): Promise<Client> {
  const profile = loadProfile(flags);
  const tcp = flags.tcp ?? profile.xcpTcp ?? false;
  const env = process.env;
  const { host, port } = parseServer(required('XCP server', '--server', 'REGD_XCP_SERVER', flags.server, env.REGD_XCP_SERVER, profile.xcpServer), tcp ? 55000 : 55443);
  const username = required('XCP username', '--username', 'REGD_XCP_USERNAME', flags.username, env.REGD_XCP_USERNAME, profile.xcpUsername);
  const privateKey = required('XCP private key', '--key', 'REGD_XCP_KEY', flags.key, env.REGD_XCP_KEY, profile.xcpKey);
  // The TCP protocol encrypts with the private key itself (no TLS), so there is no certificate to check.
  if (tcp) return XcpTcpClient.connect({ host, port, username, privateKey, timeoutMs: timeoutMs(flags) });
  return new XcpClient({ host, port, username, privateKey, ca: readCa(flags, profile), insecure: flags.insecure ?? profile.insecure ?? false, maxSockets: 1 });
}

/** Runs fn with a connected client and closes it, whatever happens. */
async function withClient(cmd: Command, fn: (c: Client, flags: XcpFlags) => Promise<void>): Promise<void> {
  const flags = cmd.optsWithGlobals<XcpFlags>();
  await runClientCommand(async () => {
    const c = await openClient(flags);
    try {
      await fn(c, flags);
    } finally {
      c.close();
    }
  });
}

function replyJson(r: XcpReply) {
  return { response_code: r.responseCode, response_text: r.responseText, is_success: r.isSuccess, attributes: r.attributes };
}

/** --contact-file: one contact for every role, or {owner, admin, billing, tech}; camelCase or OpenSRS snake_case keys. */
function readContacts(file: string): XcpContacts {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`contact file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null) throw new Error(`contact file ${file} must hold a JSON object`);
  const camel = (c: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(c).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase()), String(v)])) as unknown as XcpContact;
  const d = data as Record<string, Record<string, unknown>>;
  if ('owner' in d) {
    return Object.fromEntries(['owner', 'admin', 'billing', 'tech'].filter((r) => d[r]).map((r) => [r, camel(d[r]!)])) as XcpContacts;
  }
  return camel(d as unknown as Record<string, unknown>);
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function addXcpCommand(program: Command): void {
  const xcp = addConnectionOptions(
    clientCommand(program, 'xcp').description('OpenSRS XCP client: regd xcp <object> <action> [--attr k=v ...], or a shortcut below'),
    new Option('--key <hex>', 'reseller private key'),
  )
    .option('--tcp', 'use the TCP protocol (port 55000) instead of HTTPS')
    .addOption(new Option('--attr <path=value>', 'an attribute (repeatable): contact_set.owner.first_name=Ann, nameserver_list.0.name=ns1.example.com')
      .argParser((v: string, acc: string[]) => [...acc, v]).default([] as string[], 'none'))
    .option('--domain <name>', 'top-level domain key (GET/MODIFY DOMAIN act on it)')
    .option('--cookie <cookie>', 'top-level registrant cookie (from SET COOKIE)')
    .argument('[object]', 'e.g. DOMAIN, COOKIE, NAMESERVER')
    .argument('[action]', 'e.g. GET, MODIFY, SW_REGISTER')
    .action(async (object: string | undefined, action: string | undefined, _o: unknown, cmd: Command) => {
      if (!object || !action) throw new Error('give an object and an action, e.g. regd xcp DOMAIN LOOKUP --attr domain=example.com');
      await withClient(cmd, async (c, flags) => {
        const extra: Record<string, string> = {};
        if (flags.domain) extra.domain = flags.domain;
        if (flags.cookie) extra.cookie = flags.cookie;
        const reply = await c.call(object.toUpperCase(), action.toUpperCase(), parseAttributes(flags.attr), extra);
        if (flags.json) printJson(replyJson(reply));
        else console.log([`${reply.responseCode} ${reply.responseText}`, ...flattenAttributes(reply.attributes)].join('\n'));
        if (!reply.isSuccess) throw new XcpError(reply, `${object} ${action}`);
      });
    });

  xcp.command('lookup <name>')
    .description('is the name available? (LOOKUP DOMAIN)')
    .action(async (name: string, _o: unknown, cmd: Command) => withClient(cmd, async (c, flags) => {
      const r = await c.lookup(name);
      if (flags.json) printJson({ domain: name, available: r.available, status: r.status, reason: r.reason });
      else console.log(`${name}: ${r.available ? 'available' : `taken${r.reason ? ` (${r.reason})` : ''}`}`);
    }));

  xcp.command('register <name>')
    .description('register a name (SW_REGISTER reg_type=new)')
    .option('--period <years>', 'registration period in years', '1')
    .requiredOption('--reg-username <name>', 'registrant profile username (created if new)')
    .requiredOption('--reg-password <password>', 'registrant profile password')
    .option('--contact-file <file>', 'JSON: one contact for every role, or {"owner": {...}, "admin": {...}, ...}')
    .option('--ns <names>', 'nameservers, comma-separated', list)
    .option('--auth-info <code>', 'transfer auth code to set')
    .action(async (name: string, o: { period: string; regUsername: string; regPassword: string; contactFile?: string; ns?: string[]; authInfo?: string }, cmd: Command) =>
      withClient(cmd, async (c, flags) => {
        const period = Number(o.period);
        if (!Number.isInteger(period) || period < 1) throw new Error('--period must be a whole number of years');
        const contactFile = o.contactFile ?? loadProfile(flags).contactFile;
        if (!contactFile) throw new Error('no contacts: give --contact-file FILE (or contactFile in a profile)');
        const r = await c.register({
          domain: name, period, regUsername: o.regUsername, regPassword: o.regPassword, contacts: readContacts(contactFile),
          nameservers: o.ns, authInfo: o.authInfo,
        });
        if (flags.json) {
          printJson({ domain: name, orderId: r.orderId, domainId: r.domainId, async: r.async, expirationDate: r.expirationDate, response_code: r.reply.responseCode, response_text: r.reply.responseText });
        } else if (r.async) {
          console.log(`${name}: submitted to an asynchronous registry (order ${r.orderId}); it completes on its own`);
        } else {
          console.log(`${name}: registered (order ${r.orderId}${r.expirationDate ? `, expires ${r.expirationDate}` : ''})`);
        }
      }));

  xcp.command('balance')
    .description('the reseller\'s balance (GET_BALANCE)')
    .action(async (_o: unknown, cmd: Command) => withClient(cmd, async (c, flags) => {
      const r = await c.getBalance();
      if (flags.json) printJson({ balance: r.balance, holdBalance: r.holdBalance, currency: r.currency });
      else console.log(`balance: ${r.balance}${r.currency ? ` ${r.currency}` : ''}${r.holdBalance && r.holdBalance !== '0.00' ? ` (on hold ${r.holdBalance})` : ''}`);
    }));
}
