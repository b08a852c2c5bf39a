// Where `regd xcp` and `regd epp` find their server and credentials: a flag, else an environment variable, else a
// named profile in a JSON file (--profile FILE, default $XDG_CONFIG_HOME/regd/client.json or ~/.config/regd/client.json;
// --profile-name or $REGD_PROFILE picks the profile, default "default"). Also the one-line error text and the
// shared connection flags.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { EppConnectionError, EppError, EppProtocolError } from '../client/epp/index.ts';
import { XcpError } from '../client/xcp/xcpReply.ts';
import { XcpTcpError } from '../client/xcpTcpClient.ts';

/** One profile: every key optional; paths (ca, contactFile) are relative to the profile file. */
export interface ClientProfile {
  xcpServer?: string;
  xcpUsername?: string;
  xcpKey?: string;
  xcpTcp?: boolean;
  eppServer?: string;
  eppUsername?: string;
  eppPassword?: string;
  eppTransport?: 'tls' | 'https';
  ca?: string;
  insecure?: boolean;
  contactFile?: string;
}

/** The flags every client command takes (on `regd xcp` / `regd epp`, usable before or after the subcommand). */
export interface ConnectionFlags {
  server?: string;
  username?: string;
  ca?: string;
  insecure?: boolean;
  profile?: string;
  profileName?: string;
  json?: boolean;
  timeout?: string;
}

/**
 * The `xcp` / `epp` command. Usage errors stay on one line too ("regd: required option ..."), without the help text
 * the rest of the program prints after an error; subcommands inherit this.
 */
export function clientCommand(program: Command, name: string): Command {
  return program.command(name)
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(`regd: ${text.replace(/^error: /, '').replace(/\s+/g, ' ').trim()}\n`) });
}

export function addConnectionOptions(cmd: Command, secret: Option): Command {
  return cmd
    .option('--server <host:port>', 'the server (default port: the protocol\'s standard one)')
    .option('--username <name>', 'reseller username')
    .addOption(secret)
    .option('--ca <file>', 'PEM certificate to trust (e.g. a sandbox\'s data/tls/cert.pem); also $REGD_CA')
    .option('--insecure', 'skip certificate checks')
    .option('--profile <file>', 'profile file (JSON: {"NAME": {xcpServer, xcpUsername, xcpKey, eppServer, ...}})')
    .option('--profile-name <name>', 'which profile in the file (default "default", or $REGD_PROFILE)')
    .option('--timeout <seconds>', 'per command (default 30)')
    .option('--json', 'print JSON (for scripts) instead of text');
}

function defaultProfilePath(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'regd', 'client.json');
}

/** The chosen profile (empty when no file exists and none was named), with its paths made absolute. */
export function loadProfile(flags: ConnectionFlags): ClientProfile {
  const file = flags.profile ? path.resolve(flags.profile) : defaultProfilePath();
  const name = flags.profileName ?? process.env.REGD_PROFILE ?? 'default';
  if (!fs.existsSync(file)) {
    if (flags.profile || flags.profileName) throw new Error(`profile file ${file} does not exist`);
    return {};
  }
  let all: unknown;
  try {
    all = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`profile file ${file}: ${(err as Error).message}`);
  }
  const profile = (all as Record<string, ClientProfile> | null)?.[name];
  if (profile === undefined) {
    if (flags.profile || flags.profileName || process.env.REGD_PROFILE) throw new Error(`profile file ${file} has no profile "${name}"`);
    return {};
  }
  if (typeof profile !== 'object' || profile === null) throw new Error(`profile "${name}" in ${file} is not an object`);
  const dir = path.dirname(file);
  return {
    ...profile,
    ca: profile.ca ? path.resolve(dir, profile.ca) : undefined,
    contactFile: profile.contactFile ? path.resolve(dir, profile.contactFile) : undefined,
  };
}

/** host:port (or just host, with the default port). */
export function parseServer(value: string, defaultPort: number): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(value.trim());
  const port = m?.[3] === undefined ? defaultPort : Number(m[3]);
  if (!m || port < 1 || port > 65535) throw new Error(`--server must be HOST or HOST:PORT, not "${value}"`);
  return { host: m[1] ?? m[2]!, port };
}

/** The CA PEM from --ca, $REGD_CA or the profile (undefined: the system CAs). */
export function readCa(flags: ConnectionFlags, profile: ClientProfile): string | undefined {
  const file = flags.ca ?? process.env.REGD_CA ?? profile.ca;
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read CA file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function timeoutMs(flags: ConnectionFlags): number {
  if (flags.timeout === undefined) return 30_000;
  const s = Number(flags.timeout);
  if (!Number.isFinite(s) || s <= 0) throw new Error('--timeout must be a positive number of seconds');
  return Math.round(s * 1000);
}

/** The first defined of flag, environment variable and profile value; an error naming all three when none is. */
export function required(what: string, flag: string, env: string, ...values: Array<string | undefined>): string {
  const v = values.find((x) => x !== undefined && x !== '');
  if (v === undefined) throw new Error(`no ${what}: give ${flag}, set ${env}, or put it in a profile`);
  return v;
}

/** One line for stderr: the class of failure, its code and the server's words. */
export function describeClientError(err: unknown): string {
  let text: string;
  if (err instanceof EppError) text = `EPP ${err.code}: ${err.message}${err.reason ? ` (${err.reason})` : ''}`;
  else if (err instanceof XcpError) text = `XCP ${err.responseCode}: ${err.responseText}`;
  else if (err instanceof XcpTcpError) text = err.code !== undefined ? `XCP ${err.code}: ${err.message}` : err.message;
  else if (err instanceof EppConnectionError) text = `${err.message}${err.sent ? ' (the command was sent; its outcome is unknown)' : ''}`;
  else if (err instanceof EppProtocolError) text = err.message;
  else text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim();
}

/** Runs a client command; any failure becomes an Error whose message is one line (main prints it and exits 1). */
export async function runClientCommand(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    throw new Error(describeClientError(err));
  }
}

/** One JSON line on stdout, as `regd reseller create --json` prints. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value));
}
