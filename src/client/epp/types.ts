// The public shapes of the EPP client: options, results and the typed request/response data of each command.
// Dates are kept as the server sent them (ISO strings); money as decimal strings, never floats.

export interface EppClientOptions {
  /** tls: RFC 5734 framing over TLS; https: POST to `path` with the session_id cookie (Openprovider style). */
  transport: 'tls' | 'https';
  host: string;
  port: number;
  clID: string;
  password: string;
  /** Changes the password at the first login (<newPW>); later re-logins use it. */
  newPassword?: string;
  /** PEM to trust. Omitted: the system CAs, with certificate checks on unless `insecure`. */
  ca?: string | Buffer;
  /** Skip certificate checks (sandboxes with self-signed certificates only). */
  insecure?: boolean;
  /** Client certificate and key (registries that pin one). */
  cert?: string | Buffer;
  key?: string | Buffer;
  servername?: string;
  /** https only: where to POST. Default /epp. */
  path?: string;
  /** Wanted object URIs; login sends those the greeting offers. Default: domain, contact and host, when offered. */
  objURIs?: string[];
  /** Wanted extension URIs; login sends those the greeting offers. Default: every extension the client knows. */
  extURIs?: string[];
  /** Per command (and for the greeting). Default 30000. Exceeded: EppTimeoutError. */
  timeoutMs?: number;
  /** Send <hello/> when the connection has been idle this long. Default 0 (off). */
  keepaliveMs?: number;
  /** Default true: after an idle disconnect or a 2500-series close, reconnect and log in again before the next command. */
  reconnect?: boolean;
  /** Default 'regd'. */
  clTRIDPrefix?: string;
  log?: (line: string) => void;
  /**
   * Check every reply against the EPP schemas before reading it: true uses regd's XSD set (src/protocols/epp, IETF
   * schemas plus opprov-1.0), a function returns an error message for an invalid reply. A failure is an
   * EppProtocolError. Default off: registries send extensions whose schemas a client may not have.
   */
  validateReplies?: boolean | ((xml: string) => string | undefined);
}

/** Options every command takes last. */
export interface CmdOpts {
  /** Default: generated (prefix, counter, random). */
  clTRID?: string;
  /** Raw extension XML appended inside <extension>, for extensions the typed calls do not cover. */
  extensions?: string;
}

export interface EppGreeting {
  svID: string;
  svDate?: string;
  versions: string[];
  langs: string[];
  objURIs: string[];
  extURIs: string[];
}

export interface EppMsgQ { count: number; id: string; qDate?: string; msg?: string }

export interface EppResult<T> {
  code: number;
  message: string;
  clTRID?: string;
  svTRID?: string;
  data: T;
  msgQ?: EppMsgQ;
  /** The whole reply document. */
  xml: string;
}

// --- shared pieces -------------------------------------------------------------------------------------------

export type EppContactType = 'admin' | 'tech' | 'billing';
export interface EppContactRef { type: EppContactType; id: string }
export interface EppHostAttr { name: string; addresses: string[] }
/** A status to add or remove: the value (e.g. clientHold), or the value with a reason text. */
export type EppStatusInput = string | { s: string; text?: string; lang?: string };

// --- extensions ----------------------------------------------------------------------------------------------

export interface EppDsData { keyTag: number; alg: number; digestType: number; digest: string }
export interface EppSecDnsCreate { dsData: EppDsData[]; maxSigLife?: number }
export interface EppSecDnsUpdate { add?: EppDsData[]; rem?: EppDsData[]; removeAll?: boolean; urgent?: boolean }

/** RFC 8334 phase: sunrise, landrush, claims, open, or custom with `name`. */
export interface EppLaunchPhase { phase: 'sunrise' | 'landrush' | 'claims' | 'open' | 'custom'; name?: string }
export interface EppClaimsNotice { noticeId: string; validatorId?: string; notAfter: string; acceptedDate: string }
export interface EppLaunchCreate extends EppLaunchPhase {
  type?: 'application' | 'registration';
  /** base64 smd:encodedSignedMark values. */
  encodedSignedMarks?: string[];
  notices?: EppClaimsNotice[];
}
export interface EppLaunchInfoRequest extends EppLaunchPhase { applicationId?: string; includeMark?: boolean }
export interface EppLaunchInfo { phase: string; phaseName?: string; applicationId?: string; status?: string }

