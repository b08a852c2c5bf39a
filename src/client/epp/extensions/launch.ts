// RFC 8334 launch phases: the availability and claims check forms, create in a phase (signed marks, claims notices),
// info in a phase, and the chkData/creData/infData replies.
import { el, textEl } from '../../../protocols/epp/xmlWriter.ts';
import { child, childText, childrenOf, type XmlElement } from '../../../protocols/epp/xmlTree.ts';
import { NS } from '../namespaces.ts';
import { extensionOf, type EppReply } from '../reply.ts';
import type { ExtFragment } from '../envelope.ts';
import type { EppClaimsCheckItem, EppLaunchCreate, EppLaunchInfo, EppLaunchInfoRequest, EppLaunchPhase } from '../types.ts';

const LAUNCH = { 'xmlns:launch': NS.launch };

function phase(p: EppLaunchPhase): string {
  return textEl('launch:phase', p.phase, { name: p.name });
}

export function launchCheck(type: 'claims' | 'avail' | 'trademark', p?: EppLaunchPhase): ExtFragment {
  return { uri: NS.launch, xml: el('launch:check', { ...LAUNCH, type }, p ? phase(p) : undefined) };
}

export function launchCreate(c: EppLaunchCreate): ExtFragment {
  return {
    uri: NS.launch,
    xml: el('launch:create', { ...LAUNCH, type: c.type },
      phase(c),
      ...(c.encodedSignedMarks ?? []).map((m) => textEl('smd:encodedSignedMark', m, { 'xmlns:smd': NS.signedMark })),
      ...(c.notices ?? []).map((n) => el('launch:notice', {},
        textEl('launch:noticeID', n.noticeId, { validatorID: n.validatorId }),
        textEl('launch:notAfter', n.notAfter),
        textEl('launch:acceptedDate', n.acceptedDate)))),
  };
}

export function launchInfo(r: EppLaunchInfoRequest): ExtFragment {
  return {
    uri: NS.launch,
    xml: el('launch:info', { ...LAUNCH, includeMark: r.includeMark ? 'true' : undefined },
      phase(r), r.applicationId !== undefined ? textEl('launch:applicationID', r.applicationId) : undefined),
  };
}

function phaseOf(parent: XmlElement): { phase: string; phaseName?: string } {
  const p = child(parent, NS.launch, 'phase');
  return { phase: p?.text.trim() ?? '', phaseName: p?.attrs.name };
}

export function readLaunchApplicationId(reply: EppReply): string | undefined {
  const cre = extensionOf(reply, NS.launch, 'creData');
  return cre ? childText(cre, NS.launch, 'applicationID') : undefined;
}

export function readLaunchInfo(reply: EppReply): EppLaunchInfo | undefined {
  const inf = extensionOf(reply, NS.launch, 'infData');
  if (!inf) return undefined;
  return { ...phaseOf(inf), applicationId: childText(inf, NS.launch, 'applicationID'), status: child(inf, NS.launch, 'status')?.attrs.s };
}

export function readClaims(reply: EppReply): EppClaimsCheckItem[] {
  const chk = extensionOf(reply, NS.launch, 'chkData');
  if (!chk) return [];
  return childrenOf(chk, NS.launch, 'cd').map((cd) => {
    const name = child(cd, NS.launch, 'name');
    const key = child(cd, NS.launch, 'claimKey');
    return {
      name: name?.text.trim() ?? '',
      exists: name?.attrs.exists === '1' || name?.attrs.exists === 'true',
      claimKey: key?.text.trim(),
      validatorId: key?.attrs.validatorID,
    };
  });
}
