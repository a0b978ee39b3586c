// Adjuster: verification of the hash-chained audit ledger (recomputed from its genesis by the hub), and the
// tenant's ledger exported as CSV or JSON lines (the hub writes the file; the console hands it to the browser).
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
    result, exportPanel());
  await verify();
}

function exportPanel() {
  const status = h('p', { role: 'status', id: 'ledger-export-status' });
  const download = async format => {
    status.textContent = t('ledger.exporting');
    try {
      const file = await api.getText('/api/v1/claims/ledger/export', { format });
      const name = t('ledger.fileName', { tenant: api.session().tenant, date: new Date().toISOString().slice(0, 10) })
        + (format === 'csv' ? '.csv' : '.jsonl');
      const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
      const a = h('a', { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = t('ledger.exported', { count: fmt.number(records(file.text, format)), format: t('ledger.format.' + format), file: name });
      status.dataset.entries = String(records(file.text, format));
    } catch (e) {
      status.textContent = e.message;
    }
  };
  return h('section', {}, h('h2', {}, t('ledger.export')), h('p', {}, t('ledger.exportIntro')),
    h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', 'data-format': 'csv', onclick: () => download('csv') }, t('ledger.downloadCsv')),
      h('button', { type: 'button', class: 'secondary', 'data-format': 'jsonl', onclick: () => download('jsonl') }, t('ledger.downloadJsonl'))),
    status);
}

/** Entries in an export: one JSON line each, or CSV records after the header (a quoted field may hold a newline). */
function records(text, format) {
  if (format !== 'csv') return text.split('\n').filter(l => l.trim()).length;
  let n = 0, quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) n++;
  }
  return Math.max(0, n - 1);
}
