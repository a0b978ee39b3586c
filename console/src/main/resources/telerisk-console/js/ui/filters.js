// The filter bar: labelled fields above a list; applying it reloads the list from the server with those values.
import { h, field, values } from './dom.js';
import { t } from '../i18n.js';

/** fields: specs for dom.field; onApply(values) is called on submit and once at start. */
export function filterBar(fields, onApply, labelKey = 'filters.label') {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t(labelKey) },
    fields.map(field),
    h('div', {}, h('button', { type: 'submit' }, t('filters.apply'))));
  form.addEventListener('submit', e => {
    e.preventDefault();
    onApply(values(form));
  });
  return { element: form, values: () => values(form) };
}
