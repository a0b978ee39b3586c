// Operator: fleet status — devices online and offline by type (the registry's counts), and the vehicles page by page
// with their last-seen time and last position on a map. Positions are personal data: they come from
// GET /fleet/positions, which only operators may call and which logs each vehicle's read in the location access log;
// the screen says how many reads this page logged. The map has no tiles: points on a plain background.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { filterBar } from '../ui/filters.js';
import { geoMap } from '../ui/map.js';
import { link } from '../routes.js';

const TYPES = ['vehicle', 'wearable', 'farm-sensor'];

export async function render(main) {
  let filters = {};
  const counts = h('div', { id: 'fleet-counts' });
  const mapBox = h('div', { id: 'fleet-map' });
  const logged = h('p', { id: 'fleet-logged', role: 'status' });
  const table = pagedTable({
    caption: 'fleet.caption',
    columns: [
      { key: 'id', label: 'devices.id' },
      { key: 'online', label: 'devices.status', render: d => d.status.online
        ? h('span', { class: 'status-ok' }, t('devices.online')) : h('span', { class: 'muted' }, t('devices.offline')) },
      { key: 'lastSeen', label: 'devices.lastSeen', render: d => fmt.dateTime(d.status.lastSeen) },
      { key: 'position', label: 'fleet.position', render: d => d.position
        ? t('fleet.latLon', { lat: fmt.number(d.position.latitudeDeg, 5), lon: fmt.number(d.position.longitudeDeg, 5) }) : t('fleet.noPosition') },
      { key: 'fixTime', label: 'fleet.fixTime', render: d => (d.position ? fmt.dateTime(d.position.time) : '—') },
      // the hub's clock, not the browser's: a wrong PC clock must not make a stale position look fresh
      { key: 'positionAge', label: 'fleet.positionAge', render: d => (d.position ? fmt.age(d.position.ageSeconds) : '—') }
    ],
    load: async (offset, limit) => {
      const body = await api.get('/api/v1/fleet/positions', { ...filters, offset, limit });
      showPage(body, mapBox, logged);
      return { items: body.items, total: body.total, offset, limit, pageable: true };
    }
  });
  const bar = filterBar([
    { name: 'status', label: 'devices.status', type: 'select', options: [['', 'filters.any'], ['online', 'devices.online'], ['offline', 'devices.offline']] },
    { name: 'q', label: 'devices.search', type: 'search' }
  ], v => {
    filters = v;
    table.reload();
  });
  screen(main, 'fleet.title', {}, h('h2', {}, t('fleet.byType')), counts,
    h('h2', {}, t('fleet.vehicles')), h('p', {}, t('fleet.privacy'), ' ',
      h('a', { href: link('operator/location-access') }, t('fleet.seeLog'))),
    bar.element, logged, mapBox, table.element);
  await Promise.all([showCounts(counts), table.reload()]);
}

/** Online and offline per type: the registry's counts for each filter (one page of one row each, its total). */
async function showCounts(box) {
  const total = (type, status) => api.page('/api/v1/devices', { type, status }, 0, 1).then(p => p.total);
  const rows = await Promise.all(TYPES.map(async type => {
    const [all, online] = await Promise.all([total(type), total(type, 'online')]);
    return { type, all, online, offline: all - online };
  }));
  box.replaceChildren(h('table', { id: 'fleet-by-type' }, h('caption', {}, t('fleet.byTypeCaption')),
    h('thead', {}, h('tr', {}, ['devices.type', 'devices.online', 'devices.offline', 'fleet.total'].map((k, i) =>
      h('th', { scope: 'col', class: i ? 'num' : null }, t(k))))),
    h('tbody', {}, rows.map(r => h('tr', { 'data-type': r.type }, h('th', { scope: 'row' }, t('device.type.' + r.type)),
      h('td', { class: 'num', 'data-count': 'online' }, fmt.number(r.online)),
      h('td', { class: 'num', 'data-count': 'offline' }, fmt.number(r.offline)),
      h('td', { class: 'num', 'data-count': 'total' }, fmt.number(r.all)))))));
}

/** Draws the page's vehicles with a position; says how many position reads the hub logged for this page. */
function showPage(body, mapBox, logged) {
  const placed = body.items.filter(d => d.position);
  logged.textContent = t('fleet.logged', { logged: fmt.number(body.logged), placed: fmt.number(placed.length) });
  const features = placed.map(d => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [d.position.longitudeDeg, d.position.latitudeDeg] },
    properties: { id: d.id, online: d.status.online } }));
  const map = geoMap('fleet.map', { type: 'FeatureCollection', features }, {
    style: f => ({ fillColor: f.properties.online ? '#1a6b32' : '#4a5561', color: '#14283d', fillOpacity: 0.9 }),
    label: f => t('fleet.mapLabel', { id: f.properties.id, status: t(f.properties.online ? 'devices.online' : 'devices.offline') })
  });
  mapBox.replaceChildren(map.element);
  return map.ready;
}
