// Insurer: impact analysis — re-rate the policy book under a draft and the plan in force for a rating period (the
// usage window only supplies driving variables), then read the run: totals, how many premiums rise and fall,
// histogram and percentiles of the change, caps and floors hit under each plan, and the per-policy results paged
// by the server. Every run is kept by the hub, so a run has its own address (insurer/impact/:id).
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, facts, flash } from '../ui/dom.js';
import { bars, xyLine } from '../ui/chart.js';
import { pagedTable } from '../ui/table.js';
import { filterBar } from '../ui/filters.js';
import { link } from '../routes.js';

const DAY = 86400000;
const iso = ms => new Date(ms).toISOString().slice(0, 10);

export async function render(main, { id } = {}) {
  if (id) return showRun(main, id);
  const inbox = await api.get('/api/v1/pricing/plans/awaiting-approval');
  const drafts = [...inbox.items, ...(inbox.authoredByYou || [])];
  if (!drafts.length) {
    screen(main, 'impact.title', {}, h('p', {}, t('impact.noDrafts')), h('p', {}, h('a', { href: link('insurer/plans') }, t('impact.toPlans'))));
    return;
  }
  const now = Date.now();
  const form = h('form', { class: 'filters', id: 'impact-form', 'aria-label': t('impact.form') },
    field({ name: 'draft', label: 'impact.draft', type: 'select', required: true,
      options: drafts.map(d => [d.planId + '@' + d.version, null]) }),
    h('fieldset', { class: 'period' }, h('legend', {}, t('impact.ratingPeriod')),
      field({ name: 'ratingFrom', label: 'impact.from', type: 'date', required: true, value: iso(now) }),
      field({ name: 'ratingTo', label: 'impact.toExclusive', type: 'date', required: true, value: iso(now + 365 * DAY) })),
    h('fieldset', { class: 'period' }, h('legend', {}, t('impact.usageWindow')),
      field({ name: 'usageFrom', label: 'impact.from', type: 'date', value: iso(now - 90 * DAY) }),
      field({ name: 'usageTo', label: 'impact.toExclusive', type: 'date', value: iso(now) })),
    h('div', {}, h('button', { type: 'submit' }, t('impact.run'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const v = values(form);
    const [planId, version] = v.draft.split('@');
    const body = { draft: { planId, version: Number(version) }, ratingFrom: v.ratingFrom, ratingTo: v.ratingTo };
    if (v.usageFrom || v.usageTo) Object.assign(body, { usageFrom: v.usageFrom, usageTo: v.usageTo });
    try {
      const run = await api.post('/api/v1/pricing/impact', body);
      flash('');
      location.hash = link('insurer/impact/:id', { id: run.runId });
    } catch (err) {
      flash(err.message);
    }
  });
  screen(main, 'impact.title', {}, h('p', {}, t('impact.intro')), form);
}

async function showRun(main, id) {
  const r = await api.get('/api/v1/pricing/impact/' + encodeURIComponent(id));
  const change = Number(r.totalChangePercent);
  const parts = [
    h('p', {}, h('a', { href: link('insurer/impact') }, t('impact.another'))),
    facts([
      ['impact.draft', r.draft.planId + ' v' + r.draft.version],
      ['impact.active', r.active.planId + ' v' + r.active.version],
      ['impact.ratingPeriod', t('impact.period', { from: fmt.date(r.ratingFrom), to: fmt.date(r.ratingTo), days: fmt.number(r.ratingDays) })],
      ['impact.usageWindow', r.usageFrom ? t('impact.window', { from: fmt.date(r.usageFrom), to: fmt.date(r.usageTo) }) : t('impact.noWindow')],
      ['impact.runBy', r.runBy ? t('impact.runByAt', { user: r.runBy, at: fmt.dateTime(r.runAt) }) : null]
    ]),
    h('ul', { class: 'cards', 'aria-label': t('impact.summary') },
      card('impact.policies', 'impact-policies', fmt.number(r.policies)),
      card('impact.rated', 'impact-rated', fmt.number(r.rated)),
      card('impact.totalActive', 'impact-total-active', fmt.number(r.totalActive, 2)),
      card('impact.totalDraft', 'impact-total-draft', fmt.number(r.totalDraft, 2)),
      card('impact.totalChange', 'impact-total-change', signedPercent(change)),
      card('impact.increased', 'impact-increased', fmt.number(r.increased)),
      card('impact.decreased', 'impact-decreased', fmt.number(r.decreased)),
      card('impact.unchanged', 'impact-unchanged', fmt.number(r.unchanged))),
    limits(r),
    h('div', { class: 'grid2' }, histogram(r.histogram), percentiles(r.percentiles))
  ];
  const failures = Object.entries(r.failures || {});
  const notLoaded = r.notLoaded || [];
  if (failures.length || notLoaded.length) {
    parts.push(h('h2', {}, t('impact.failures')), h('ul', { class: 'problems' },
      failures.map(([reason, n]) => h('li', {}, t('impact.failure', { reason, count: fmt.number(n) }))),
      notLoaded.map(p => h('li', {}, t('impact.notLoaded', { policy: p.policyId, reason: p.reason })))));
  }
  const perPolicy = drillDown(id);
  parts.push(...perPolicy.parts);
  screen(main, 'impact.runTitle', { id }, ...parts);
  await perPolicy.table.reload();
}

function card(labelKey, id, value) {
  return h('li', {}, h('span', { class: 'muted' }, t(labelKey)), h('span', { class: 'value', id }, value));
}

function signedPercent(p) {
  if (!Number.isFinite(p)) return '—';
  return (p > 0 ? '+' : '') + fmt.number(p, 2) + ' %';
}

/** Caps (maximum renewal increase), floors (maximum decrease) and minimum premiums hit under each plan. */
function limits(r) {
  const rows = [['capped', 'impact.capped'], ['floored', 'impact.floored'], ['minimumPremium', 'impact.minimumPremium']];
  return h('table', { id: 'impact-limits' }, h('caption', {}, t('impact.limits')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('impact.limit')), h('th', { scope: 'col', class: 'num' }, t('impact.underDraft')),
      h('th', { scope: 'col', class: 'num' }, t('impact.underActive')))),
    h('tbody', {}, rows.map(([k, label]) => h('tr', { 'data-limit': k }, h('th', { scope: 'row' }, t(label)),
      h('td', { class: 'num' }, fmt.number(r.draftLimits[k])), h('td', { class: 'num' }, fmt.number(r.activeLimits[k]))))));
}