export type EppFeeCommandName = 'create' | 'delete' | 'renew' | 'update' | 'transfer' | 'restore' | 'custom';
export interface EppFeeCheckRequest {
  currency?: string;
  commands: Array<{ name: EppFeeCommandName; period?: number; customName?: string; phase?: string; subphase?: string }>;
}
export interface EppFee { amount: string; description?: string; refundable?: boolean; gracePeriod?: string; applied?: string }
export interface EppFeeCheckCommand {
  name: string;
  customName?: string;
  phase?: string;
  subphase?: string;
  period?: { value: number; unit: 'y' | 'm' };
  standard: boolean;
  fees: EppFee[];
  credits: EppFee[];
  reason?: string;
}
export interface EppFeeCheck { avail: boolean; currency?: string; class?: string; commands: EppFeeCheckCommand[]; reason?: string }
/** The fee the client agrees to pay, sent with create, renew, transfer or update. */
export interface EppFeeAgreement {
  currency?: string;
  fees: Array<{ amount: string | number; description?: string; refundable?: boolean; gracePeriod?: string; applied?: 'immediate' | 'delayed' }>;
}
export interface EppFeeResult {
  currency?: string;
  period?: { value: number; unit: 'y' | 'm' };
  fees: EppFee[];
  credits: EppFee[];
  balance?: string;
  creditLimit?: string;
}

/** Openprovider op:ext domain fields (create, and chg on update). */
export interface EppOpDomainFields {
  autorenew?: 'on' | 'off' | 'default';
  promoCode?: string;
  useDomicile?: boolean;
  nsGroup?: string;
  comments?: string;
  nsTemplateName?: string;
}
export interface EppOpDomainChange extends EppOpDomainFields { resetAuthCode?: boolean }
/** Openprovider op:ext on a transfer request: the contacts and delegation to use afterwards. */
export interface EppOpDomainTransfer extends EppOpDomainFields {
  registrant?: string;
  contacts?: EppContactRef[];
  nameservers?: string[];
}
/** Openprovider op:ext contact fields (names as in opprov-1.0.xsd: vat, gender, birthDate, ...). */
export type EppOpContactFields = Partial<Record<
  'vat' | 'comments' | 'gender' | 'birthDate' | 'birthAddress' | 'birthCity' | 'birthState' | 'birthZipcode' | 'birthCountry'
  | 'companyRegistrationCity' | 'companyRegistrationNumber' | 'companyRegistrationSubscriptionDate' | 'headquartersAddress'
  | 'headquartersCity' | 'headquartersState' | 'headquartersZipcode' | 'headquartersCountry' | 'socialSecurityNumber' | 'passportNumber',
  string>>;

export interface EppRestoreReport {
  preData: string;
  postData: string;
  /** dateTime, e.g. 2026-03-01T22:00:00Z */
  delTime: string;
  resTime: string;
  resReason: string;
  statements: string[];
  other?: string;
}

// --- domain --------------------------------------------------------------------------------------------------

export interface EppDomainCheckOptions extends CmdOpts {
  /** Ask for prices (needs the fee extension; ignored when the server did not offer it). */
  fee?: EppFeeCheckRequest;
  /** Availability in a launch phase (launch:check type="avail"). */
  launch?: EppLaunchPhase;
}
export interface EppDomainCheckItem { name: string; avail: boolean; reason?: string; fee?: EppFeeCheck }
export interface EppClaimsCheckItem { name: string; exists: boolean; claimKey?: string; validatorId?: string }

export interface EppDomainInfoOptions extends CmdOpts {
  authInfo?: string;
  hosts?: 'all' | 'del' | 'sub' | 'none';
  launch?: EppLaunchInfoRequest;
}

export interface EppDomainInfo {
  name: string;
  roid?: string;
  statuses: string[];
  registrant?: string;
  contacts: EppContactRef[];
  /** Delegation given as host objects. */
  nameservers: string[];
  /** Delegation given as host attributes (with glue). */
  hostAttrs: EppHostAttr[];
  /** Subordinate hosts. */
  hosts: string[];
  clID?: string;
  crID?: string;
  crDate?: string;
  upID?: string;
  upDate?: string;
  exDate?: string;
  trDate?: string;
  authInfo?: string;
  /** RFC 3915 states (addPeriod, redemptionPeriod, pendingRestore ...). */
  rgpStatuses: string[];
  dsData: EppDsData[];
  launch?: EppLaunchInfo;
  /** Openprovider op:infData fields as sent (isLocked, renewalDate, autorenew ...). */
  op?: Record<string, string>;
}

