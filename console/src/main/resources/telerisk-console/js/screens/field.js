// Farmer: one field — its facts, crop health (anomaly, peers, water stress, yield band), NDVI against the crop's
// expected curve, soil moisture against the wilting point, and rain from its sensor.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, facts } from '../ui/dom.js';
import { timeSeries, bars } from '../ui/chart.js';
import { geoMap } from '../ui/map.js';

export async function render(main, { id }) {
  const f = await api.get('/api/v1/agri/fields/' + encodeURIComponent(id));
  const field = f.field || f;
  const health = await api.get(`/api/v1/agri/fields/${encodeURIComponent(id)}/health`);
  const points = (health.observed || []).map(p => [p.date, p.ndvi]);
  const expected = (health.expectedCurve || []).map(p => [p.date, p.ndvi]);
  const ws = health.waterStress || {};
  const y = health.yield || {};
  const parts = [facts([
    ['fields.crop', t('crop.' + field.crop, {}, field.crop)],
    ['fields.area', t('unit.ha', { value: fmt.number(field.areaHa, 2) })],
    ['fields.season', fmt.date(field.sowingDate) + ' – ' + fmt.date(field.harvestDate)],
    ['fields.region', field.region], ['fields.soil', t('soil.' + field.soil, {}, field.soil)], ['fields.device', field.deviceId]
  ]), h('h2', {}, t('field.health', { asOf: fmt.date(health.asOf) })), facts([
    ['field.latestNdvi', health.latestNdvi == null ? t('field.noNdvi') : t('field.ndviOn', { value: fmt.number(health.latestNdvi, 2), on: fmt.date(health.latestAcquired) })],
    ['field.expectedNdvi', fmt.number(health.expectedNdvi, 2)],
    ['field.anomaly', health.anomalyZ == null ? '—' : t('field.anomalyZ', { z: fmt.number(health.anomalyZ, 2), source: t('anomalySource.' + health.anomalySource, {}, health.anomalySource) })],
    ['field.peers', health.peers && health.peers.count ? t('field.peersMean', { count: fmt.number(health.peers.count), mean: fmt.number(health.peers.meanNdvi, 2) }) : t('field.noPeers')],
    ['field.waterStress', t('field.stressDays', { stress: fmt.number(ws.stressDays), measured: fmt.number(ws.measuredDays) })],
    ['field.yieldBand', t('field.yieldRange', { p10: fmt.number(y.p10TPerHa, 2), p50: fmt.number(y.p50TPerHa, 2), p90: fmt.number(y.p90TPerHa, 2) })],
    ['field.revenueBand', t('field.revenueRange', { p10: fmt.money(y.revenueP10, y.currency), p50: fmt.money(y.revenueP50, y.currency), p90: fmt.money(y.revenueP90, y.currency) })]
  ])];
  const charts = h('div', { class: 'grid2' });
  charts.append(timeSeries('field.ndviChart', [{ name: t('field.ndviObserved'), points },
    { name: t('field.ndviExpected'), points: expected, dashed: true }], { yName: 'field.ndvi' }).element);
  if (field.deviceId) {
    const to = new Date().toISOString().slice(0, 10);
    const from = (field.sowingDate && field.sowingDate < to) ? field.sowingDate : new Date(Date.now() - 90 * 86400000).toISOString().slice(0, 10);
    try {
      const days = (await api.get(`/api/v1/devices/farm-sensor/${encodeURIComponent(field.deviceId)}/farm-days`, { from, to })).items || [];
      if (days.length) {
        charts.append(timeSeries('field.moistureChart', [{ name: t('field.moisture'), points: days.map(d => [d.day, d.meanSoilMoistureVwc]) }],
          { yName: 'field.vwc', markValue: ws.wiltingPointVwc, markValueLabel: t('field.wiltingPoint') }).element);
        charts.append(bars('field.rainChart', days.map(d => ({ label: fmt.date(d.day), value: d.rainfallMm })), { yName: 'unit.mmAxis' }).element);
      }
    } catch (e) {
      charts.append(h('p', { class: 'muted' }, e.message));
    }
  }
  parts.push(charts, geoMap('field.map', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: field.boundary, properties: {} }] }).element);
  screen(main, 'field.title', { id }, ...parts);
}
