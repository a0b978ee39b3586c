// Farmer: my fields on a map (GeoJSON boundaries on a plain background, coloured by alert) and as a paged list.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { geoMap } from '../ui/map.js';
import { link } from '../routes.js';
import { fieldAlerts } from './alerts.js';

const MAP_PAGE = 200;

export async function render(main) {
  const fields = await api.page('/api/v1/agri/fields', {}, 0, MAP_PAGE);
  // each field's own alerts (financed or not): the tenant-wide /agri/alerts is the lender's, not the farmer's
  const alerted = new Set((await fieldAlerts(fields.items)).filter(a => (a.items || []).length).map(a => a.fieldId));
  const features = fields.items.map(f => ({ type: 'Feature', geometry: f.boundary,
    properties: { fieldId: f.fieldId, crop: f.crop, alert: alerted.has(f.fieldId) } }));
  const map = geoMap('fields.map', { type: 'FeatureCollection', features }, {
    style: f => ({ fillColor: f.properties.alert ? '#b3261e' : '#1a6b32' }),
    label: f => t('fields.mapLabel', { id: f.properties.fieldId, crop: t('crop.' + f.properties.crop, {}, f.properties.crop) }),
    onSelect: f => { location.hash = link('farmer/fields/:id', { id: f.properties.fieldId }); }
  });
  const table = pagedTable({
    caption: 'fields.caption',
    rowLink: f => link('farmer/fields/:id', { id: f.fieldId }),
    columns: [
      { key: 'fieldId', label: 'fields.id' },
      { key: 'crop', label: 'fields.crop', render: f => t('crop.' + f.crop, {}, f.crop) },
      { key: 'areaHa', label: 'fields.area', num: true, render: f => t('unit.ha', { value: fmt.number(f.areaHa, 2) }) },
      { key: 'season', label: 'fields.season', render: f => fmt.date(f.sowingDate) + ' – ' + fmt.date(f.harvestDate) },
      { key: 'alert', label: 'fields.health', render: f => alerted.has(f.fieldId)
        ? h('span', { class: 'status-bad' }, t('fields.alert')) : h('span', { class: 'status-ok' }, t('fields.noAlert')) }
    ],
    load: (offset, limit) => api.page('/api/v1/agri/fields', {}, offset, limit)
  });
  screen(main, 'fields.title', {}, h('p', {}, t('fields.legend')), map.element, table.element);
  await Promise.all([table.reload(), map.ready]);
}