export interface EppDomainCreateRequest {
  name: string;
  /** Years. */
  period?: number;
  nameservers?: string[];
  hostAttrs?: EppHostAttr[];
  registrant?: string;
  contacts?: EppContactRef[];
  authInfo: string;
  secDns?: EppSecDnsCreate;
  launch?: EppLaunchCreate;
  fee?: EppFeeAgreement;
  op?: EppOpDomainFields;
}
export interface EppDomainCreateData {
  name: string;
  crDate?: string;
  exDate?: string;
  /** launch:creData, for creates in a launch phase. */
  applicationId?: string;
  fee?: EppFeeResult;
}

export interface EppDomainRenewRequest { name: string; curExpDate: string; period?: number; fee?: EppFeeAgreement }
export interface EppDomainRenewData { name: string; exDate?: string; fee?: EppFeeResult }

export type EppTransferOp = 'request' | 'query' | 'approve' | 'reject' | 'cancel';
export interface EppDomainTransferRequest {
  name: string;
  authInfo?: string;
  period?: number;
  fee?: EppFeeAgreement;
  op?: EppOpDomainTransfer;
}
export interface EppTransferData {
  name: string;
  trStatus: string;
  reID?: string;
  reDate?: string;
  acID?: string;
  acDate?: string;
  exDate?: string;
}
export interface EppDomainTransferData extends EppTransferData { fee?: EppFeeResult }

export interface EppDomainAddRem {
  nameservers?: string[];
  hostAttrs?: EppHostAttr[];
  contacts?: EppContactRef[];
  statuses?: EppStatusInput[];
}
export interface EppDomainUpdateRequest {
  name: string;
  add?: EppDomainAddRem;
  rem?: EppDomainAddRem;
  chg?: { registrant?: string; authInfo?: string };
  secDns?: EppSecDnsUpdate;
  fee?: EppFeeAgreement;
  op?: EppOpDomainChange;
}

// --- contact -------------------------------------------------------------------------------------------------

export interface EppPostalInfo {
  type: 'int' | 'loc';
  name: string;
  org?: string;
  street: string[];
  city: string;
  sp?: string;
  pc?: string;
  cc: string;
}
export interface EppContactCreateRequest {
  id: string;
  /** One, or an int and a loc form. */
  postalInfo: EppPostalInfo | EppPostalInfo[];
  /** +CC.NUMBER */
  voice?: string;
  fax?: string;
  email: string;
  authInfo: string;
  op?: EppOpContactFields;
}
export interface EppContactCheckItem { id: string; avail: boolean; reason?: string }
export interface EppContactInfo {
  id: string;
  roid?: string;
  statuses: string[];
  postalInfo: EppPostalInfo[];
  voice?: string;
  fax?: string;
  email?: string;
  clID?: string;
  crID?: string;
  crDate?: string;
  upID?: string;
  upDate?: string;
  trDate?: string;
  authInfo?: string;
  op?: Record<string, string>;
}
export interface EppContactUpdateRequest {
  id: string;
  add?: { statuses: EppStatusInput[] };
  rem?: { statuses: EppStatusInput[] };
  chg?: {
    /** Each replaces the postal info of its type; name, org and address are optional within it. */
    postalInfo?: Array<Partial<Omit<EppPostalInfo, 'type'>> & { type: 'int' | 'loc' }>;
    voice?: string;
    fax?: string;
    email?: string;
    authInfo?: string;
  };
  op?: EppOpContactFields;
}

// --- host ----------------------------------------------------------------------------------------------------

export interface EppHostCreateRequest { name: string; addresses?: string[] }
export interface EppHostCheckItem { name: string; avail: boolean; reason?: string }
export interface EppHostInfo {
  name: string;
  roid?: string;
  statuses: string[];
  addresses: string[];
  clID?: string;
  crID?: string;
  crDate?: string;
  upID?: string;
  upDate?: string;
  trDate?: string;
}
export interface EppHostUpdateRequest {
  name: string;
  add?: { addresses?: string[]; statuses?: EppStatusInput[] };
  rem?: { addresses?: string[]; statuses?: EppStatusInput[] };
  chg?: { name: string };
}

// --- poll ----------------------------------------------------------------------------------------------------

export interface EppPollMessage {
  id: string;
  qDate?: string;
  msg: string;
  /** Messages left in the queue, this one included. */
  count: number;
  kind: 'transfer' | 'pendingAction' | 'renewal' | 'other';
  /** The object the message is about, when the message says. */
  name?: string;
  transfer?: EppTransferData;
  paClTRID?: string;
  paSvTRID?: string;
  paResult?: boolean;
  paDate?: string;
  exDate?: string;
  /** Openprovider op:polData (action, status, transaction, title ...), when the session named the extension. */
  op?: Record<string, string>;
  /** The whole reply document. */
  xml: string;
}
