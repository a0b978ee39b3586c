// Adjuster: claims awaiting an adjuster, a second approval or information, by priority then SLA due time.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { link } from '../routes.js';

export async function render(main) {
  const table = pagedTable({
    caption: 'queue.caption',
    rowLink: c => link('adjuster/claims/:id', { id: c.claimId }),
    columns: [
      { key: 'claimId', label: 'claim.id' },
      { key: 'priority', label: 'claim.priority' },
      { key: 'status', label: 'claim.status', render: c => t('claim.status.' + c.status, {}, c.status) },
      { key: 'source', label: 'claim.source', render: c => t('claim.source.' + c.source, {}, c.source) },
      { key: 'device', label: 'claim.device', render: c => c.deviceType + '/' + c.deviceId },
      { key: 'lossTime', label: 'claim.lossTime', render: c => fmt.dateTime(c.lossTime) },
      { key: 'due', label: 'queue.due', render: c => c.overdue
        ? h('span', { class: 'status-bad' }, t('queue.overdue', { due: fmt.dateTime(c.due) })) : fmt.dateTime(c.due) },
      { key: 'amount', label: 'claim.amount', num: true, render: c => fmt.money(c.amount, c.currency) }
    ],
    load: (offset, limit) => api.page('/api/v1/claims/queue', {}, offset, limit, 'offset')
  });
  screen(main, 'queue.title', {}, table.element);
  await table.reload();
}
