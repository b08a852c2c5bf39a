// Domain transfers between resellers (RFC 5731 semantics), one file per action in transfers/: request, query,
// approve, reject, cancel, completion and ending, and approval by the server when the losing side does not act
// within the TLD's transfer window.
//
// Money: the gaining reseller pays the transfer price when it asks (one debit); a rejected, cancelled or
// server-cancelled transfer refunds it. Every step writes history and poll messages in its own transaction.
export * from './transfers/transferRecords.ts';
export * from './transfers/transferProfile.ts';
export * from './transfers/requestTransfer.ts';
export * from './transfers/queryTransfer.ts';
export * from './transfers/approveTransfer.ts';
export * from './transfers/rejectTransfer.ts';
export * from './transfers/cancelTransfer.ts';
export * from './transfers/completeTransfer.ts';
export * from './transfers/endTransfer.ts';
export * from './transfers/autoApproveTransfers.ts';
export * from './transfers/remoteTransfers.ts';
export * from './transfers/transferData.ts';
export * from './transfers/resubmitTransfer.ts';
export * from './transfers/transferRequestInfo.ts';
