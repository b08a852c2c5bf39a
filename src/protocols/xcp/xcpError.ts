// An XCP-level failure with its response code (from the seed's code table) and text.
export class XcpError extends Error {
  readonly code: number;
  constructor(code: number, text: string) {
    super(text);
    this.name = 'XcpError';
    this.code = code;
  }
}

export const xcpMissing = (field: string): XcpError => new XcpError(460, `Missing required field: ${field}`);
export const xcpInvalid = (text: string): XcpError => new XcpError(465, text);

// The seed's code table puts some missing inputs under 447, not 460: "No Cookie Supplied. No Domain Supplied.
// Modify type not specified." (460 stays for other missing fields.) The seed's words lead the text, so a client
// matching on them finds them; regd's explanation follows after a colon.
export const NO_COOKIE_SUPPLIED = 'No Cookie Supplied';
export const NO_DOMAIN_SUPPLIED = 'No Domain Supplied';
export const MODIFY_TYPE_NOT_SPECIFIED = 'Modify type not specified';

const seed447 = (text: string, why?: string): XcpError => new XcpError(447, why ? `${text}: ${why}` : text);
export const noCookieSupplied = (why?: string): XcpError => seed447(NO_COOKIE_SUPPLIED, why);
export const noDomainSupplied = (why?: string): XcpError => seed447(NO_DOMAIN_SUPPLIED, why);
export const modifyTypeNotSpecified = (why?: string): XcpError => seed447(MODIFY_TYPE_NOT_SPECIFIED, why);
