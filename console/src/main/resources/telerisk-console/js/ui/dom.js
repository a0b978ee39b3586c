// Builds elements without innerHTML: data from the API is always text, never markup.
import { t } from '../i18n.js';

/** h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let ids = 0;
/** A unique id for label/for and aria references. */
export function uid(prefix = 'f') {
  ids += 1;
  return prefix + '-' + ids;
}

/** A labelled form control: {name, label (key), type, options: [[value, labelKey]], value, required, ...}. */
export function field(spec) {
  const id = uid(spec.name);
  let control;
  if (spec.type === 'select') {
    control = h('select', { id, name: spec.name, required: spec.required });
    for (const [value, labelKey] of spec.options) {
      control.append(h('option', { value, selected: String(spec.value ?? '') === String(value) }, labelKey === null ? value : t(labelKey)));
    }
  } else if (spec.type === 'textarea') {
    control = h('textarea', { id, name: spec.name, rows: spec.rows || 12, required: spec.required, spellcheck: 'false' });
    control.value = spec.value ?? '';
  } else {
    control = h('input', { id, name: spec.name, type: spec.type || 'text', required: spec.required, value: spec.value ?? '',
      step: spec.step, min: spec.min, autocomplete: spec.autocomplete || 'off' });
  }
  return h('div', {}, h('label', { for: id }, t(spec.label)), control);
}

/** The form's filled-in fields as an object of trimmed strings (empty fields are left out, as the API expects). */
export function values(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) {
    const value = typeof v === 'string' ? v.trim() : v;
    if (value !== '') out[k] = value;
  }
  return out;
}

/** A description list of [labelKey, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v ?? '—')]));
}

/** Shows a message for everyone (role=alert region at the top); ok=true for a confirmation. */
export function flash(message, ok = false) {
  const el = document.getElementById('flash');
  el.textContent = message;
  el.classList.toggle('ok', ok);
  el.hidden = !message;
}

/** Replaces the content of a region with a screen's heading and body; focus goes to the heading. */
export function screen(main, titleKey, params, ...body) {
  const heading = h('h1', { tabindex: '-1' }, t(titleKey, params));
  main.replaceChildren(heading, ...body);
  document.title = t(titleKey, params) + ' · ' + t('app.name');
  heading.focus();
  return heading;
}
