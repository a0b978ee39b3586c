// Lender: one loan — its account, schedule with what is paid and past due, payments (repayments and cover payouts),
// disbursement, recording a repayment, and the crop cover linked with the lender as loss payee.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, facts, flash } from '../ui/dom.js';

export async function render(main, { id }) {
  const l = await api.get('/api/v1/lender/loans/' + encodeURIComponent(id));
  const money = v => fmt.money(v, l.currency);
  const base = `/api/v1/lender/loans/${encodeURIComponent(id)}`;
  const act = async (path, body, doneKey) => {
    try {
      await api.post(base + path, body);
      await render(main, { id });
      flash(t(doneKey), true);
    } catch (err) {
      flash(err.message);
    }
  };
  const repay = h('form', { class: 'filters', id: 'repayment', 'aria-label': t('lenderLoan.repay') },
    field({ name: 'amount', label: 'lenderLoan.amount', type: 'number', step: '0.01', min: '0', required: true }),
    field({ name: 'reference', label: 'lenderLoan.reference', required: true }),
    h('div', {}, h('button', { type: 'submit' }, t('lenderLoan.repay'))));
  repay.addEventListener('submit', e => { e.preventDefault(); act('/repayments', values(repay), 'lenderLoan.repaid'); });
  const cover = h('form', { class: 'filters', 'aria-label': t('lenderLoan.linkCover') },
    field({ name: 'coverId', label: 'lenderLoan.coverId', required: true }),
    field({ name: 'insurer', label: 'lenderLoan.insurer', required: true }),
    h('div', {}, h('button', { type: 'submit' }, t('lenderLoan.linkCover'))));
  cover.addEventListener('submit', e => { e.preventDefault(); act('/cover', values(cover), 'lenderLoan.coverLinked'); });
  const schedule = l.schedule || [];
  screen(main, 'lenderLoan.title', { id },
    facts([['lenderLoans.status', h('span', { id: 'loan-status' }, t('loanStatus.' + l.status, {}, l.status))],
      ['fields.id', l.fieldId], ['loans.approved', money(l.approvedAmount)], ['loans.grade', l.grade],
      ['loans.rate', l.annualRatePercent == null ? null : fmt.percent(Number(l.annualRatePercent) / 100, 2)],
      ['portfolio.exposure', money(l.exposure)], ['lenderLoan.paid', money(l.paid)], ['portfolio.arrears', money(l.arrears)],
      ['lenderLoans.daysPastDue', fmt.number(l.daysPastDue)],
      ['lenderLoan.disbursed', l.disbursement ? t('lenderLoan.disbursedOn', { amount: money(l.disbursement.amount), on: fmt.date(l.disbursement.disbursedOn) }) : null],
      ['lenderLoan.cover', l.cover ? t('lenderLoan.coverBy', { cover: l.cover.coverId, insurer: l.cover.insurer }) : null]]),
    l.disbursement ? null : h('button', { type: 'button', id: 'disburse', onclick: () => act('/disbursement', {}, 'lenderLoan.disbursedDone') }, t('lenderLoan.disburse')),
    schedule.length ? h('table', {}, h('caption', {}, t('loans.schedule')),
      h('thead', {}, h('tr', {}, ['loans.due', 'loans.total', 'lenderLoan.paid', 'lenderLoan.outstanding', 'lenderLoans.daysPastDue']
        .map((k, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t(k))))),
      h('tbody', {}, schedule.map(i => h('tr', {}, h('th', { scope: 'row' }, fmt.date(i.dueDate)),
        h('td', { class: 'num' }, money(i.total)), h('td', { class: 'num' }, money(i.paid)),
        h('td', { class: 'num' }, money(i.outstanding)), h('td', { class: 'num' }, fmt.number(i.daysPastDue)))))) : null,
    h('h2', {}, t('lenderLoan.payments')),
    (l.payments || []).length ? h('ul', {}, l.payments.map(p => h('li', {},
      t('lenderLoan.payment', { amount: money(p.amount), on: fmt.date(p.paidOn), source: t('paymentSource.' + p.source, {}, p.source), reference: p.reference }))))
      : h('p', {}, t('lenderLoan.noPayments')),
    l.disbursement ? h('section', {}, h('h2', {}, t('lenderLoan.repay')), repay) : null,
    l.cover ? null : h('section', {}, h('h2', {}, t('lenderLoan.linkCover')), cover));
}
