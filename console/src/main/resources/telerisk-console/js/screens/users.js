// Operator: the tenant's users and their roles; create a user, and manage one: disable or enable it, reset its
// password (a new one generated here and shown once) and change its roles. Each change ends the user's tokens on
// every hub (the API's user lifecycle), so a disabled user is signed out at once. Only a platform operator is offered
// the platform operator role (the API refuses it to anyone else, and refuses changes to a platform operator's account).
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, facts, flash } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';

const TENANT_ROLES = ['insurer', 'farmer', 'adjuster', 'lender', 'operator'];

/** The roles this operator may grant. */
function grantable() {
  return api.hasRole('platform_operator') ? [...TENANT_ROLES, 'platform_operator'] : TENANT_ROLES;
}
/** No 0/O, 1/l/I: the operator reads the password out or types it elsewhere. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PASSWORD_LENGTH = 16;

export async function render(main) {
  const panel = h('div', { id: 'user-panel' });
  const table = pagedTable({
    caption: 'users.caption',
    columns: [
      { key: 'username', label: 'users.username', render: u => h('button', { type: 'button', class: 'secondary',
        'aria-label': t('users.manageUser', { user: u.username }), onclick: () => manage(u.username, panel, table) }, u.username) },
      { key: 'roles', label: 'users.roles', render: roleNames },
      { key: 'disabled', label: 'users.state', render: stateBadge },
      { key: 'createdAt', label: 'users.createdAt', render: u => fmt.dateTime(u.createdAt) }
    ],
    load: (offset, limit) => api.page('/api/v1/users', {}, offset, limit)
  });
  const form = h('form', { class: 'stack', 'aria-label': t('users.create') },
    field({ name: 'username', label: 'users.username', required: true }),
    field({ name: 'password', label: 'auth.password', type: 'password', required: true, autocomplete: 'new-password' }),
    roleBoxes('users.roles', []), h('div', {}, h('button', { type: 'submit' }, t('users.create'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const v = values(form);
    try {
      await api.post('/api/v1/users', { username: v.username, password: v.password, roles: checkedRoles(form) });
      flash(t('users.created', { user: v.username }), true);
      form.reset();
      table.reload();
    } catch (err) {
      flash(err.message);
    }
  });
  screen(main, 'users.title', {}, table.element, panel, h('h2', {}, t('users.create')), form);
  await table.reload();
}

function roleNames(u) {
  return u.roles.map(r => t('role.' + r, {}, r)).join(', ');
}

function stateBadge(u) {
  return u.disabled ? h('span', { class: 'status-bad' }, t('users.disabled')) : h('span', { class: 'status-ok' }, t('users.active'));
}

function roleBoxes(legendKey, selected) {
  return h('fieldset', {}, h('legend', {}, t(legendKey)),
    grantable().map(r => h('label', {}, h('input', { type: 'checkbox', name: 'roles', value: r, checked: selected.includes(r) }), ' ', t('role.' + r))));
}

function checkedRoles(form) {
  return [...form.querySelectorAll('input[name=roles]:checked')].map(c => c.value);
}

/** A password the browser draws from its cryptographic generator; the hub stores only its hash. */
function newPassword() {
  const bytes = crypto.getRandomValues(new Uint32Array(PASSWORD_LENGTH));
  return [...bytes].map(b => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
}

/** The management panel of one user, read fresh from the API (another operator may have changed it). */
async function manage(username, panel, table) {
  const path = '/api/v1/users/' + encodeURIComponent(username);
  let u;
  try {
    u = await api.get(path);
  } catch (err) {
    flash(err.message);
    return;
  }
  // announce once the panel shows the new state: a message read out (or a test acting on it) before the
  // re-render would point at buttons that are about to be replaced
  const done = async (message, focusId) => {
    await table.reload();
    await manage(username, panel, table);
    flash(message, true);
    if (focusId) document.getElementById(focusId)?.focus();
  };
  const toggle = h('button', { type: 'button', id: 'user-toggle', class: u.disabled ? null : 'danger', onclick: async () => {
    try {
      await api.post(path + (u.disabled ? '/enable' : '/disable'), {});
      await done(t(u.disabled ? 'users.enabled' : 'users.disabledDone', { user: username }), 'user-toggle');
    } catch (err) {
      flash(err.message);
    }
  } }, t(u.disabled ? 'users.enable' : 'users.disable'));
  const secret = h('div', { 'aria-live': 'polite' });
  const reset = h('button', { type: 'button', id: 'user-reset', class: 'secondary', onclick: async () => {
    const password = newPassword();
    try {
      await api.post(path + '/password', { password });
      flash(t('users.passwordReset', { user: username }), true);
      secret.replaceChildren(h('section', { class: 'panel' },
        h('h3', { tabindex: '-1' }, t('users.newPasswordFor', { user: username })),
        h('p', {}, t('users.shownOnce')),
        h('p', {}, h('code', { class: 'secret', 'data-password': '' }, password))));
      secret.querySelector('h3').focus();
    } catch (err) {
      flash(err.message);
    }
  } }, t('users.resetPassword'));
  const rolesForm = h('form', { class: 'stack', id: 'user-roles', 'aria-label': t('users.changeRoles') },
    roleBoxes('users.roles', u.roles), h('div', {}, h('button', { type: 'submit' }, t('users.saveRoles'))));
  rolesForm.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api.put(path + '/roles', { roles: checkedRoles(rolesForm) });
      await done(t('users.rolesSaved', { user: username }));
    } catch (err) {
      flash(err.message);
    }
  });
  panel.replaceChildren(h('section', { class: 'panel', 'aria-labelledby': 'user-panel-title' },
    h('h2', { id: 'user-panel-title', tabindex: '-1' }, t('users.manage', { user: username })),
    facts([['users.roles', roleNames(u)], ['users.state', stateBadge(u)], ['users.createdAt', fmt.dateTime(u.createdAt)]]),
    h('p', {}, t('users.endsTokens')),
    h('div', { class: 'actions' }, toggle, reset), secret,
    h('h3', {}, t('users.changeRoles')), rolesForm));
  panel.querySelector('h2').focus();
}
