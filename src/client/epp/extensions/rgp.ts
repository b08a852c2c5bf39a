// RFC 3915 registry grace period: restore request and report (on a domain <update>), and the rgpStatus values that
// info and update replies carry.
import { el, textEl } from '../../../protocols/epp/xmlWriter.ts';
import { NS } from '../namespaces.ts';
import type { ExtFragment } from '../envelope.ts';
import type { EppReply } from '../reply.ts';
import type { EppRestoreReport } from '../types.ts';

const RGP = { 'xmlns:rgp': NS.rgp };

export function rgpRestoreRequest(): ExtFragment {
  return { uri: NS.rgp, xml: el('rgp:update', RGP, el('rgp:restore', { op: 'request' })) };
}

export function rgpRestoreReport(r: EppRestoreReport): ExtFragment {
  const report = el('rgp:report', {},
    textEl('rgp:preData', r.preData),
    textEl('rgp:postData', r.postData),
    textEl('rgp:delTime', r.delTime),
    textEl('rgp:resTime', r.resTime),
    textEl('rgp:resReason', r.resReason),
    ...r.statements.map((s) => textEl('rgp:statement', s)),
    r.other !== undefined ? textEl('rgp:other', r.other) : undefined);
  return { uri: NS.rgp, xml: el('rgp:update', RGP, el('rgp:restore', { op: 'report' }, report)) };
}

/** The rgpStatus values of rgp:infData or rgp:upData in the reply (empty when there are none). */
export function readRgpStatuses(reply: EppReply): string[] {
  return reply.extensions
    .filter((e) => e.ns === NS.rgp && (e.name === 'infData' || e.name === 'upData'))
    .flatMap((e) => e.children.filter((c) => c.ns === NS.rgp && c.name === 'rgpStatus').map((c) => c.attrs.s ?? ''));
}
