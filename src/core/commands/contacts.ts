// Contacts as objects of their own (EPP, RFC 5733): check, create, info, update, delete. A contact belongs to the
// reseller that created it. By default the server assigns every handle, Openprovider style: the name's initials, six
// digits and "-RG" (JD123456-RG); a reseller whose contact id mode is 'client' names its contacts itself (RFC 5733,
// validateClientContactId). Contacts written by the XCP door (handles "RG...") are the same objects and answer here.
//
// Who sees what: any reseller learns from check that a handle is taken (the handle namespace is shared); only the
// sponsoring reseller may update or delete a contact, or read it without its auth code. Another reseller that
// presents the contact's auth code reads it without the auth code and the Openprovider extension data (passport
// numbers and the like stay with the sponsor); without the code it gets not_sponsor, with a wrong one auth_info_invalid.
import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { reserveContactOrder } from '../orders/contactAtRegistry.ts';
import { carryObjectOrder } from '../orders/carryObjectOrder.ts';
import type { Core, Tx } from '../core.ts';
import type { ContactsTable } from '../../store/schema.ts';
import { CoreError } from '../errors.ts';
import { CONTACT_FIELDS, validateContact, type Contact, type ContactField } from '../contact.ts';
import { recordHistory } from '../history.ts';
import { generateAuthCode } from '../secrets.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { resellerContactIdMode } from './resellers.ts';

export type ContactRow = Selectable<ContactsTable>;

/** Status values a client may set on a contact. */
export const CLIENT_CONTACT_STATUSES = ['clientDeleteProhibited', 'clientUpdateProhibited', 'clientTransferProhibited'] as const;

/** Disclosure preference as EPP states it: flag plus the elements it covers ("name:loc", "addr:int", "voice", ...). */
export interface ContactDisclose { flag: boolean; elements: string[] }

/** Extension data kept with a contact (Openprovider's op:ext fields), by field name. */
export type ContactExtData = Record<string, string>;

export interface CreateContactInput {
  resellerId: number;
  /** The id the client asked for (EPP <contact:id>): the handle when the reseller's contact id mode is 'client', else ignored. */
  requestedId?: string;
  fields: Partial<Record<ContactField, string>>;
  /** Blank or absent: generated. */
  authCode?: string;
  disclose?: ContactDisclose;
  ext?: ContactExtData;
}

export interface ContactCheck { handle: string; avail: boolean; reason?: string }

export interface ContactView {
  handle: string;
  roid: string;
  resellerId: number;
  /** The sponsoring reseller's username (clID; regd contacts never change sponsor, so also crID). */
  sponsor: string;
  fields: Contact;
  /** RFC 5733 statuses: the client statuses, "linked" when a domain uses the contact, "ok" when no client status is set. */
  statuses: string[];
  createdAt: string;
  /** Set once the contact has been changed after its creation. */
  updatedAt?: string;
  /** Only for the sponsor (and only when the contact has one). */
  authCode?: string;
  disclose?: ContactDisclose;
  /** Only for the sponsor. */
  ext?: ContactExtData;
}

export interface UpdateContactInput {
  resellerId: number;
  handle: string;
  addStatuses?: string[];
  remStatuses?: string[];
  /** Fields to change; an empty string clears an optional field. */
  fields?: Partial<Record<ContactField, string>>;
  /** Blank: left as it is. */
  authCode?: string;
  disclose?: ContactDisclose;
  /** Extension fields to change; an empty value removes the field. */
  ext?: ContactExtData;
}

const MAX_CHECK = 100;
const MAX_EXT_VALUE = 4000;

export const contactRoid = (id: number): string => `C${id}-REGD`;

/** Validates a contact the way contact.ts does; a one-word name goes to last_name with an empty first_name. */
export function validateObjectContact(input: Partial<Record<ContactField, string>>, path = 'contact'): Contact {
  const first = (input.first_name ?? '').trim();
  const last = (input.last_name ?? '').trim();
  if (first === '' && last === '') throw new CoreError('missing_field', `Missing required field: ${path}.name`, `${path}.name`);
  const c = validateContact({ ...input, first_name: first || last, last_name: last || first }, path);
  c.first_name = last === '' ? '' : first;
  c.last_name = last || first;
  return c;
}

