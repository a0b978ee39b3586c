// Insurer: the plan editor's inline check. While the insurer edits, the document is checked on the server without
// being saved (POST /pricing/plans/validate: every problem in one pass, then the plan's own test cases), debounced so
// typing does not send a request per key; the answer is shown next to the editor with each problem's JSON path.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h } from '../ui/dom.js';

/** How long the editor must be still before the document is checked. */
const DEBOUNCE_MS = 600;

/** Checks textarea's document as it changes; returns { element, now(): Promise } (now checks at once). */
export function liveCheck(textarea) {
  const element = h('section', { class: 'panel', id: 'plan-check', 'aria-live': 'polite', 'aria-label': t('planCheck.title') },
    h('p', { class: 'muted' }, t('planCheck.idle')));
  let timer = null;
  let latest = 0;

  async function now() {
    clearTimeout(timer);
    const asked = ++latest;
    const text = textarea.value;
    if (!text.trim()) {
      element.replaceChildren(h('p', { class: 'muted' }, t('planCheck.idle')));
      return;
    }
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      element.replaceChildren(h('h3', {}, t('planCheck.title')), h('p', { class: 'problems', 'data-check': 'invalid' }, t('plan.notJson', { detail: err.message })));
      return;
    }
    element.dataset.checking = 'true';
    try {
      const r = await api.post('/api/v1/pricing/plans/validate', doc);
      if (asked === latest) element.replaceChildren(...show(r));
    } catch (err) {
      if (asked === latest) element.replaceChildren(h('p', { class: 'problems' }, err.message));
    } finally {
      if (asked === latest) delete element.dataset.checking;
    }
  }

  textarea.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(now, DEBOUNCE_MS);
  });
  return { element, now };
}

function show(r) {
  const out = [h('h3', {}, t('planCheck.title'))];
  if (r.valid) out.push(h('p', { class: 'status-ok', 'data-check': 'valid' }, t('planCheck.valid', { count: fmt.number(r.tests.length) })));
  else {
    out.push(h('p', { class: 'problems', 'data-check': 'invalid' }, t('planCheck.problems', { count: fmt.number(r.problems.length) })),
      h('ul', { class: 'problems check-problems', id: 'plan-check-problems' }, r.problems.map(problem)));
  }
  if (r.tests.length) {
    out.push(h('table', { id: 'plan-check-tests' }, h('caption', {}, t('planCheck.tests')),
      h('thead', {}, h('tr', {}, ['planCheck.test', 'planCheck.result', 'planCheck.expected', 'planCheck.actual', 'planCheck.message']
        .map((k, i) => h('th', { scope: 'col', class: i === 2 || i === 3 ? 'num' : null }, t(k))))),
      h('tbody', {}, r.tests.map(c => h('tr', { 'data-passed': String(c.passed) },
        h('th', { scope: 'row' }, c.name),
        h('td', { class: c.passed ? 'status-ok' : 'status-bad' }, t(c.passed ? 'planCheck.passed' : 'planCheck.failed')),
        h('td', { class: 'num' }, c.expected === null ? '—' : fmt.number(c.expected, 2)),
        h('td', { class: 'num' }, c.actual === null ? '—' : fmt.number(c.actual, 2)),
        h('td', {}, c.message || ''))))));
  } else if (r.valid) {
    out.push(h('p', { class: 'status-warn' }, t('planCheck.noTests')));
  }
  if (r.approvalBlockers.length) {
    out.push(h('h4', {}, t('planCheck.blockers')), h('ul', { class: 'problems', id: 'plan-check-blockers' }, r.approvalBlockers.map(b => h('li', {}, b))));
  }
  return out;
}

/** '$.factors[0].bands[1]: gap between 21 and 22' as its path (code) and its message. */
function problem(text) {
  const m = /^(\$[^:\s]*):\s*(.*)$/s.exec(text);
  if (!m) return h('li', {}, text);
  return h('li', { 'data-path': m[1] }, h('code', { class: 'path' }, m[1]), ' ', m[2]);
}
