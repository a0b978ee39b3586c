// Operator: dead letters (rejected messages) with their reason, newest first, filtered on the server.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { filterBar } from '../ui/filters.js';


export async function render(main) {
  let filters = {};
  const table = pagedTable({
    caption: 'deadLetters.caption',
    columns: [
      { key: 'receivedAt', label: 'deadLetters.receivedAt', render: d => fmt.dateTime(d.receivedAt) },
      { key: 'reason', label: 'deadLetters.reason', render: d => t('reason.' + d.reason, {}, d.reason) },
      { key: 'topic', label: 'deadLetters.topic' },
      { key: 'detail', label: 'deadLetters.detail' },
      { key: 'payloadBytes', label: 'deadLetters.bytes', num: true, render: d => fmt.number(d.payloadBytes) }
    ],
    load: (offset, limit) => api.page('/api/v1/dead-letters', filters, offset, limit, 'limit')
  });
  const bar = filterBar([
    { name: 'tenant', label: 'deadLetters.scope', type: 'select', options: [['', 'deadLetters.myTenant'], ['*', 'deadLetters.allTenants']] }
  ], v => {
    filters = v;
    table.reload();
  });
  screen(main, 'deadLetters.title', {}, bar.element, table.element);
  await table.reload();
}
