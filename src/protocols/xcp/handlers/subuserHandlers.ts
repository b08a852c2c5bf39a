// SUBUSER ADD/GET/MODIFY/DELETE: regd's registrant profiles have no sub-users, so the limit is 0: adding one is
// refused with the seed's 447, and there is never one to read, change or delete.
import type { XcpHandler } from '../xcpContext.ts';
import { XcpError } from '../xcpError.ts';

export const addSubuserHandler: XcpHandler = async () => {
  throw new XcpError(447, 'Sub-user limit exceeded: regd registrant profiles have no sub-users (the limit is 0)');
};

export const subuserNotFoundHandler: XcpHandler = async () => {
  throw new XcpError(480, 'Sub-user not found: regd registrant profiles have no sub-users');
};
