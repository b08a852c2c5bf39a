// The outbox: every mail regd would send (password reminders, auth codes, trade approvals, reports) is recorded
// here in the transaction that causes it. Nothing is delivered; the web UI and the tests read it back.
import type { Tx } from './core.ts';

export type MailKind = 'send_password' | 'send_authcode' | 'trade_request_current' | 'trade_request_new' | 'trade_completed'
  | 'trade_cancelled' | 'update_contacts_report';

export interface OutgoingMail {
  resellerId: number;
  domainId: number | null;
  domainName: string;
  kind: MailKind;
  to: string;
  subject: string;
  body: string;
  at: Date;
}

export async function recordMail(tx: Tx, m: OutgoingMail): Promise<number> {
  const row = await tx.insertInto('outbox').values({
    reseller_id: m.resellerId, domain_id: m.domainId, domain_name: m.domainName, kind: m.kind, to_address: m.to,
    subject: m.subject, body: m.body, created_at: m.at.toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
