// RFC 5730 <poll>: request the oldest message (1301 with msgQ, or 1300 when the queue is empty) and acknowledge it.
// Messages are sorted into kinds by their resData: trnData (a transfer), panData (a pending action completed),
// renData (an auto-renewal); anything else is "other" and keeps its raw XML.
import { el } from '../../protocols/epp/xmlWriter.ts';
import { child, childText, type XmlElement } from '../../protocols/epp/xmlTree.ts';
import { EppProtocolError } from './errors.ts';
import { NS } from './namespaces.ts';
import type { EppReply } from './reply.ts';
import type { CommandSpec } from './envelope.ts';
import { readTrnData } from './domain.ts';
import { readOpPolData } from './extensions/openprovider.ts';
import type { EppPollMessage } from './types.ts';

export function pollRequestSpec(): CommandSpec {
  return { what: 'poll req', xml: el('poll', { op: 'req' }), extensions: [] };
}

export function pollAckSpec(id: string): CommandSpec {
  return { what: 'poll ack', xml: el('poll', { op: 'ack', msgID: id }), extensions: [] };
}

function pendingAction(d: XmlElement): Partial<EppPollMessage> {
  const nameEl = child(d, d.ns, 'name') ?? child(d, d.ns, 'id');
  const trid = child(d, d.ns, 'paTRID');
  const result = nameEl?.attrs.paResult;
  return {
    name: nameEl?.text.trim(),
    paResult: result === undefined ? undefined : result === '1' || result === 'true',
    paClTRID: trid ? childText(trid, NS.epp, 'clTRID') : undefined,
    paSvTRID: trid ? childText(trid, NS.epp, 'svTRID') : undefined,
    paDate: childText(d, d.ns, 'paDate'),
  };
}

export function readPoll(reply: EppReply): EppPollMessage | undefined {
  if (reply.code === 1300) return undefined;
  const q = reply.msgQ;
  if (!q || q.id === '') throw new EppProtocolError('a poll reply with a message must carry <msgQ id>', reply.xml);
  const base = { id: q.id, qDate: q.qDate, msg: q.msg ?? '', count: q.count, op: readOpPolData(reply), xml: reply.xml };
  const d = reply.resData;
  if (d?.name === 'trnData') {
    const transfer = readTrnData(d);
    return { ...base, kind: 'transfer', name: transfer.name, transfer, exDate: transfer.exDate };
  }
  if (d?.name === 'panData') return { ...base, kind: 'pendingAction', ...pendingAction(d) };
  if (d?.name === 'renData') return { ...base, kind: 'renewal', name: childText(d, d.ns, 'name'), exDate: childText(d, d.ns, 'exDate') };
  const named = d ? childText(d, d.ns, 'name') ?? childText(d, d.ns, 'id') : undefined;
  return { ...base, kind: 'other', name: named };
}
