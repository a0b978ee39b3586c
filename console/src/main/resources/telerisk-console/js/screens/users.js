// Operator: the tenant's users and their roles; create a user with a first password.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, field, values, flash } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';

const ROLES = ['insurer', 'farmer', 'adjuster', 'lender', 'operator'];

export async function render(main) {
  const table = pagedTable({
    caption: 'users.caption',
    columns: [
      { key: 'username', label: 'users.username' },
      { key: 'roles', label: 'users.roles', render: u => u.roles.map(r => t('role.' + r, {}, r)).join(', ') },
      { key: 'createdAt', label: 'users.createdAt', render: u => fmt.dateTime(u.createdAt) }
    ],
    load: (offset, limit) => api.page('/api/v1/users', {}, offset, limit)
  });
  const roleBoxes = h('fieldset', {}, h('legend', {}, t('users.roles')),
    ROLES.map(r => h('label', {}, h('input', { type: 'checkbox', name: 'roles', value: r }), ' ', t('role.' + r))));
  const form = h('form', { class: 'stack', 'aria-label': t('users.create') },
    field({ name: 'username', label: 'users.username', required: true }),
    field({ name: 'password', label: 'auth.password', type: 'password', required: true, autocomplete: 'new-password' }),
    roleBoxes, h('div', {}, h('button', { type: 'submit' }, t('users.create'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const v = values(form);
    const roles = [...form.querySelectorAll('input[name=roles]:checked')].map(c => c.value);
    try {
      await api.post('/api/v1/users', { username: v.username, password: v.password, roles });
      flash(t('users.created', { user: v.username }), true);
      form.reset();
      table.reload();
    } catch (err) {
      flash(err.message);
    }
  });
  screen(main, 'users.title', {}, table.element, h('h2', {}, t('users.create')), form);
  await table.reload();
}
