// Lender (credit officer): the referral queue, oldest first, and the decision on one referral with a reason code;
// approvals above the four-eyes threshold wait for a second officer.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, facts, flash } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';

const APPROVE_REASONS = ['FIELD_VERIFIED', 'REPAYMENT_HISTORY', 'ADDITIONAL_SECURITY', 'CROP_COVER'];
const DECLINE_REASONS = ['INSUFFICIENT_EVIDENCE', 'POOR_CROP_CONDITION', 'OVER_INDEBTED', 'DATA_INCONSISTENT'];

export async function render(main) {
  const panel = h('div', { id: 'referral-panel' });
  const table = pagedTable({
    caption: 'referrals.caption',
    columns: [
      { key: 'applicationId', label: 'loans.id', render: r => h('button', { type: 'button', class: 'secondary',
        onclick: () => decide(r, panel, table) }, r.applicationId) },
      { key: 'fieldId', label: 'fields.id' },
      { key: 'amountRequested', label: 'loans.requested', num: true, render: r => fmt.money(r.amountRequested, r.currency) },
      { key: 'limit', label: 'loans.limit', num: true, render: r => fmt.money(r.limit, r.currency) },
      { key: 'grade', label: 'loans.grade' },
      { key: 'reason', label: 'loans.reason', render: r => t('loanReason.' + r.reason, {}, r.reason) },
      { key: 'pendingReview', label: 'referrals.pending', render: r => r.pendingReview
        ? t('referrals.proposedBy', { officer: r.pendingReview.proposedBy, verdict: t('verdict.' + r.pendingReview.verdict) }) : '—' }
    ],
    load: (offset, limit) => api.page('/api/v1/lender/referrals', {}, offset, limit)
  });
  screen(main, 'referrals.title', {}, table.element, panel);
  await table.reload();
}

function decide(r, panel, table) {
  const reasons = h('select', { id: 'referral-reason', name: 'reasonCode', required: true });
  const verdict = field({ name: 'verdict', label: 'referrals.verdict', type: 'select', required: true,
    options: [['APPROVE', 'verdict.APPROVE'], ['DECLINE', 'verdict.DECLINE']] });
  const fill = v => reasons.replaceChildren(...(v === 'APPROVE' ? APPROVE_REASONS : DECLINE_REASONS)
    .map(code => h('option', { value: code }, t('referralReason.' + code))));
  verdict.querySelector('select').addEventListener('change', e => fill(e.target.value));
  fill('APPROVE');
  const form = h('form', { class: 'stack', id: 'referral-decision', 'aria-label': t('referrals.decide') }, verdict,
    h('div', {}, h('label', { for: 'referral-reason' }, t('decision.reason')), reasons),
    field({ name: 'amount', label: 'referrals.amount', type: 'number', step: '0.01', min: '0' }),
    field({ name: 'note', label: 'referrals.note' }),
    h('div', {}, h('button', { type: 'submit' }, t('referrals.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const v = values(form);
    try {
      const res = await api.post(`/api/v1/lender/referrals/${encodeURIComponent(r.applicationId)}/decision`, v);
      flash(t(res.status === 'DECIDED' ? 'referrals.decided' : 'referrals.awaitingSecond', { id: r.applicationId }), true);
      panel.replaceChildren();
      table.reload();
    } catch (err) {
      flash(err.message);
    }
  });
  panel.replaceChildren(h('section', { class: 'panel' }, h('h2', { tabindex: '-1' }, t('referrals.decideOn', { id: r.applicationId })),
    facts([['loans.requested', fmt.money(r.amountRequested, r.currency)], ['loans.limit', fmt.money(r.limit, r.currency)],
      ['referrals.fourEyesAbove', fmt.money(r.fourEyesAbove, r.currency)]]),
    h('h3', {}, t('loans.factors')), h('ul', {}, (r.factors || []).map(f => h('li', {}, f.text || f.note || f.code || f.name))),
    form));
  panel.querySelector('h2').focus();
}
