// Operator: who read which device's positions, when, and for which claim (the privacy audit trail).
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';

export async function render(main) {
  const table = pagedTable({
    caption: 'locationAccess.caption',
    columns: [
      { key: 'accessedAt', label: 'locationAccess.accessedAt', render: a => fmt.dateTime(a.accessedAt) },
      { key: 'username', label: 'locationAccess.user' },
      { key: 'role', label: 'locationAccess.role', render: a => t('role.' + a.role) },
      { key: 'device', label: 'locationAccess.device', render: a => a.device.type + '/' + a.device.id },
      { key: 'window', label: 'locationAccess.window', render: a => fmt.dateTime(a.from) + ' – ' + fmt.dateTime(a.to) },
      { key: 'claimId', label: 'locationAccess.claim' }
    ],
    load: (offset, limit) => api.page('/api/v1/location-access', {}, offset, limit)
  });
  screen(main, 'locationAccess.title', {}, h('p', {}, t('locationAccess.intro')), table.element);
  await table.reload();
}
