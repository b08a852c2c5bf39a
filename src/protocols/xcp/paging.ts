// Paging of XCP list commands (GET DOMAIN type=list, GET_DOMAINS_BY_EXPIREDATE, GET_DELETED_DOMAINS, GET_NOTES):
// pages are numbered from 0 and limit defaults to 40.
//
// A limit above MAX_PAGE_LIMIT is clamped, not refused: clients written against OpenSRS ask for "everything" with a
// huge limit (limit=1000000 is common) and would break on a refusal. The reply's limit attribute reports the limit
// actually applied, and remainder tells the client there is more to page through.
import type { AttributeReader } from './attributeReader.ts';
import { xcpInvalid } from './xcpError.ts';

export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_PAGE_LIMIT = 40;

export function readPaging(a: AttributeReader): { page: number; limit: number } {
  const page = a.optInt('page') ?? 0;
  const limit = a.optInt('limit') ?? DEFAULT_PAGE_LIMIT;
  if (page < 0) throw xcpInvalid('Invalid data: page must be 0 or more');
  // Zero or negative is no request for "many" but a mistake: still refused.
  if (limit < 1) throw xcpInvalid(`Invalid data: limit must be at least 1 (at most ${MAX_PAGE_LIMIT} are returned per page)`);
  return { page, limit: Math.min(limit, MAX_PAGE_LIMIT) };
}
