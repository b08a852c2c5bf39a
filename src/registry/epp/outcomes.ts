// How an EPP exchange becomes a RegistryOutcome. The distinction that matters is whether the registry may have
// acted: a refusal (2xxx) or a command never written means nothing happened there (`failed`); a command written
// whose answer never came (timeout, dropped connection, a reply we cannot read) may have taken effect (`unknown`,
// for reconcile() to settle).
import { EppConnectionError, EppError, EppProtocolError, EppUnsupportedError } from '../../client/epp/errors.ts';
import type { RegistryOutcome } from '../registryPort.ts';

/** EPP's "command failed" code, used for every failure that is regd's or the network's rather than the registry's. */
export const COMMAND_FAILED = 2400;

/** 2500-2502: the registry ends the session (server error, authentication, session limit); the command did not run. */
export const isSessionEnding = (code: number): boolean => code >= 2500 && code <= 2502;

/** Registry trouble that says nothing about the command: the registry is unreachable or will not take sessions. */
export class RegistryUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailable';
  }
}

export type Failure =
  | { kind: 'refused'; code: number; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'unknown'; message: string };

/** Sorts anything a session call threw. */
export function classify(err: unknown): Failure {
  if (err instanceof RegistryUnavailable) return { kind: 'unavailable', message: err.message };
  if (err instanceof EppError) {
    const detail = err.reason ? `${err.message} (${err.reason})` : err.message;
    if (isSessionEnding(err.code)) return { kind: 'unavailable', message: `${err.code} ${detail}` };
    return { kind: 'refused', code: err.code, message: `${err.code} ${detail}` };
  }
  if (err instanceof EppConnectionError) {
    return err.sent ? { kind: 'unknown', message: err.message } : { kind: 'unavailable', message: err.message };
  }
  if (err instanceof EppUnsupportedError) return { kind: 'refused', code: 2103, message: err.message };
  if (err instanceof EppProtocolError) return { kind: 'unknown', message: `malformed reply: ${err.message}` };
  // A bug here or in the client: whether the command went out is not known.
  return { kind: 'unknown', message: (err as Error)?.message ?? String(err) };
}

/** The outcome of a changing call that threw. `registry` names the upstream in the messages the reseller sees. */
export function failureOutcome(registry: string, f: Failure): RegistryOutcome<never> {
  switch (f.kind) {
    case 'refused':
      return { status: 'failed', reason: 'refused', code: f.code, message: f.message };
    case 'unavailable':
      return { status: 'failed', reason: 'unavailable', code: COMMAND_FAILED, message: `registry ${registry} unavailable: ${f.message}` };
    case 'unknown':
      return { status: 'unknown', message: `registry ${registry}: no answer known: ${f.message}` };
  }
}

/** 1000 is done, 1001 is accepted for later (the other 1xxx codes answer polls and logouts, not changes). */
export function successOutcome<T>(result: { code: number; message: string }, value: T): RegistryOutcome<T> {
  if (result.code === 1001) return { status: 'pending', code: 1001, message: result.message };
  return { status: 'ok', value, code: result.code, message: result.message };
}
