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
