// Operator: who read which device's positions, when, and for which claim (the privacy audit trail).
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { filterBar } from '../ui/filters.js';

export async function render(main) {
  let filters = {};
  const table = pagedTable({
    caption: 'locationAccess.caption',
    columns: [
      { key: 'accessedAt', label: 'locationAccess.accessedAt', render: a => fmt.dateTime(a.accessedAt) },
      { key: 'username', label: 'locationAccess.user' },
      { key: 'role', label: 'locationAccess.role', render: a => t('role.' + a.role) },
      { key: 'device', label: 'locationAccess.device', render: a => a.device.type + '/' + a.device.id },
      { key: 'window', label: 'locationAccess.window', render: a => fmt.dateTime(a.from) + ' – ' + fmt.dateTime(a.to) },
      { key: 'resource', label: 'locationAccess.resource' },
      { key: 'claimId', label: 'locationAccess.claim' }
    ],
    load: (offset, limit) => api.page('/api/v1/location-access', filters, offset, limit)
  });
  const bar = filterBar([
    { name: 'from', label: 'locationAccess.from', type: 'date' },
    { name: 'to', label: 'locationAccess.to', type: 'date' }
  ], v => {
    // calendar days in UTC, as the API's instants
    filters = { from: v.from && v.from + 'T00:00:00Z', to: v.to && v.to + 'T00:00:00Z' };
    table.reload();
  });
  screen(main, 'locationAccess.title', {}, h('p', {}, t('locationAccess.intro')), bar.element, table.element);
  await table.reload();
}
