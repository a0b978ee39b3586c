// Farmer: my alerts — each of my fields' own in-season alerts (NDVI anomaly, water stress, no clear observation),
// financed or not, from the field's alerts API, in plain words with the value and the threshold that raised them.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { link } from '../routes.js';

/** A farmer has a handful of fields: their alerts are asked for together, a few at a time. */
const PARALLEL = 4;

export async function render(main) {
  const fields = (await api.pageAll('/api/v1/agri/fields', {})).items;
  const answers = await fieldAlerts(fields);
  const alerts = answers.flatMap(a => (a.items || []).map(x => ({ ...x, fieldId: a.fieldId })));
  const asOf = answers.length ? answers[0].asOf : null;
  const withAlerts = new Set(alerts.map(a => a.fieldId)).size;
  screen(main, 'alerts.title', {}, h('p', {}, t('alerts.intro')),
    h('p', { role: 'status', id: 'alerts-count' }, alerts.length
      ? t('alerts.count', { count: fmt.number(alerts.length), fields: fmt.number(withAlerts) }) : t('alerts.none')),
    alerts.length ? h('table', { id: 'alerts' }, h('caption', {}, t('alerts.caption', { asOf: fmt.date(asOf) })),
      h('thead', {}, h('tr', {}, ['alerts.field', 'alerts.kind', 'alerts.what'].map(k => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, alerts.map(a => h('tr', { 'data-field': a.fieldId, 'data-kind': a.kind },
        h('th', { scope: 'row' }, h('a', { href: link('farmer/fields/:id', { id: a.fieldId }) }, a.fieldId)),
        h('td', {}, h('span', { class: 'status-bad' }, t('alert.' + a.kind, {}, a.kind))),
        h('td', {}, alertWords(a)))))) : null);
}

/** The alert in the user's words: z-scores with two decimals, day counts as whole numbers. */
export function alertWords(a) {
  const digits = a.kind === 'NDVI_ANOMALY' ? 2 : 0;
  return t('alertText.' + a.kind, { value: fmt.number(a.value, digits), threshold: fmt.number(a.threshold, digits) }, null) ?? a.message;
}

/** Each field's own alerts answer ({fieldId, asOf, items}), asked a few fields at a time. */
export async function fieldAlerts(fields) {
  const answers = [];
  for (let i = 0; i < fields.length; i += PARALLEL) {
    answers.push(...await Promise.all(fields.slice(i, i + PARALLEL).map(f =>
      api.get(`/api/v1/agri/fields/${encodeURIComponent(f.fieldId)}/alerts`))));
  }
  return answers;
}
