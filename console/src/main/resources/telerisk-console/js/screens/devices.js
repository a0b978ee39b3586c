// Operator: devices with their status, paged and filtered on the server; a credential is shown once when issued.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, flash } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { filterBar } from '../ui/filters.js';

const STATES = [['', 'filters.any'], ['active', 'deviceState.active'], ['disabled', 'deviceState.disabled'], ['decommissioned', 'deviceState.decommissioned']];
const TYPES = [['', 'filters.any'], ['vehicle', 'device.type.vehicle'], ['wearable', 'device.type.wearable'], ['farm-sensor', 'device.type.farm-sensor']];

export async function render(main) {
  let filters = {};
  const secret = h('div', { 'aria-live': 'polite' });
  const table = pagedTable({
    caption: 'devices.caption',
    columns: [
      { key: 'id', label: 'devices.id' },
      { key: 'type', label: 'devices.type', render: d => t('device.type.' + d.type) },
      { key: 'displayName', label: 'devices.name' },
      { key: 'state', label: 'devices.state', render: d => t('deviceState.' + d.state, {}, d.state) },
      { key: 'online', label: 'devices.status', render: d => d.status.online
        ? h('span', { class: 'status-ok' }, t('devices.online')) : h('span', { class: 'muted' }, t('devices.offline')) },
      { key: 'lastSeen', label: 'devices.lastSeen', render: d => fmt.dateTime(d.status.lastSeen) },
      { key: 'credential', label: 'devices.credential', render: d => h('button', { type: 'button', class: 'secondary',
        'aria-label': t('devices.issueFor', { id: d.id }), onclick: () => issue(d, secret) }, t('devices.issue')) }
    ],
    load: (offset, limit) => api.page('/api/v1/devices', filters, offset, limit)
  });
  const bar = filterBar([
    { name: 'type', label: 'devices.type', type: 'select', options: TYPES },
    { name: 'status', label: 'devices.status', type: 'select', options: [['', 'filters.any'], ['online', 'devices.online'], ['offline', 'devices.offline']] },
    { name: 'state', label: 'devices.state', type: 'select', options: STATES },
    { name: 'q', label: 'devices.search', type: 'search' }
  ], v => {
    filters = v;
    table.reload();
  });
  const register = h('form', { class: 'filters', 'aria-label': t('devices.register') },
    field({ name: 'type', label: 'devices.type', type: 'select', options: TYPES.slice(1), required: true }),
    field({ name: 'id', label: 'devices.id', required: true }),
    field({ name: 'displayName', label: 'devices.name' }),
    h('div', {}, h('button', { type: 'submit' }, t('devices.register'))));
  register.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const v = values(register);
      await api.post('/api/v1/devices', v);
      flash(t('devices.registered', { id: v.id }), true);
      table.reload();
    } catch (err) {
      flash(err.message);
    }
  });
  screen(main, 'devices.title', {}, bar.element, table.element, secret, h('h2', {}, t('devices.register')), register);
  await table.reload();
}

async function issue(d, secret) {
  try {
    const c = await api.post(`/api/v1/devices/${d.type}/${encodeURIComponent(d.id)}/credentials`, {});
    secret.replaceChildren(h('section', { class: 'panel' },
      h('h2', {}, t('devices.credentialFor', { id: d.id })),
      h('p', {}, t('devices.shownOnce')),
      h('p', {}, t('devices.username'), ' ', h('code', { class: 'secret' }, c.username)),
      h('p', {}, t('devices.token'), ' ', h('code', { class: 'secret', 'data-token': '' }, c.token))));
    secret.querySelector('h2').setAttribute('tabindex', '-1');
    secret.querySelector('h2').focus();
  } catch (err) {
    flash(err.message);
  }
}
