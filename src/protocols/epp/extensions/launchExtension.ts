// RFC 8334 (launch-1.0) on domain commands: the claims/trademark/availability check forms, <launch:create> with a
// signed mark or a claims notice, <launch:info>, and the chkData/creData/infData responses. Signed marks
// (encodedSignedMark, or an inline smd:signedMark) are decoded and checked for shape: base64 of an XML document
// whose root is smd:signedMark and which is valid against signedMark-1.0.xsd. The sandbox does NOT verify the
// XML signature or the TMCH certificate chain; it checks the validity dates and that the mark's labels cover the
// domain's label (launchPhase.ts).
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, parseXml, textOf, type XmlElement } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError } from '../eppTypes.ts';
import { validateEpp } from '../eppSchemaValidator.ts';
import type { LaunchPhaseName } from '../../../registry/tldPolicy.ts';
import type { ClaimsNotice, LaunchCreateRequest, SignedMarkInfo } from '../../../core/launchPhase.ts';

const LAUNCH_XMLNS = { 'xmlns:launch': NS.launch };

export function launchExtension(extensions: XmlElement[], name: string): XmlElement | undefined {
  return extensions.find((e) => e.ns === NS.launch && e.name === name);
}

/** <launch:phase>: "custom" needs a name and reads as "custom:NAME". */
export function phaseOf(phaseEl: XmlElement): LaunchPhaseName {
  const value = textOf(phaseEl)!;
  if (value === 'custom') {
    const name = phaseEl.attrs.name?.trim();
    if (!name) throw new EppError(2003, 'Required parameter missing: a custom launch phase needs a name attribute');
    return `custom:${name}`;
  }
  return value as LaunchPhaseName;
}

export function renderPhase(p: LaunchPhaseName): string {
  return p.startsWith('custom:') ? textEl('launch:phase', 'custom', { name: p.slice(7) }) : textEl('launch:phase', p);
}

// --- check ---------------------------------------------------------------------------------------------------

export interface LaunchCheck { type: 'claims' | 'avail' | 'trademark'; phase?: LaunchPhaseName; phaseXml?: string }

export function parseLaunchCheck(extensions: XmlElement[]): LaunchCheck | undefined {
  const c = launchExtension(extensions, 'check');
  if (!c) return undefined;
  const phaseEl = child(c, NS.launch, 'phase');
  const phase = phaseEl ? phaseOf(phaseEl) : undefined;
  return { type: (c.attrs.type ?? 'claims') as LaunchCheck['type'], phase, phaseXml: phase ? renderPhase(phase) : undefined };
}

/** The claims (with claim keys) or trademark (without) check form's response extension. */
export function renderLaunchChkData(check: LaunchCheck, items: Array<{ name: string; claimKey?: string }>): string {
  return el('launch:chkData', LAUNCH_XMLNS,
    check.phaseXml,
    ...items.map((i) => el('launch:cd', {},
      textEl('launch:name', i.name, { exists: i.claimKey ? '1' : '0' }),
      check.type === 'claims' && i.claimKey ? textEl('launch:claimKey', i.claimKey) : undefined)));
}

// --- create --------------------------------------------------------------------------------------------------

export function parseLaunchCreate(extensions: XmlElement[]): LaunchCreateRequest | undefined {
  const c = launchExtension(extensions, 'create');
  if (!c) return undefined;
  if (childrenOf(c, NS.launch, 'codeMark').length > 0) {
    throw new EppError(2102, 'Unimplemented option: launch:codeMark; send a signed mark (smd:encodedSignedMark)');
  }
  const signedMarks: SignedMarkInfo[] = [
    ...childrenOf(c, NS.signedMark, 'encodedSignedMark').map(decodeEncodedSignedMark),
    ...childrenOf(c, NS.signedMark, 'signedMark').map(signedMarkInfo),
  ];
  const notices: ClaimsNotice[] = childrenOf(c, NS.launch, 'notice').map((n) => ({
    noticeId: childText(n, NS.launch, 'noticeID')!,
    notAfter: new Date(childText(n, NS.launch, 'notAfter')!),
    acceptedDate: new Date(childText(n, NS.launch, 'acceptedDate')!),
  }));
  return { phase: phaseOf(child(c, NS.launch, 'phase')!), signedMarks, notices };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeEncodedSignedMark(e: XmlElement): SignedMarkInfo {
  const encoding = e.attrs.encoding ?? 'base64';
  if (encoding !== 'base64') throw new EppError(2005, `Parameter value syntax error: encodedSignedMark encoding ${encoding} is not supported (base64)`);
  const b64 = e.text.replace(/\s+/g, '');
  if (b64 === '' || !BASE64.test(b64)) throw new EppError(2005, 'Parameter value syntax error: encodedSignedMark is not base64');
  const xml = Buffer.from(b64, 'base64').toString('utf8');
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    throw new EppError(2005, `Parameter value syntax error: encodedSignedMark does not decode to XML (${(err as Error).message})`);
  }
  if (root.ns !== NS.signedMark || root.name !== 'signedMark') {
    throw new EppError(2306, 'Parameter value policy error: encodedSignedMark does not decode to an smd:signedMark');
  }
  const invalid = validateEpp(xml);
  if (invalid) throw new EppError(2306, `Parameter value policy error: the signed mark is not valid against signedMark-1.0: ${invalid}`);
  return signedMarkInfo(root);
}

/** Fields of a (schema-valid) smd:signedMark the sandbox checks. */
export function signedMarkInfo(root: XmlElement): SignedMarkInfo {
  const date = (name: string) => { const t = childText(root, NS.signedMark, name); return t ? new Date(t) : undefined; };
  return { id: childText(root, NS.signedMark, 'id') ?? root.attrs.id ?? '', notBefore: date('notBefore'), notAfter: date('notAfter'), labels: markLabels(root) };
}

function markLabels(e: XmlElement, out: string[] = []): string[] {
  for (const c of e.children) {
    if (c.ns === NS.mark && c.name === 'label') out.push(textOf(c)!.toLowerCase());
    else markLabels(c, out);
  }
  return out;
}

export function renderLaunchCreData(phase: LaunchPhaseName, applicationId: string): string {
  return el('launch:creData', LAUNCH_XMLNS, renderPhase(phase), textEl('launch:applicationID', applicationId));
}

// --- info ----------------------------------------------------------------------------------------------------

export interface LaunchInfo { phase: LaunchPhaseName; applicationId?: string }

export function parseLaunchInfo(extensions: XmlElement[]): LaunchInfo | undefined {
  const i = launchExtension(extensions, 'info');
  if (!i) return undefined;
  return { phase: phaseOf(child(i, NS.launch, 'phase')!), applicationId: childText(i, NS.launch, 'applicationID') };
}

/** launch:infData for a domain created in a launch phase: the sandbox allocates at once, so status "allocated". */
export function renderLaunchInfData(phase: LaunchPhaseName, applicationId: string | null): string {
  return el('launch:infData', LAUNCH_XMLNS,
    renderPhase(phase),
    applicationId ? textEl('launch:applicationID', applicationId) : undefined,
    el('launch:status', { s: 'allocated' }));
}