/** "Mary Ann Smith" -> first_name "Mary Ann", last_name "Smith"; one word -> last_name only. */
export function splitContactName(name: string): { first_name: string; last_name: string } {
  const n = name.trim().replace(/\s+/g, ' ');
  const i = n.lastIndexOf(' ');
  return i < 0 ? { first_name: '', last_name: n } : { first_name: n.slice(0, i), last_name: n.slice(i + 1) };
}

export function contactFullName(c: Pick<Contact, 'first_name' | 'last_name'>): string {
  return [c.first_name, c.last_name].filter((s) => s !== '').join(' ');
}

function initial(s: string): string {
  return s.normalize('NFKD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase() || 'X';
}

/** JD123456-RG: initials of the first and last name, six random digits, "-RG". */
export function newContactHandle(c: Pick<Contact, 'first_name' | 'last_name'>): string {
  const digits = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  return `${initial(c.first_name || c.last_name)}${initial(c.last_name)}${digits}-RG`;
}

function validateAuthCode(code: string | undefined): string | undefined {
  const v = code?.trim();
  if (!v) return undefined;
  if (v.length < 6 || v.length > 32) throw new CoreError('invalid_value', 'Invalid data: contact auth code must be 6-32 characters', 'authInfo');
  return v;
}

function validateExt(ext: ContactExtData | undefined): ContactExtData {
  const out: ContactExtData = {};
  for (const [k, v] of Object.entries(ext ?? {})) {
    if (v.length > MAX_EXT_VALUE) throw new CoreError('invalid_value', `Invalid data: ${k} is too long`, k);
    out[k] = v;
  }
  return out;
}

function parseJson<T>(s: string, fallback: T): T {
  try { return JSON.parse(s) as T; } catch { return fallback; }
}

export async function findContactByHandle(db: Tx, handle: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('handle', '=', handle).executeTakeFirst();
}

/** True when a live domain names the contact in any role. */
export async function isContactLinked(db: Tx, contactId: number): Promise<boolean> {
  const row = await db.selectFrom('domain_contacts')
    .innerJoin('domains', 'domains.id', 'domain_contacts.domain_id')
    .select('domain_contacts.domain_id')
    .where('domain_contacts.contact_id', '=', contactId)
    .where('domains.deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function ownContact(db: Tx, resellerId: number, handle: string): Promise<ContactRow> {
  const row = await findContactByHandle(db, handle);
  if (!row) throw new CoreError('not_found', `Contact ${handle} does not exist`, 'id');
  if (row.reseller_id !== resellerId) throw new CoreError('not_sponsor', `Contact ${handle} belongs to another reseller`, 'id');
  return row;
}

function contactFieldsOf(row: ContactRow): Contact {
  const c = {} as Contact;
  for (const f of CONTACT_FIELDS) c[f] = row[f];
  return c;
}

export async function checkContacts(core: Core, handles: string[]): Promise<ContactCheck[]> {
  if (handles.length > MAX_CHECK) throw new CoreError('policy_violation', `At most ${MAX_CHECK} contacts per check`, 'id');
  const unique = [...new Set(handles)];
  const taken = new Set(unique.length === 0 ? [] : (await core.db.selectFrom('contacts').select('handle').where('handle', 'in', unique).execute()).map((r) => r.handle));
  return handles.map((h) => (taken.has(h) ? { handle: h, avail: false, reason: 'In use' } : { handle: h, avail: true }));
}

/**
 * A contact id a client chooses (the reseller's contact id mode is 'client'): RFC 5733's clIDType, 3-16 characters,
 * without white space or control characters (a token could hold single spaces; a handle that other tools must quote
 * is refused).
 */
export function validateClientContactId(id: string | undefined): string {
  if (id === undefined || id === '') throw new CoreError('missing_field', 'Missing required field: contact id', 'id');
  if (id.length < 3 || id.length > 16) throw new CoreError('invalid_value', `Invalid contact id ${id}: 3-16 characters`, 'id');
  if (/[\s\x00-\x1f\x7f]/.test(id)) throw new CoreError('invalid_value', `Invalid contact id ${JSON.stringify(id)}: no spaces or control characters`, 'id');
  return id;
}

/**
 * The shapes the server assigns (JD123456-RG here, RG + 10 hex digits for XCP's contacts) stay the server's, so an
 * assigned handle never meets a client's. Checked after existence: a taken id answers "exists" whatever its shape.
 */
function assertNotServerShaped(id: string): void {
  if (SERVER_HANDLE_SHAPES.some((re) => re.test(id))) {
    throw new CoreError('policy_violation', `Contact id ${id} has the form of a server-assigned handle (XX000000-RG or RG + 10 hex digits); choose another`, 'id');
  }
}

const SERVER_HANDLE_SHAPES = [/^[A-Z]{2}\d{6}-RG$/, /^RG[0-9A-F]{10}$/];

export async function createContact(core: Core, input: CreateContactInput): Promise<{ handle: string; createdAt: Date }> {
  const c = validateObjectContact(input.fields);
  // Who names the contact is the reseller's setting (regd reseller contact-ids): the server (Openprovider, the
  // client's id is ignored) or the client (RFC 5733: its id, 2302 when taken by anyone, as handles are one namespace).
  const clientId = (await resellerContactIdMode(core.db, input.resellerId)) === 'client' ? validateClientContactId(input.requestedId) : undefined;
  const authCode = validateAuthCode(input.authCode) ?? generateAuthCode();
  const ext = validateExt(input.ext);
  for (const [k, v] of Object.entries(ext)) if (v === '') delete ext[k];
  const now = await core.clock.now();
  for (let attempt = 0; ; attempt++) {
    const handle = clientId ?? newContactHandle(c);
    try {
      await core.db.transaction().execute(async (trx) => {
        if (await findContactByHandle(trx, handle)) throw clientId !== undefined ? contactExists(handle) : new HandleCollision();
        if (clientId !== undefined) assertNotServerShaped(clientId);
        const row = await trx.insertInto('contacts').values({
          handle, reseller_id: input.resellerId, ...c, created_at: now.toISOString(), updated_at: now.toISOString(),
          auth_code: authCode, client_statuses: '[]', op_ext: JSON.stringify(ext), disclose: JSON.stringify(input.disclose ?? {}),
        }).returning('id').executeTakeFirstOrThrow();
        await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'contact', objectId: row.id, action: 'create', detail: { handle } });
      });
      return { handle, createdAt: now };
    } catch (err) {
      if (clientId !== undefined && isUniqueViolation(err)) throw contactExists(handle);
      if ((err instanceof HandleCollision || isUniqueViolation(err)) && attempt < 20) continue;
      throw err;
    }
  }
}

