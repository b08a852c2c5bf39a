// EPP domain <delete> (into redemption, RFC 3915), keyed "verb namespace".
import type { EppHandler } from '../eppTypes.ts';

export const domainDeleteCommands: Record<string, EppHandler> = {};
