// Adjuster: claim search, closed claims too — state, text (a part of the claim, policy or device id), device,
// policy, source and loss period go to the server (GET /claims), which filters, counts and pages; newest first.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { filterBar } from '../ui/filters.js';
import { link } from '../routes.js';

const STATUSES = ['OPEN', 'ASSESSED', 'AWAITING_ADJUSTER', 'INFORMATION_REQUESTED', 'AWAITING_SECOND_APPROVAL', 'AUTO_APPROVED', 'APPROVED', 'REJECTED'];

export async function render(main) {
  let query = { closed: 'true' };
  const table = pagedTable({
    caption: 'claimSearch.caption',
    rowLink: c => link('adjuster/claims/:id', { id: c.claimId }),
    columns: [
      { key: 'claimId', label: 'claim.id' },
      { key: 'status', label: 'claim.status', render: c => t('claim.status.' + c.status, {}, c.status) },
      { key: 'source', label: 'claim.source', render: c => t('claim.source.' + c.source, {}, c.source) },
      { key: 'device', label: 'claim.device', render: c => c.deviceType + '/' + c.deviceId },
      { key: 'policyId', label: 'claim.policy' },
      { key: 'lossTime', label: 'claim.lossTime', render: c => fmt.dateTime(c.lossTime) },
      { key: 'amount', label: 'claim.amount', num: true, render: c => fmt.money(c.amount, c.currency) }
    ],
    load: (offset, limit) => api.page('/api/v1/claims', query, offset, limit)
  });
  const filters = filterBar([
    { name: 'state', label: 'claimSearch.state', type: 'select', value: 'closed',
      options: [['', 'claimSearch.anyState'], ['open', 'claimSearch.open'], ['closed', 'claimSearch.closed'],
        ...STATUSES.map(s => [s, 'claim.status.' + s])] },
    { name: 'q', label: 'claimSearch.text' },
    { name: 'deviceId', label: 'claimSearch.device' },
    { name: 'policyId', label: 'claimSearch.policy' },
    { name: 'source', label: 'claim.source', type: 'select', value: '',
      options: [['', 'claimSearch.anySource'], ...['DEVICE_CRASH', 'REPORTED', 'PARAMETRIC'].map(s => [s, 'claim.source.' + s])] },
    { name: 'from', label: 'claimSearch.from', type: 'date' },
    { name: 'to', label: 'claimSearch.to', type: 'date' }
  ], v => {
    query = toQuery(v);
    table.reload();
  }, 'claimSearch.filters');
  screen(main, 'claimSearch.title', {}, filters.element, table.element);
  await table.reload();
}

/** The form's values as the API's parameters: a state is closed=…, or one status; dates are whole UTC days. */
function toQuery({ state, from, to, ...rest }) {
  const q = { ...rest };
  if (state === 'open') q.closed = 'false';
  else if (state === 'closed') q.closed = 'true';
  else if (state) q.status = state;
  if (from) q.from = from + 'T00:00:00Z';
  if (to) q.to = new Date(Date.parse(to + 'T00:00:00Z') + 86400000).toISOString().replace('.000Z', 'Z');
  return q;
}