class HandleCollision extends Error {}

const contactExists = (handle: string) => new CoreError('object_exists', `Contact ${handle} already exists`, 'id');

export async function contactInfo(core: Core, req: { resellerId: number; handle: string; authCode?: string }): Promise<ContactView> {
  const row = await findContactByHandle(core.db, req.handle);
  if (!row) throw new CoreError('not_found', `Contact ${req.handle} does not exist`, 'id');
  const sponsor = row.reseller_id === req.resellerId;
  if (!sponsor) {
    if (req.authCode === undefined || req.authCode === '') throw new CoreError('not_sponsor', `Contact ${req.handle} belongs to another reseller`, 'id');
    if (!authCodeMatches(row.auth_code, req.authCode)) throw new CoreError('auth_info_invalid', 'Invalid authorization information', 'authInfo');
  }
  const reseller = await core.db.selectFrom('resellers').select('username').where('id', '=', row.reseller_id).executeTakeFirstOrThrow();
  const clientStatuses = parseJson<string[]>(row.client_statuses, []);
  const statuses = [...clientStatuses];
  if (await isContactLinked(core.db, row.id)) statuses.push('linked');
  if (clientStatuses.length === 0) statuses.unshift('ok');
  const disclose = parseJson<ContactDisclose | Record<string, never>>(row.disclose, {});
  return {
    handle: row.handle,
    roid: contactRoid(row.id),
    resellerId: row.reseller_id,
    sponsor: reseller.username,
    fields: contactFieldsOf(row),
    statuses,
    createdAt: row.created_at,
    updatedAt: row.updated_at !== row.created_at ? row.updated_at : undefined,
    authCode: sponsor && row.auth_code !== '' ? row.auth_code : undefined,
    disclose: 'flag' in disclose ? disclose as ContactDisclose : undefined,
    ext: sponsor ? parseJson<ContactExtData>(row.op_ext, {}) : undefined,
  };
}

