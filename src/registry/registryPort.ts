// The port the core calls to talk to a registry. Per TLD the registry behind it is the built-in sandbox or a real
// registry reached over EPP (src/registry/epp/); RegistryRouter (registryRouter.ts) picks one by the name's TLD.
//
// The core keeps its own record of what regd has registered; the port carries out the registry side. Every call
// that changes something carries an idempotency key derived from the order id (orderKey.ts): it is the clTRID an
// EPP registry sees, so a crash between "sent" and "stored" can be resolved later by asking the registry
// (reconcile), and the same key sent twice never acts twice.
//
// A changing call answers one of four ways (RegistryOutcome):
//   ok       the registry did it (EPP 1000);
//   pending  the registry accepted it and will decide later (EPP 1001): a poll message or reconcile() tells;
//   failed   the registry refused it (2xxx: `reason: 'refused'`), or it was never sent because the registry is
//            unreachable or its circuit is open (`reason: 'unavailable'`): nothing happened there;
//   unknown  it was sent and no answer came (timeout, connection lost): reconcile() finds out what happened.
import type { TldPolicy } from './tldPolicy.ts';

export type RegistryOutcome<T = void> =
  | { status: 'ok'; value: T; code?: number; message?: string }
  | { status: 'pending'; code?: number; message?: string; /** when the registry expects to have decided */ retryAt?: Date }
  | { status: 'failed'; reason: 'refused' | 'unavailable'; code: number; message: string }
  | { status: 'unknown'; message: string };

/** Every changing call: the idempotency key (the clTRID sent to an EPP registry) and when it was first sent. */
export interface RegistryCall {
  key: string;
  /** The clock's now when the order was reserved; the sandbox decides asynchronous completions by it. */
  at: Date;
}

/** What a registry can do, so the core refuses early what it lacks. */
export interface RegistryCapabilities {
  objects: Array<'domain' | 'contact' | 'host'>;
  /** hostObj: nameservers are host objects created first; hostAttr: names and glue inside the domain. */
  hostModel: 'hostObj' | 'hostAttr';
  /** A thin registry keeps no contacts. */
  thin: boolean;
  /** Operations this registry does not offer (the core answers "not supported" for them). */
  lacks: RegistryOperation[];
}

export type RegistryOperation =
  | 'check' | 'info' | 'create' | 'renew' | 'transfer' | 'update' | 'delete' | 'restore'
  | 'hostCreate' | 'hostUpdate' | 'hostDelete' | 'contactCreate' | 'contactUpdate' | 'contactDelete' | 'poll';

/** Registrant data sent with a create or an update (the registry's own contact ids are the adapter's business). */
export interface RegistryContact {
  /** regd's id for the contact (contacts.id), so an adapter can map it to the registry's id once. */
  localId: number;
  handle: string;
  firstName: string; lastName: string; orgName: string;
  address1: string; address2: string; address3: string;
  city: string; state: string; country: string; postalCode: string;
  phone: string; fax: string; email: string;
}

export type ContactRole = 'owner' | 'admin' | 'tech' | 'billing';

/** The fee regd agrees to pay for a premium name (RFC 8748 fee:fee), total for the period. */
export interface RegistryFee { amountMinor: number; currency: string }

export interface RegistryCreateRequest {
  name: string;
  years: number;
  /** Only for a premium name: the registry's price, agreed to (a registry refuses a premium create without it). */
  fee?: RegistryFee;
  /** The acknowledged trademark claims notice (RFC 8334), for a name with a claim in a claims phase. */
  claimsNotice?: { noticeId: string; validatorId?: string; notAfter: Date; acceptedDate: Date };
  nameservers: string[];
  authCode: string;
  /** Contacts by role; a thin registry ignores them. */
  contacts?: Partial<Record<ContactRole, RegistryContact>>;
  now: Date;
}

/** `roid`: regd's repository id for the new domain (repositoryId.ts), the same for a call and its reconciliation. */
export interface RegistryCreateResult { roid: string; createdAt: Date; expiresAt: Date }
export interface RegistryRenewResult { expiresAt: Date }

export interface RegistryUpdateRequest {
  name: string;
  /** The whole new delegation, when it changes. */
  nameservers?: string[];
  addStatuses?: string[];
  removeStatuses?: string[];
  authCode?: string;
  contacts?: Partial<Record<ContactRole, RegistryContact>>;
}

export type TransferAction = 'request' | 'query' | 'approve' | 'reject' | 'cancel';

export interface RegistryTransferRequest { action: TransferAction; name: string; authCode?: string; years?: number; fee?: RegistryFee }
export interface RegistryTransferResult {
  status: 'pending' | 'clientApproved' | 'clientRejected' | 'clientCancelled' | 'serverApproved' | 'serverCancelled';
  requestingRegistrar?: string;
  actingRegistrar?: string;
  requestedAt?: Date;
  actionBy?: Date;
  expiresAt?: Date;
}

