// GET_DNSSEC_INFO and SET_DNSSEC_INFO (object DOMAIN): a domain's DS records, the same ones EPP's secDNS extension
// reads and writes (getDnssecInfo.ts, setDnssecInfo.ts). The domain is attributes.domain (or the top-level
// domain key, or a registrant cookie's). Each record is { key_tag, algorithm, digest_type, digest }.
//
// No domain (nor cookie) is 447 No Domain Supplied. SET takes the whole set in `dnssec` (a dt_array of such
// hashes); an empty array removes every record. A record with a field missing is 460 naming it; a malformed
// number, an algorithm or digest type not accepted, a digest of the wrong length, a duplicate or too many records
// are 465 with the reason. At a remote registry that has not confirmed within the deadline the reply is 250 and
// a poll event follows.
import { getItem, isAssoc, makeAssoc, unclass, type OpsValue } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import { xcpInvalid, xcpMissing } from '../xcpError.ts';
import { getDnssecInfo } from '../../../core/commands/getDnssecInfo.ts';
import { setDnssecInfo } from '../../../core/commands/setDnssecInfo.ts';
import type { DsRecord } from '../../../core/commands/dsRecords.ts';

const FIELDS = [['key_tag', 'keyTag'], ['algorithm', 'alg'], ['digest_type', 'digestType']] as const;

const dsView = (r: DsRecord) => makeAssoc({ key_tag: String(r.keyTag), algorithm: String(r.alg), digest_type: String(r.digestType), digest: r.digest });

function target(ctx: Parameters<XcpHandler>[0], req: XcpRequest) {
  return { resellerId: ctx.reseller.id, cookie: req.cookie, domain: req.attributes.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp };
}

function readRecord(v: OpsValue, i: number): DsRecord {
  if (!isAssoc(v)) throw xcpInvalid(`Invalid data: dnssec[${i}] must be a hash (dt_assoc) with key_tag, algorithm, digest_type and digest`);
  const field = (key: string): string => {
    const raw = getItem(v, key);
    const s = raw === undefined ? undefined : unclass(raw);
    if (s === undefined || s === '') throw xcpMissing(`dnssec[${i}].${key}`);
    if (typeof s !== 'string') throw xcpInvalid(`Invalid data: dnssec[${i}].${key} must be a single value`);
    return s.trim();
  };
  const out = { digest: field('digest') } as DsRecord;
  for (const [key, prop] of FIELDS) {
    const s = field(key);
    if (!/^\d{1,5}$/.test(s)) throw xcpInvalid(`Invalid data: dnssec[${i}].${key} must be a whole number (got ${s.slice(0, 20)})`);
    out[prop] = Number(s);
  }
  return out;
}

export const getDnssecInfoHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const r = await getDnssecInfo(ctx.core, target(ctx, req));
  return { code: 200, text: 'Command successful', attributes: { domain: r.domain, dnssec: r.records.map(dsView) } };
};

export const setDnssecInfoHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  // Absent is a mistake; present and empty (an empty dt_array or an empty value) removes DNSSEC.
  if (getItem(req.attributes.raw(), 'dnssec') === undefined) throw xcpMissing('dnssec (an empty array removes every DS record)');
  const list = req.attributes.optList('dnssec') ?? [];
  const records = list.map(readRecord);
  const r = await setDnssecInfo(ctx.core, { ...target(ctx, req), records });
  const submitted = r.status === 'submitted';
  return {
    code: submitted ? 250 : 200,
    text: submitted ? 'Action submitted successfully for processing to the registry' : r.changed ? 'Command successful' : 'Command successful: the DS records were already these',
    attributes: { domain: r.domain, dnssec: r.records.map(dsView) },
  };
};
