// EPP domain command handlers, keyed "verb namespace" (e.g. "check urn:ietf:params:xml:ns:domain-1.0").
import type { EppHandler } from '../eppTypes.ts';

export const domainCommands: Record<string, EppHandler> = {};
