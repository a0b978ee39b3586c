// Adjuster: verification of the hash-chained audit ledger (recomputed from its genesis by the hub).
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, facts } from '../ui/dom.js';

export async function render(main) {
  const result = h('div', { 'aria-live': 'polite' });
  const verify = async () => {
    result.replaceChildren(h('p', {}, t('ledger.verifying')));
    const v = await api.get('/api/v1/claims/ledger/verify');
    result.replaceChildren(
      h('p', { class: v.valid ? 'status-ok' : 'status-bad', id: 'ledger-verdict' }, t(v.valid ? 'ledger.valid' : 'ledger.broken')),
      facts([['ledger.entries', fmt.number(v.entries)], ['ledger.head', h('code', {}, v.head || '—')],
        ...(v.valid ? [] : [['ledger.firstBad', String(v.firstBadEntry)], ['ledger.problem', v.problem]])]));
  };
  screen(main, 'ledger.title', {}, h('p', {}, t('ledger.intro')),
    h('button', { type: 'button', onclick: () => verify().catch(e => result.replaceChildren(h('p', { class: 'problems' }, e.message))) }, t('ledger.verify')),
    result);
  await verify();
}
