// Operator: ingest dashboard — this hub's counters since start (a tenant operator's: its tenant's; a platform
// operator's: the whole hub's, as the API's scope says), its per-minute rates over the last hour as the
// server counts them (GET /stats/ingest/rates), rejects by reason and the disk spool. Both are read again every
// REFRESH_MS while the page is open. Store latency is a histogram on /metrics (telerisk_store_seconds), for
// Prometheus and Grafana; the API does not serve it.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { bars, timeSeries } from '../ui/chart.js';

const REFRESH_MS = 15000;
const SERIES = ['received', 'stored', 'rejected', 'duplicates'];

export async function render(main) {
  const [stats, rates] = await Promise.all([api.get('/api/v1/stats/ingest'), api.get('/api/v1/stats/ingest/rates')]);
  const cards = h('ul', { class: 'cards', id: 'ingest-counters' });
  const spool = h('ul', { class: 'cards', id: 'ingest-spool' });
  const hour = h('div', { id: 'ingest-hour' });
  const rateChart = timeSeries('ingest.rateChart', series(rates), { yName: 'ingest.perMinute' });
  const rejected = rejects(stats);
  const rejectsBox = h('div', {}, rejected.length ? bars('ingest.rejectsChart', rejected).element : h('p', {}, t('ingest.noRejects')));
  screen(main, 'ingest.title', {}, h('p', { class: 'muted' }, t(stats.scope === 'tenant' ? 'ingest.scopeTenant' : 'ingest.scope')), cards,
    h('div', { class: 'grid2' }, rateChart.element, rejectsBox), hour,
    // the disk spool is the hub's, not a tenant's
    stats.scope === 'tenant' ? null : h('h2', {}, t('ingest.spool')), stats.scope === 'tenant' ? null : spool,
    h('p', { class: 'muted' }, t('ingest.latencyOnMetrics')));
  show(cards, spool, hour, stats, rates);

  let lastRejected = JSON.stringify(stats.rejected || {});
  const timer = setInterval(async () => {
    if (!document.body.contains(cards)) return clearInterval(timer);
    try {
      const [s, r] = await Promise.all([api.get('/api/v1/stats/ingest'), api.get('/api/v1/stats/ingest/rates')]);
      show(cards, spool, hour, s, r);
      (await rateChart.ready).setOption({ series: series(r).map(x => ({ name: x.name, data: x.points })) });
      if (JSON.stringify(s.rejected || {}) !== lastRejected) {
        lastRejected = JSON.stringify(s.rejected || {});
        const rows = rejects(s);
        rejectsBox.replaceChildren(rows.length ? bars('ingest.rejectsChart', rows).element : h('p', {}, t('ingest.noRejects')));
      }
    } catch (e) {
      clearInterval(timer);
    }
  }, REFRESH_MS);
}

function series(rates) {
  return SERIES.map(k => ({ name: t('ingest.' + k + 'PerMinute'), points: (rates.items || []).map(m => [m.minute, m[k]]) }));
}

function rejects(stats) {
  return Object.entries(stats.rejected || {}).filter(([, n]) => n > 0)
    .map(([reason, n]) => ({ label: t('reason.' + reason, {}, reason), value: n }));
}

function cardList(el, items) {
  el.replaceChildren(...items.map(([k, v]) => h('li', { 'data-stat': k }, t(k), h('span', { class: 'value' }, fmt.number(v)))));
}

function show(cards, spool, hour, s, rates) {
  cardList(cards, [['ingest.received', s.received], ['ingest.stored', s.stored], ['ingest.points', s.pointsStored],
    ['ingest.events', s.eventsStored], ['ingest.duplicates', s.duplicates], ['ingest.rejected', s.rejectedTotal],
    ['ingest.loginsRefused', s.deviceLoginsRefused]].filter(([, v]) => v !== undefined));
  cardList(spool, [['ingest.spooled', s.spooled], ['ingest.spoolReplayed', s.spoolReplayed]]);
  // the chart's numbers as text: the last hour's totals as the server summed them
  const totals = rates.totals || {};
  hour.replaceChildren(h('table', {}, h('caption', {}, t('ingest.lastHour')),
    h('thead', {}, h('tr', {}, SERIES.map(k => h('th', { scope: 'col', class: 'num' }, t('ingest.' + k))))),
    h('tbody', {}, h('tr', {}, SERIES.map(k => h('td', { class: 'num', 'data-total': k }, fmt.number(totals[k])))))));
}
