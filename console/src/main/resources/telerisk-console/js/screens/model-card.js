// Insurer: the card of the risk model behind the telematicsScore rating variable, as the hub reads it from the
// model's own model-card.json (GET /pricing/score-model): what it reads, how it was trained and on what data, how it
// ranks on held-out drivers against the GLM baseline, what it is for and its limits. Nothing here is written in the
// console, so the screen cannot drift from the model that prices.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, facts } from '../ui/dom.js';
import { link } from '../routes.js';

export async function render(main) {
  const m = await api.get('/api/v1/pricing/score-model');
  const c = m.card;
  screen(main, 'modelCard.title', {},
    h('p', {}, h('a', { href: link('insurer/quote') }, t('modelCard.backToQuote'))),
    facts([
      ['modelCard.name', h('span', { id: 'model-name' }, c.name)],
      ['modelCard.recordedAs', h('code', { id: 'model-recorded' }, m.model)],
      ['modelCard.variable', h('code', {}, m.variable)],
      ['modelCard.created', fmt.dateTime(c.createdAt)],
      ['modelCard.origin', t(m.bundled ? 'modelCard.bundled' : 'modelCard.configured')],
      ['modelCard.state', t('modelCard.state.' + m.state, {}, m.state)],
      ['modelCard.framework', c.framework],
      ['modelCard.architecture', c.architecture],
      ['modelCard.score', c.scoreDefinition],
      ['modelCard.meanRate', fmt.number(c.meanRate, 4)]
    ]),
    h('h2', {}, t('modelCard.features')),
    h('ul', { id: 'model-features' }, c.features.map(f => h('li', {}, h('code', {}, f)))),
    h('h2', {}, t('modelCard.metrics')),
    h('table', { id: 'model-metrics' }, h('caption', {}, t('modelCard.metricsCaption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('modelCard.metric')), h('th', { scope: 'col', class: 'num' }, t('modelCard.value')))),
      h('tbody', {}, Object.entries(c.heldOutMetrics).map(([k, v]) => h('tr', { 'data-metric': k },
        h('th', { scope: 'row' }, h('code', {}, k)), h('td', { class: 'num' }, fmt.number(v, 4)))))),
    h('div', { class: 'grid2' }, keyValues('modelCard.training', c.training, 'model-training'), keyValues('modelCard.data', c.data, 'model-data')),
    h('h2', {}, t('modelCard.intendedUse')), h('p', {}, c.intendedUse),
    h('h2', {}, t('modelCard.limitations')),
    h('ul', { id: 'model-limitations' }, c.limitations.map(l => h('li', {}, l))));
}

function keyValues(titleKey, object, id) {
  return h('section', {}, h('h2', {}, t(titleKey)), h('table', { id }, h('caption', { class: 'visually-hidden' }, t(titleKey)),
    h('tbody', {}, Object.entries(object || {}).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k),
      h('td', {}, typeof v === 'number' ? fmt.number(v) : String(v)))))));
}
