// What an XCP handler gets: the core, the authenticated reseller and where the request came from.
import type { Core } from '../../core/core.ts';
import type { Reseller } from '../../core/commands/resellers.ts';
import type { XcpRequest } from './xcpRequest.ts';
import type { XcpResult } from './xcpReply.ts';

export interface XcpContext {
  core: Core;
  reseller: Reseller;
  remoteIp: string;
}

export type XcpHandler = (ctx: XcpContext, req: XcpRequest) => Promise<XcpResult>;