export interface RegistryDomainInfo {
  name: string;
  roid: string;
  /** Whether regd's own login at this registry sponsors the name. */
  sponsoredByUs: boolean;
  sponsor?: string;
  statuses: string[];
  createdAt?: Date;
  expiresAt?: Date;
  nameservers: string[];
  authCode?: string;
}

export interface RegistryHostRequest { name: string; addresses: string[] }

/**
 * One message from the registry's poll queue, already understood: what it means for a domain. `id` is the
 * registry's message id, acknowledged (ack) only after regd stored the event.
 */
export interface RegistryMessage {
  id: string;
  at: Date;
  text: string;
  kind: 'transferRequested' | 'transferCompleted' | 'transferRejected' | 'transferCancelled' | 'autoRenewed'
    | 'deleted' | 'statusChanged' | 'actionCompleted' | 'other';
  name?: string;
  /** The clTRID of the request a pending action (1001) answered, when the message is about one. */
  key?: string;
  ok?: boolean;
  /** transfer messages: who asked, who acts, and the new expiry where the registry gave one. */
  transfer?: RegistryTransferResult;
  expiresAt?: Date;
}

/**
 * An operation regd sent but has not seen finish: what reconcile() needs to ask the registry about it.
 */
export interface InFlightOperation {
  key: string;
  at: Date;
  operation: RegistryOperation;
  name: string;
  /** create: the expected expiry and auth code; renew: the expiry before it; transfer: the action. */
  detail: Record<string, unknown>;
}

export interface RegistryPort {
  readonly name: string;
  capabilities(tld: string): RegistryCapabilities;
  /** The TLDs this registry offers; callers match the longest suffix. */
  policies(): TldPolicy[];
  policy(tld: string): TldPolicy | undefined;
  /** Whether the name is held by someone outside regd (a registry may cache the answer briefly). */
  isRegisteredElsewhere(name: string): Promise<boolean>;
  /** The trademark-claims key (RFC 8334 claimKey) when a trademark claim covers the name, else undefined. */
  trademarkClaimKey(name: string): Promise<string | undefined>;

  infoDomain(name: string): Promise<RegistryOutcome<RegistryDomainInfo | undefined>>;
  createDomain(call: RegistryCall, req: RegistryCreateRequest): Promise<RegistryOutcome<RegistryCreateResult>>;
  renewDomain(call: RegistryCall, req: { name: string; years: number; currentExpiry: Date; fee?: RegistryFee }): Promise<RegistryOutcome<RegistryRenewResult>>;
  transferDomain(call: RegistryCall, req: RegistryTransferRequest): Promise<RegistryOutcome<RegistryTransferResult>>;
  updateDomain(call: RegistryCall, req: RegistryUpdateRequest): Promise<RegistryOutcome>;
  deleteDomain(call: RegistryCall, req: { name: string }): Promise<RegistryOutcome>;
  restoreDomain(call: RegistryCall, req: { name: string; op: 'request' | 'report'; report?: Record<string, string> }): Promise<RegistryOutcome>;
  createHost(call: RegistryCall, req: RegistryHostRequest): Promise<RegistryOutcome>;
  updateHost(call: RegistryCall, req: { name: string; newName?: string; addresses?: string[] }): Promise<RegistryOutcome>;
  deleteHost(call: RegistryCall, req: { name: string }): Promise<RegistryOutcome>;
  /**
   * A contact regd changed: a registry that holds it (created there on first use) gets the new data; one that does
   * not hold it answers ok with nothing to do.
   */
  updateContact(call: RegistryCall, contact: RegistryContact): Promise<RegistryOutcome>;

  /**
   * What became of an operation sent earlier (after a crash, a timeout or a 1001): ok with the operation's result,
   * pending while the registry still works on it, failed if it never took effect there.
   */
  reconcile(op: InFlightOperation): Promise<RegistryOutcome<unknown>>;

  /** The next unread registry message, or undefined; ack() removes it once regd has stored it. */
  poll(): Promise<RegistryMessage | undefined>;
  ack(messageId: string): Promise<void>;

  /**
   * The registry's premium price for a name (RFC 8748 class "premium"): per year, in minor units of `currency`, for
   * registration, renewal and transfer; undefined when the name is standard-priced (regd's price list applies).
   * Optional: a registry without premium names leaves it out (the sandbox: sandbox/premiumNames.ts).
   */
  premiumPrice?(name: string): Promise<{ currency: string; register: number; renew: number; transfer: number } | undefined>;

  /** Whether the TLD is served by a registry outside this process (RegistryRouter answers; undefined: no). */
  isRemote?(tld: string): boolean;

  /** Closes sessions and timers (EPP upstreams); the sandbox has nothing to close. */
  close(): Promise<void>;
}