function authCodeMatches(stored: string, given: string): boolean {
  if (stored === '') return false;
  const a = crypto.createHash('sha256').update(stored).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

function checkClientStatuses(values: string[]): void {
  for (const s of values) {
    if (!(CLIENT_CONTACT_STATUSES as readonly string[]).includes(s)) {
      throw new CoreError('policy_violation', `Status ${s} cannot be set or removed by a client`, 'status');
    }
  }
}

export async function updateContact(core: Core, input: UpdateContactInput): Promise<{ status: 'completed' | 'submitted' }> {
  const add = input.addStatuses ?? [];
  const rem = input.remStatuses ?? [];
  checkClientStatuses(add);
  checkClientStatuses(rem);
  const both = add.filter((s) => rem.includes(s));
  if (both.length > 0) throw new CoreError('policy_violation', `Status ${both[0]} is both added and removed`, 'status');
  const authCode = validateAuthCode(input.authCode);
  const extChanges = validateExt(input.ext);
  const now = await core.clock.now();
  const orderId = await core.db.transaction().execute(async (trx) => {
    const row = await ownContact(trx, input.resellerId, input.handle);
    const current = parseJson<string[]>(row.client_statuses, []);
    if (current.includes('clientUpdateProhibited') && !rem.includes('clientUpdateProhibited')) {
      throw new CoreError('status_prohibits', `Contact ${row.handle} has status clientUpdateProhibited`, 'status');
    }
    const statuses = [...current.filter((s) => !rem.includes(s)), ...add.filter((s) => !current.includes(s))];
    const fields = input.fields && Object.keys(input.fields).length > 0
      ? validateObjectContact({ ...contactFieldsOf(row), ...input.fields })
      : undefined;
    const ext = parseJson<ContactExtData>(row.op_ext, {});
    for (const [k, v] of Object.entries(extChanges)) {
      if (v === '') delete ext[k];
      else ext[k] = v;
    }
    await trx.updateTable('contacts').set({
      ...(fields ?? {}),
      client_statuses: JSON.stringify(statuses),
      ...(authCode !== undefined ? { auth_code: authCode } : {}),
      ...(input.disclose !== undefined ? { disclose: JSON.stringify(input.disclose) } : {}),
      op_ext: JSON.stringify(ext),
      updated_at: now.toISOString(),
    }).where('id', '=', row.id).execute();
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: null, objectType: 'contact', objectId: row.id, action: 'update',
      detail: { handle: row.handle, add, rem, fields: Object.keys(input.fields ?? {}), authCode: authCode !== undefined, ext: Object.keys(extChanges) },
    });
    // New postal data goes to the registries that hold the contact (created there on first use), as an order
    // (orders/steps/contactStep.ts) that puts the old data back if a registry refuses it.
    return fields ? reserveContactOrder(trx, { resellerId: input.resellerId, before: row, now }) : undefined;
  });
  const status = await carryObjectOrder(core, orderId, `the update of contact ${input.handle}`);
  return { status };
}

export async function deleteContact(core: Core, req: { resellerId: number; handle: string }): Promise<void> {
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const row = await ownContact(trx, req.resellerId, req.handle);
    const statuses = parseJson<string[]>(row.client_statuses, []);
    if (statuses.includes('clientDeleteProhibited')) throw new CoreError('status_prohibits', `Contact ${row.handle} has status clientDeleteProhibited`, 'status');
    if (await isContactLinked(trx, row.id)) throw new CoreError('association_prohibits', `Contact ${row.handle} is in use by a domain`, 'id');
    // What remains are the roles of domains that no longer exist.
    await trx.deleteFrom('domain_contacts').where('contact_id', '=', row.id).execute();
    await trx.deleteFrom('contacts').where('id', '=', row.id).execute();
    await recordHistory(trx, { at: now, resellerId: req.resellerId, domainId: null, objectType: 'contact', objectId: row.id, action: 'delete', detail: { handle: row.handle } });
  });
}
