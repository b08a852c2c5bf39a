// The <greeting> sent on connect and in answer to <hello>.
import { NS, OBJ_URIS, EXT_URIS } from './eppNamespaces.ts';
import { el, textEl } from './xmlWriter.ts';

export function renderGreeting(serverId: string, now: Date): string {
  const body = el('greeting', {},
    textEl('svID', serverId),
    textEl('svDate', now.toISOString()),
    el('svcMenu', {},
      textEl('version', '1.0'),
      textEl('lang', 'en'),
      ...OBJ_URIS.map((u) => textEl('objURI', u)),
      el('svcExtension', {}, ...EXT_URIS.map((u) => textEl('extURI', u)))),
    el('dcp', {},
      el('access', {}, el('all')),
      el('statement', {},
        el('purpose', {}, el('admin'), el('prov')),
        el('recipient', {}, el('ours'), el('public')),
        el('retention', {}, el('stated')))));
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${el('epp', { xmlns: NS.epp }, body)}\n`;
}
