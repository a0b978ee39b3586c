// Lender: the loan book today — exposure, arrears, expected loss, loans by status, loans on a map by their field's
// polygon (coloured by the worst status of the field's loans, fields with season alerts outlined), and loans on
// fields with alerts.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { bars } from '../ui/chart.js';
import { geoMap } from '../ui/map.js';
import { link } from '../routes.js';

/** Worst first: a field's colour is the worst status among its loans. */
const STATUS_ORDER = ['IN_ARREARS', 'CURRENT', 'NOT_YET_DUE', 'APPROVED_NOT_DISBURSED', 'REPAID'];
const STATUS_COLOUR = { IN_ARREARS: '#b3261e', CURRENT: '#1a6b32', NOT_YET_DUE: '#0b5cad', APPROVED_NOT_DISBURSED: '#6a3d9a', REPAID: '#4a5561' };
const ALERT_OUTLINE = '#e07b00';

export async function render(main) {
  const [p, fields] = await Promise.all([api.get('/api/v1/lender/portfolio'), api.pageAll('/api/v1/agri/fields', {})]);
  const money = v => fmt.money(v, p.currency);
  const cards = [['portfolio.loans', fmt.number(p.loans)], ['portfolio.committed', money(p.committed)],
    ['portfolio.exposure', money(p.exposure)], ['portfolio.arrears', money(p.arrears)],
    ['portfolio.expectedLoss', money(p.expectedLoss)], ['portfolio.referralsPending', fmt.number(p.referralsPending)],
    ['portfolio.exposureOnAlerts', money(p.exposureOnFieldsWithAlerts)]];
  const byStatus = Object.entries(p.byStatus || {}).map(([s, n]) => ({ label: t('loanStatus.' + s, {}, s), value: n }));
  const alerted = p.loansOnFieldsWithAlerts || [];
  screen(main, 'portfolio.title', { asOf: fmt.date(p.asOf) },
    h('ul', { class: 'cards' }, cards.map(([k, v]) => h('li', { 'data-stat': k }, t(k), h('span', { class: 'value' }, v)))),
    h('p', { class: 'muted' }, p.expectedLossBasis),
    byStatus.length ? bars('portfolio.byStatus', byStatus).element : null,
    h('h2', {}, t('portfolio.mapTitle')), h('p', {}, t('portfolio.mapLegend')), ...loanMap(p, fields.items, money),
    h('h2', {}, t('portfolio.alerted')),
    alerted.length ? h('table', {}, h('caption', { class: 'visually-hidden' }, t('portfolio.alerted')),
      h('thead', {}, h('tr', {}, ['loans.id', 'fields.id', 'portfolio.exposure', 'portfolio.alerts'].map((k, i) => h('th', { scope: 'col', class: i === 2 ? 'num' : null }, t(k))))),
      h('tbody', {}, alerted.map(a => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: link('lender/loans/:id', { id: a.applicationId }) }, a.applicationId)),
        h('td', {}, a.fieldId), h('td', { class: 'num' }, money(a.exposure)),
        h('td', {}, a.alerts.map(x => t('alert.' + x.kind, {}, x.kind)).join(', '))))))
      : h('p', {}, t('portfolio.noAlerted')));
}

/** Per field with loans: its loans, worst status, exposure and arrears summed (as decimals, shown with the API's rounding). */
function byField(p) {
  const alerted = new Set((p.loansOnFieldsWithAlerts || []).map(a => a.fieldId));
  const out = new Map();
  for (const l of p.lines || []) {
    if (!l.fieldId) continue;
    const f = out.get(l.fieldId) || { fieldId: l.fieldId, loans: 0, status: 'REPAID', exposureCents: 0, arrearsCents: 0, alert: alerted.has(l.fieldId) };
    f.loans += 1;
    if (STATUS_ORDER.indexOf(l.status) < STATUS_ORDER.indexOf(f.status)) f.status = l.status;
    f.exposureCents += cents(l.exposure);
    f.arrearsCents += cents(l.arrears);
    out.set(l.fieldId, f);
  }
  return [...out.values()];
}

/** Money strings with two decimals to integer cents, so sums are exact. */
function cents(amount) {
  if (amount === null || amount === undefined) return 0;
  const [whole, frac = ''] = String(amount).split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number((frac + '00').slice(0, 2)));
}

function fromCents(c) {
  return (c / 100).toFixed(2);
}

function loanMap(p, fields, money) {
  const rows = byField(p);
  const boundary = new Map(fields.map(f => [f.fieldId, f.boundary]));
  const features = rows.filter(r => boundary.has(r.fieldId)).map(r => ({ type: 'Feature', geometry: boundary.get(r.fieldId), properties: r }));
  const map = geoMap('portfolio.map', { type: 'FeatureCollection', features }, {
    style: f => ({ fillColor: STATUS_COLOUR[f.properties.status] || '#0b5cad', fillOpacity: 0.6,
      color: f.properties.alert ? ALERT_OUTLINE : '#14283d', weight: f.properties.alert ? 5 : 2, dashArray: f.properties.alert ? '8 4' : null,
      className: 'loan-field loan-' + f.properties.status + (f.properties.alert ? ' field-alerted' : '') }),
    label: f => t(f.properties.alert ? 'portfolio.mapLabelAlert' : 'portfolio.mapLabel', { field: f.properties.fieldId,
      status: t('loanStatus.' + f.properties.status, {}, f.properties.status), loans: fmt.number(f.properties.loans) })
  });
  const table = h('table', { id: 'portfolio-fields' }, h('caption', {}, t('portfolio.fieldsCaption')),
    h('thead', {}, h('tr', {}, ['fields.id', 'portfolio.loans', 'lenderLoans.status', 'portfolio.exposure', 'portfolio.arrears', 'portfolio.alerts']
      .map((k, i) => h('th', { scope: 'col', class: i === 1 || i === 3 || i === 4 ? 'num' : null }, t(k))))),
    h('tbody', {}, rows.map(r => h('tr', { 'data-field': r.fieldId },
      h('th', { scope: 'row' }, r.fieldId), h('td', { class: 'num' }, fmt.number(r.loans)),
      h('td', {}, h('span', { style: 'color:' + STATUS_COLOUR[r.status], 'aria-hidden': 'true' }, '■ '), t('loanStatus.' + r.status, {}, r.status)),
      h('td', { class: 'num', 'data-exposure': '' }, money(fromCents(r.exposureCents))),
      h('td', { class: 'num', 'data-arrears': '' }, money(fromCents(r.arrearsCents))),
      h('td', {}, r.alert ? h('span', { class: 'status-bad' }, t('portfolio.hasAlert')) : '—')))));
  return [map.element, table];
}
