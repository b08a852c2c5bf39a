// The RGP restore report (RFC 3915 section 4.2) from the port's flat record. regd's doors collect the report's
// fields by name; statements come as statement1..N or as one "statements" text, one per line. Missing fields get
// neutral values rather than blocking a restore the registry may accept.
import type { EppRestoreReport } from '../../client/epp/types.ts';

const statementNumber = (key: string) => Number(key.slice('statement'.length) || 0);

export function restoreReportOf(r: Record<string, string>, now: Date): EppRestoreReport {
  const statements = Object.keys(r).filter((k) => /^statement\d*$/.test(k))
    .sort((a, b) => statementNumber(a) - statementNumber(b)).map((k) => r[k]);
  if (statements.length === 0 && r.statements) statements.push(...r.statements.split('\n').filter((s) => s.trim() !== ''));
  return {
    preData: r.preData ?? '', postData: r.postData ?? '',
    delTime: r.delTime ?? now.toISOString(), resTime: r.resTime ?? now.toISOString(),
    resReason: r.resReason ?? 'Registrant error',
    statements: statements.length ? statements : ['Restored at the registrant\'s request.'],
    other: r.other,
  };
}
