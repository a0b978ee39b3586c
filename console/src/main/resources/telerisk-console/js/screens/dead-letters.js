// Operator: dead letters (rejected messages) with their reason, newest first, filtered (tenant scope, reason, device,
// period) and paged on the server.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { filterBar } from '../ui/filters.js';


const REASONS = ['malformed', 'missing_field', 'schema_version', 'out_of_range', 'not_a_number', 'future_timestamp',
  'before_device_existed', 'sequence_regression', 'too_large', 'unsupported_content_type', 'not_authorised', 'unknown_device',
  'rate_limited'];

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
    load: (offset, limit) => api.page('/api/v1/dead-letters', filters, offset, limit)
  });
  const bar = filterBar([
    { name: 'tenant', label: 'deadLetters.scope', type: 'select', options: [['', 'deadLetters.myTenant'], ['*', 'deadLetters.allTenants']] },
    { name: 'reason', label: 'deadLetters.reason', type: 'select', options: [['', 'filters.any'], ...REASONS.map(r => [r, 'reason.' + r])] },
    { name: 'device', label: 'deadLetters.device' },
    { name: 'from', label: 'locationAccess.from', type: 'date' },
    { name: 'to', label: 'locationAccess.to', type: 'date' }
  ], v => {
    // calendar days in UTC, as the API's instants
    filters = { ...v, from: v.from && v.from + 'T00:00:00Z', to: v.to && v.to + 'T00:00:00Z' };
    table.reload();
  });
  screen(main, 'deadLetters.title', {}, bar.element, table.element);
  await table.reload();
}