function histogram(buckets) {
  const rows = (buckets || []).map(b => ({
    label: b.fromPercent === null ? t('impact.bucketBelow', { to: fmt.number(b.toPercent) })
      : b.toPercent === null ? t('impact.bucketAbove', { from: fmt.number(b.fromPercent) })
        : t('impact.bucket', { from: fmt.number(b.fromPercent), to: fmt.number(b.toPercent) }),
    value: b.policies
  }));
  const el = bars('impact.histogram', rows, { yName: 'impact.policiesAxis' }).element;
  // the chart's figures as a table for screen readers (and for checking the chart against the API)
  el.append(h('table', { class: 'visually-hidden', id: 'impact-histogram' }, h('caption', {}, t('impact.histogram')),
    h('thead', {}, h('tr', {}, rows.map(r => h('th', { scope: 'col' }, r.label)))),
    h('tbody', {}, h('tr', {}, rows.map(r => h('td', { class: 'num' }, fmt.number(r.value)))))));
  return el;
}

function percentiles(p) {
  const points = Object.entries(p || {}).filter(([, v]) => v !== null)
    .map(([k, v]) => [Number(k.slice(1)), v]).sort((a, b) => a[0] - b[0]);
  const el = xyLine('impact.percentiles', points, { xName: 'impact.percentileAxis', yName: 'impact.changeAxis',
    yFormat: v => fmt.number(v, 1) + ' %' }).element;
  // the figures themselves, for readers of the text and for checking the chart against the API
  el.append(h('table', { class: 'compact', id: 'impact-percentiles' }, h('caption', { class: 'visually-hidden' }, t('impact.percentiles')),
    h('thead', {}, h('tr', {}, points.map(([k]) => h('th', { scope: 'col', class: 'num' }, 'p' + k)))),
    h('tbody', {}, h('tr', {}, points.map(([, v]) => h('td', { class: 'num' }, signedPercent(v)))))));
  return el;
}

/** Per-policy results, paged and filtered by outcome on the server. */
function drillDown(id) {
  let outcome = 'all';
  const table = pagedTable({
    caption: 'impact.policiesCaption',
    columns: [
      { key: 'policyId', label: 'impact.policy' },
      { key: 'deviceId', label: 'impact.device' },
      { key: 'activePremium', label: 'impact.activePremium', num: true, render: p => fmt.number(p.activePremium, 2) },
      { key: 'draftPremium', label: 'impact.draftPremium', num: true, render: p => fmt.number(p.draftPremium, 2) },
      { key: 'changePercent', label: 'impact.change', num: true, render: p => (p.changePercent === null ? '—' : signedPercent(p.changePercent)) },
      { key: 'failure', label: 'impact.failureColumn' }
    ],
    load: (offset, limit) => api.page(`/api/v1/pricing/impact/${encodeURIComponent(id)}/policies`, { outcome }, offset, limit)
  });
  const filters = filterBar([{ name: 'outcome', label: 'impact.outcome', type: 'select', value: 'all',
    options: ['all', 'increased', 'decreased', 'unchanged', 'failed'].map(o => [o, 'impact.outcome.' + o]) }],
  v => { outcome = v.outcome || 'all'; table.reload(); }, 'impact.policiesFilter');
  return { table, parts: [h('h2', {}, t('impact.perPolicy')), filters.element, table.element] };
}
