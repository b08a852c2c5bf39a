// The package's public entry ("regd" in package.json exports): the EPP client and the two XCP clients with their
// types. These are TypeScript sources: run the importing program with tsx (node --import tsx) or another TS-aware
// loader, as regd itself runs.
export * from './epp/index.ts';
export { XcpClient, type XcpClientOptions, type HttpReply } from './xcpClient.ts';
export { XcpTcpClient, XcpTcpError, type XcpTcpClientOptions } from './xcpTcpClient.ts';
export { XcpCommands } from './xcp/xcpCommands.ts';
export { XcpError, parseReply as parseXcpReply, type XcpReply } from './xcp/xcpReply.ts';
export type * from './xcp/xcpTypes.ts';
export { makeAssoc, type OpsAssoc, type OpsItem } from '../protocols/ops/index.ts';
