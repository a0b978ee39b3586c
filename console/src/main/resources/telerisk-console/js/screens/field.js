// Farmer: one field — its facts, the NDVI curve over the season, soil moisture and rain from its sensor.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, facts } from '../ui/dom.js';
import { timeSeries, bars } from '../ui/chart.js';
import { geoMap } from '../ui/map.js';

export async function render(main, { id }) {
  const f = await api.get('/api/v1/agri/fields/' + encodeURIComponent(id));
  const field = f.field || f;
  const ndvi = await api.get(`/api/v1/agri/fields/${encodeURIComponent(id)}/ndvi`);
  const points = (ndvi.points || ndvi.items || []).filter(p => p.status === 'ok').map(p => [p.acquired, p.mean]);
  const parts = [facts([
    ['fields.crop', t('crop.' + field.crop, {}, field.crop)],
    ['fields.area', t('unit.ha', { value: fmt.number(field.areaHa, 2) })],
    ['fields.season', fmt.date(field.sowingDate) + ' – ' + fmt.date(field.harvestDate)],
    ['fields.region', field.region], ['fields.soil', t('soil.' + field.soil, {}, field.soil)], ['fields.device', field.deviceId]
  ])];
  const charts = h('div', { class: 'grid2' });
  charts.append(points.length ? timeSeries('field.ndviChart', [{ name: t('field.ndvi'), points }], { yName: 'field.ndvi' }).element
    : h('p', {}, t('field.noNdvi')));
  if (field.deviceId) {
    const to = new Date().toISOString().slice(0, 10);
    const from = (field.sowingDate && field.sowingDate < to) ? field.sowingDate : new Date(Date.now() - 90 * 86400000).toISOString().slice(0, 10);
    try {
      const days = (await api.get(`/api/v1/devices/farm-sensor/${encodeURIComponent(field.deviceId)}/farm-days`, { from, to })).items || [];
      if (days.length) {
        charts.append(timeSeries('field.moistureChart', [{ name: t('field.moisture'), points: days.map(d => [d.day, d.meanSoilMoistureVwc]) }],
          { yName: 'field.vwc' }).element);
        charts.append(bars('field.rainChart', days.map(d => ({ label: fmt.date(d.day), value: d.rainfallMm })), { yName: 'unit.mmAxis' }).element);
      }
    } catch (e) {
      charts.append(h('p', { class: 'muted' }, e.message));
    }
  }
  parts.push(charts, geoMap('field.map', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: field.boundary, properties: {} }] }).element);
  screen(main, 'field.title', { id }, ...parts);
}
