// Insurer: quote explorer — pick a device and period; the premium as a waterfall by factor next to the daily
// usage behind it. Numbers are the API's, shown with its rounding.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, facts, flash } from '../ui/dom.js';
import { waterfall, bars } from '../ui/chart.js';
import { link } from '../routes.js';

export async function render(main) {
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
  const form = h('form', { class: 'filters', id: 'quote-form', 'aria-label': t('quote.form') },
    field({ name: 'policyId', label: 'quote.policyId', required: true }),
    field({ name: 'deviceId', label: 'quote.deviceId', required: true }),
    field({ name: 'productLine', label: 'quote.productLine', required: true }),
    field({ name: 'jurisdiction', label: 'quote.jurisdiction', required: true }),
    field({ name: 'currency', label: 'quote.currency', required: true }),
    field({ name: 'from', label: 'quote.from', type: 'date', required: true, value: monthAgo }),
    field({ name: 'to', label: 'quote.to', type: 'date', required: true, value: today }),
    field({ name: 'inputs', label: 'quote.inputs' }),
    h('div', {}, h('button', { type: 'submit' }, t('quote.run'))));
  const result = h('div', { 'aria-live': 'polite', id: 'quote-result' });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const { inputs, ...v } = values(form);
    try {
      const q = await api.post('/api/v1/pricing/quotes', { ...v, inputs: declared(inputs) });
      flash('');
      result.replaceChildren(...await explain(q, v));
    } catch (err) {
      flash(err.message);
    }
  });
  screen(main, 'quote.title', {}, h('p', {}, h('a', { href: link('insurer/score-model'), id: 'quote-model-card' }, t('quote.modelCard'))), form, result);
}

async function explain(q, v) {
  const steps = q.lines.map(l => ({ label: l.variable, delta: l.effect }));
  const extras = [['fees', q.fees], ['taxes', q.taxes]].filter(([, x]) => Number(x) !== 0)
    .map(([k, x]) => ({ label: t('quote.' + k), delta: x }));
  const out = [
    h('h2', {}, t('quote.result')),
    facts([['quote.total', h('strong', { id: 'quote-total' }, fmt.money(q.totalPremium, q.currency))],
      ['quote.net', fmt.money(q.netPremium, q.currency)], ['quote.fees', fmt.money(q.fees, q.currency)],
      ['quote.taxes', fmt.money(q.taxes, q.currency)], ['quote.plan', q.planId + ' v' + q.planVersion],
      ['quote.periodDays', fmt.number(q.periodDays)],
      ['quote.minimumApplied', t(q.minimumPremiumApplied ? 'common.yes' : 'common.no')],
      ...(q.scoreModel ? [['quote.scoreModel', h('a', { href: link('insurer/score-model') }, q.scoreModel)]] : [])]),
    h('div', { class: 'grid2' }, waterfall('quote.waterfall', [...steps, ...extras]).element, await usage(v)),
    h('table', {}, h('caption', {}, t('quote.lines')),
      h('thead', {}, h('tr', {}, ['quote.variable', 'quote.input', 'quote.band', 'quote.relativity', 'quote.effect']
        .map((k, i) => h('th', { scope: 'col', class: i >= 3 ? 'num' : null }, t(k))))),
      h('tbody', {}, q.lines.map(l => h('tr', {}, h('th', { scope: 'row' }, l.variable), h('td', {}, l.input ?? '—'),
        h('td', {}, l.bandOrTerm), h('td', { class: 'num' }, fmt.number(l.relativity, 3)),
        h('td', { class: 'num' }, fmt.money(l.effect, q.currency))))))
  ];
  return out;
}

async function usage(v) {
  try {
    const days = await api.get(`/api/v1/devices/vehicle/${encodeURIComponent(v.deviceId)}/daily-usage`, { from: v.from, to: v.to });
    const rows = (days.items || []).map(d => ({ label: fmt.date(d.day), value: d.distanceKm }));
    return rows.length ? bars('quote.usageChart', rows, { yName: 'unit.kmAxis' }).element : h('p', {}, t('quote.noUsage'));
  } catch (e) {
    return h('p', { class: 'muted' }, t('quote.noUsage'));
  }
}

/** 'driverAge=45, territory=suburban' as the API's inputs object (numbers stay numbers). */
function declared(text) {
  const out = {};
  for (const pair of (text || '').split(/[,;]/)) {
    const [k, ...rest] = pair.split('=');
    const value = rest.join('=').trim();
    if (!k.trim()) continue;
    out[k.trim()] = value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  return out;
}
