// Operator: ingest dashboard — counters, rejects by reason, and the message rate sampled while the page is open.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { bars, timeSeries } from '../ui/chart.js';

const SAMPLE_MS = 5000;

export async function render(main) {
  const stats = await api.get('/api/v1/stats/ingest');
  const cards = h('ul', { class: 'cards' });
  const rates = [];
  const rateChart = timeSeries('ingest.rateChart', [{ name: t('ingest.storedPerSecond'), points: rates }], { yName: 'ingest.perSecond' });
  const rejected = Object.entries(stats.rejected || {}).map(([reason, n]) => ({ label: t('reason.' + reason, {}, reason), value: n }));
  screen(main, 'ingest.title', {}, cards,
    h('div', { class: 'grid2' }, rateChart.element,
      rejected.length ? bars('ingest.rejectsChart', rejected).element : h('p', {}, t('ingest.noRejects'))));
  show(cards, stats);

  let last = { at: Date.now(), stored: stats.stored };
  const timer = setInterval(async () => {
    if (!document.body.contains(cards)) return clearInterval(timer);
    try {
      const now = await api.get('/api/v1/stats/ingest');
      const at = Date.now();
      rates.push([at, Math.max(0, (now.stored - last.stored) * 1000 / (at - last.at))]);
      last = { at, stored: now.stored };
      show(cards, now);
      (await rateChart.ready).setOption({ series: [{ data: rates.slice(-120) }] });
    } catch (e) {
      clearInterval(timer);
    }
  }, SAMPLE_MS);
}

function show(cards, s) {
  const items = [['ingest.received', s.received], ['ingest.stored', s.stored], ['ingest.points', s.pointsStored],
    ['ingest.duplicates', s.duplicates], ['ingest.rejected', s.rejectedTotal], ['ingest.spooled', s.spooled],
    ['ingest.spoolReplayed', s.spoolReplayed]];
  cards.replaceChildren(...items.map(([k, v]) => h('li', { 'data-stat': k }, t(k), h('span', { class: 'value' }, fmt.number(v)))));
}
