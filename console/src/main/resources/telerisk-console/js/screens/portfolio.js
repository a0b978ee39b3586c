// Lender: the loan book today — exposure, arrears, expected loss, loans by status, and loans on fields with alerts.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { bars } from '../ui/chart.js';
import { link } from '../routes.js';

export async function render(main) {
  const p = await api.get('/api/v1/lender/portfolio');
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
    h('h2', {}, t('portfolio.alerted')),
    alerted.length ? h('table', {}, h('caption', { class: 'visually-hidden' }, t('portfolio.alerted')),
      h('thead', {}, h('tr', {}, ['loans.id', 'fields.id', 'portfolio.exposure', 'portfolio.alerts'].map((k, i) => h('th', { scope: 'col', class: i === 2 ? 'num' : null }, t(k))))),
      h('tbody', {}, alerted.map(a => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: link('lender/loans/:id', { id: a.applicationId }) }, a.applicationId)),
        h('td', {}, a.fieldId), h('td', { class: 'num' }, money(a.exposure)),
        h('td', {}, a.alerts.map(x => t('alert.' + x.kind, {}, x.kind)).join(', '))))))
      : h('p', {}, t('portfolio.noAlerted')));
}
