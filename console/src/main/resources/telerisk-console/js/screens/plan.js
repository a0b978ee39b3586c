// Insurer: one plan — its versions with the four-eyes lifecycle (approve by a second insurer, activate, retire),
// a JSON editor that validates on the server before saving, and a line diff between two versions.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, flash } from '../ui/dom.js';
import { link } from '../routes.js';
import { liveCheck } from './plan-check.js';

export async function render(main, { id }) {
  const isNew = id === 'new';
  const versions = isNew ? [] : (await api.get(`/api/v1/pricing/plans/${encodeURIComponent(id)}/versions`)).items;
  const me = api.session().username;
  const latest = versions[versions.length - 1];
  const table = h('table', {},
    h('caption', {}, t('plan.versionsCaption')),
    h('thead', {}, h('tr', {}, ['plan.version', 'plan.status', 'plan.effectiveFrom', 'plan.author', 'plan.approver', 'plan.actions']
      .map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, versions.map(v => h('tr', { 'data-version': v.version },
      h('th', { scope: 'row' }, String(v.version)),
      h('td', { 'data-status': v.status }, t('planStatus.' + v.status, {}, v.status)),
      h('td', {}, fmt.date(v.effectiveFrom)),
      h('td', {}, v.author), h('td', {}, v.approver || '—'),
      h('td', {}, actions(id, v, me))))));

  const editor = field({ name: 'document', label: 'plan.document', type: 'textarea', rows: 18,
    value: latest ? JSON.stringify(asNextDraft(latest), null, 2) : '' });
  const problems = h('div', { 'aria-live': 'polite', id: 'plan-problems' });
  const check = liveCheck(editor.querySelector('textarea'));
  const form = h('form', { class: 'stack wide', 'aria-label': t('plan.editor') }, editor, check.element,
    h('div', {}, h('button', { type: 'submit' }, t('plan.saveDraft'))), problems);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    let doc;
    try {
      doc = JSON.parse(values(form).document);
    } catch (err) {
      problems.replaceChildren(h('p', { class: 'problems' }, t('plan.notJson', { detail: err.message })));
      return;
    }
    try {
      const saved = await api.post('/api/v1/pricing/plans', doc);
      problems.replaceChildren();
      flash(t('plan.saved', { id: saved.planId, version: saved.version }), true);
      if (isNew || saved.planId !== id) location.hash = link('insurer/plans/:id', { id: saved.planId });
      else await render(main, { id });
    } catch (err) {
      const list = err.problem.problems || err.problem.errors;
      problems.replaceChildren(h('p', { class: 'problems' }, err.message),
        Array.isArray(list) ? h('ul', { class: 'problems' }, list.map(p => h('li', {}, typeof p === 'string' ? p : JSON.stringify(p)))) : null);
    }
  });

  const parts = [];
  if (!isNew) parts.push(table);
  if (versions.length > 1) parts.push(diffPanel(versions));
  parts.push(h('h2', {}, t(isNew ? 'plan.newDraft' : 'plan.editor')), form);
  screen(main, isNew ? 'plan.newTitle' : 'plan.title', { id }, ...parts);
  check.now(); // not awaited: the page is usable while the server checks the document
}

function actions(id, v, me) {
  const out = [];
  const act = (verb, labelKey, body) => h('button', { type: 'button', class: 'secondary', 'data-action': verb,
    'aria-label': t(labelKey + 'Version', { version: v.version }),
    onclick: () => lifecycle(id, verb, { version: v.version, ...body() }) }, t(labelKey));
  if (v.status === 'DRAFT') {
    out.push(h('button', { type: 'button', class: 'secondary', 'data-action': 'validate',
      'aria-label': t('plan.validateVersion', { version: v.version }), onclick: () => validate(id, v.version) }, t('plan.validate')));
    if (v.author !== me) out.push(' ', act('approve', 'plan.approve', () => ({})));
    else out.push(' ', h('span', { class: 'muted' }, t('plan.awaitingSecond')));
  }
  if (v.status === 'APPROVED') out.push(act('activate', 'plan.activate', () => ({})));
  if (v.status === 'ACTIVE') out.push(act('retire', 'plan.retire', () => ({ retiredOn: new Date().toISOString().slice(0, 10) })));
  return out;
}

async function lifecycle(id, verb, body) {
  try {
    await api.post(`/api/v1/pricing/plans/${encodeURIComponent(id)}/${verb}`, body);
    await render(document.getElementById('main'), { id });
    flash(t('plan.done.' + verb, { version: body.version }), true);
  } catch (err) {
    flash(err.message);
  }
}

async function validate(id, version) {
  try {
    const r = await api.post(`/api/v1/pricing/plans/${encodeURIComponent(id)}/validate`, { version });
    const box = document.getElementById('plan-problems');
    box.replaceChildren(r.valid ? h('p', { class: 'status-ok' }, t('plan.valid', { version }))
      : h('div', {}, h('p', { class: 'problems' }, t('plan.invalid', { version })), h('ul', { class: 'problems' }, r.problems.map(p => h('li', {}, p)))));
    box.scrollIntoView();
  } catch (err) {
    flash(err.message);
  }
}

/** The latest version's document as the draft to save: the same version while it is a draft, else the next one. */
function asNextDraft(latest) {
  return { ...latest.document, version: latest.status === 'DRAFT' ? latest.version : latest.version + 1 };
}

/** Line diff (longest common subsequence) between the pretty-printed documents of two versions. */
function diffPanel(versions) {
  const opts = versions.map(v => [String(v.version), null]);
  const from = field({ name: 'from', label: 'plan.diffFrom', type: 'select', options: opts, value: String(versions[versions.length - 2].version) });
  const to = field({ name: 'to', label: 'plan.diffTo', type: 'select', options: opts, value: String(versions[versions.length - 1].version) });
  const out = h('pre', { class: 'panel', id: 'plan-diff' });
  const form = h('form', { class: 'filters', 'aria-label': t('plan.diff') }, from, to, h('div', {}, h('button', { type: 'submit' }, t('plan.showDiff'))));
  const show = () => {
    const v = values(form);
    const a = JSON.stringify(versions.find(x => String(x.version) === v.from).document, null, 2).split('\n');
    const b = JSON.stringify(versions.find(x => String(x.version) === v.to).document, null, 2).split('\n');
    out.replaceChildren(...diff(a, b).map(([op, line]) => h(op === '+' ? 'ins' : op === '-' ? 'del' : 'span', {}, op + ' ' + line + '\n')));
  };
  form.addEventListener('submit', e => { e.preventDefault(); show(); });
  setTimeout(show);
  return h('section', {}, h('h2', {}, t('plan.diff')), form, out);
}

function diff(a, b) {
  const n = a.length, m = b.length;
  const L = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const out = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (L[i + 1][j] >= L[i][j + 1]) out.push(['-', a[i++]]);
    else out.push(['+', b[j++]]);
  }
  while (i < n) out.push(['-', a[i++]]);
  while (j < m) out.push(['+', b[j++]]);
  return out;
}
