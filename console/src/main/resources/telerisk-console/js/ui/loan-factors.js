// A loan decision's factors in plain words, in the user's language, from the API's structured factors
// ({code, value, threshold, effect, points, text}): each code has a sentence per locale with its value and threshold
// formatted as money, a share, a number or a date. A code this console does not know yet shows the server's text.
import { h } from './dom.js';
import { t, fmt } from '../i18n.js';

const MONEY = v => c => fmt.money(v, c);
/** How each code's value and threshold are written: money, a share of 1 as a percentage, a number, a date. */
const FORMATS = {
  amount_requested: { value: 'money' }, existing_principal: { value: 'money' }, credit_limit: { value: 'money' },
  revenue_estimate: { value: 'money' }, amount_above_limit: { value: 'money', threshold: 'money' },
  water_stress_share: { value: 'percent', threshold: 'percent' }, loan_to_revenue: { value: 'percent', threshold: 'percent' },
  yield_uncertainty: { value: 'percent', threshold: 'percent' },
  ndvi_anomaly_z: { value: 'number2', threshold: 'number2' }, yield_estimate_t_per_ha: { value: 'number2' },
  days_since_clear_observation: { value: 'integer', threshold: 'integer' },
  season: { value: 'date', threshold: 'date' }, term: { value: 'integer', threshold: 'date' },
  credit_officer: { value: 'referralReason' }
};

function format(kind, v, currency) {
  if (v === null || v === undefined) return '';
  switch (kind) {
    case 'money': return MONEY(v)(currency);
    case 'percent': return fmt.percent(Number(v), 0);
    case 'number2': return fmt.number(v, 2);
    case 'integer': return fmt.number(v, 0);
    case 'date': return fmt.date(v);
    case 'referralReason': return t('referralReason.' + v, {}, v);
    default: return v;
  }
}

/** The sentence for one factor: 'factor.{code}.{effect}', then 'factor.{code}.none' for "no data", then 'factor.{code}'. */
export function factorWords(f, currency) {
  const spec = FORMATS[f.code] || {};
  const params = { value: format(spec.value, f.value, currency), threshold: format(spec.threshold, f.threshold, currency),
    points: fmt.number(f.points, 0) };
  const key = 'factor.' + f.code;
  return t(key + '.' + f.effect, params, null)
    ?? (f.value === 'none' ? t(key + '.none', params, null) : null)
    ?? t(key, params, null)
    ?? f.text;
}

/** What the factor did to the decision, e.g. "2 risk points". */
export function factorEffect(f) {
  return t('factorEffect.' + f.effect, { points: fmt.number(f.points, 0) }, f.effect);
}

/** The factors as a table: one row per factor, the sentence and its effect. */
export function factorTable(factors, currency) {
  return h('table', { class: 'factors' }, h('caption', {}, t('loans.factors')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('loans.factor')), h('th', { scope: 'col' }, t('loans.effect')))),
    h('tbody', {}, (factors || []).map(f => h('tr', { 'data-factor': f.code, 'data-effect': f.effect },
      h('td', {}, factorWords(f, currency)),
      h('td', { class: f.effect === 'DECLINE' ? 'status-bad' : f.effect === 'REFER' ? 'status-warn' : null }, factorEffect(f))))));
}
