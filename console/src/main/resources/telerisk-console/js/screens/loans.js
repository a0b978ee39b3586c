// Farmer: apply for a crop loan for a field device and see the decision, its factors in plain words and the schedule.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, facts, flash } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { factorTable } from '../ui/loan-factors.js';

export async function render(main) {
  const detail = h('div', { 'aria-live': 'polite', id: 'loan-detail' });
  const table = pagedTable({
    caption: 'loans.caption',
    columns: [
      { key: 'applicationId', label: 'loans.id', render: l => h('button', { type: 'button', class: 'secondary', onclick: () => show(l, detail) }, l.applicationId) },
      { key: 'fieldId', label: 'fields.id' },
      { key: 'outcome', label: 'loans.outcome', render: l => t('loanOutcome.' + l.outcome, {}, l.outcome) },
      { key: 'amountRequested', label: 'loans.requested', num: true, render: l => fmt.money(l.amountRequested, l.currency) },
      { key: 'approvedAmount', label: 'loans.approved', num: true, render: l => fmt.money(l.approvedAmount, l.currency) },
      { key: 'decidedAt', label: 'loans.decidedAt', render: l => fmt.dateTime(l.decidedAt) }
    ],
    load: (offset, limit) => api.page('/api/v1/agri/loans', {}, offset, limit)
  });
  const form = h('form', { class: 'filters', 'aria-label': t('loans.apply') },
    field({ name: 'deviceId', label: 'fields.device', required: true }),
    field({ name: 'amountRequested', label: 'loans.requested', type: 'number', step: '0.01', min: '0', required: true }),
    field({ name: 'termMonths', label: 'loans.term', type: 'number', min: '1', required: true, value: '9' }),
    field({ name: 'currency', label: 'quote.currency', required: true, value: 'USD' }),
    field({ name: 'purpose', label: 'loans.purpose', required: true }),
    h('div', {}, h('button', { type: 'submit' }, t('loans.apply'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const v = values(form);
    try {
      const d = await api.post('/api/v1/agri/loans', { ...v, termMonths: Number(v.termMonths) });
      flash('');
      show(d, detail);
      table.reload();
    } catch (err) {
      flash(err.message);
    }
  });
  screen(main, 'loans.title', {}, h('h2', {}, t('loans.apply')), form, detail, h('h2', {}, t('loans.mine')), table.element);
  await table.reload();
}

function show(l, detail) {
  detail.replaceChildren(h('section', { class: 'panel' },
    h('h2', { tabindex: '-1' }, t('loans.decision', { id: l.applicationId })),
    facts([['loans.outcome', t('loanOutcome.' + l.outcome, {}, l.outcome)], ['loans.reason', t('loanReason.' + l.reason, {}, l.reason)],
      ['loans.requested', fmt.money(l.amountRequested, l.currency)], ['loans.approved', fmt.money(l.approvedAmount, l.currency)],
      ['loans.limit', fmt.money(l.limit, l.currency)], ['loans.grade', l.grade],
      ['loans.rate', l.annualRatePercent == null ? null : fmt.percent(Number(l.annualRatePercent) / 100, 2)]]),
    factorTable(l.factors, l.currency),
    (l.schedule || []).length ? h('table', {}, h('caption', {}, t('loans.schedule')),
      h('thead', {}, h('tr', {}, ['loans.due', 'loans.principal', 'loans.interest', 'loans.total'].map((k, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t(k))))),
      h('tbody', {}, l.schedule.map(i => h('tr', {}, h('th', { scope: 'row' }, fmt.date(i.dueDate)),
        h('td', { class: 'num' }, fmt.money(i.principal, l.currency)), h('td', { class: 'num' }, fmt.money(i.interest, l.currency)),
        h('td', { class: 'num' }, fmt.money(i.total, l.currency)))))) : null));
  detail.querySelector('h2').focus();
}
