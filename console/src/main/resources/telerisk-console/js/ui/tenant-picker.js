// The platform operator's tenant picker in the header: which tenant its operator screens show (devices, dead
// letters, users...). The choice goes to the API as ?tenant= (api.js adds it on the operator APIs only); the API is
// what allows it, to platform operators alone. Anyone else never sees the picker.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h } from './dom.js';

/** Mounts the picker in `container`; `onChange` re-renders the screen for the chosen tenant. Returns {show, translate}. */
export function tenantPicker(container, onChange) {
  const select = h('select', { id: 'tenant' });
  const label = h('label', { for: 'tenant' }, t('tenant.label'));
  container.replaceChildren(label, select);
  let tenants = null;
  let loading = null;

  select.addEventListener('change', () => {
    api.actFor(select.value);
    onChange();
  });

  function fill() {
    const own = api.session().tenant;
    const chosen = api.actingTenant();
    select.replaceChildren(...(tenants || [own]).map(id => h('option', { value: id },
      id === own ? t('tenant.own', { tenant: id }) : id)));
    select.value = chosen;
  }

  async function load() {
    try {
      // the platform's tenants are few (one per insurer, lender or co-operative); the list is read once per sign-in
      tenants = (await api.pageAll('/api/v1/tenants', {}, 100, 1000)).items.map(x => x.tenant);
    } catch (e) {
      tenants = null;
    }
    fill();
  }

  return {
    show(visible) {
      container.hidden = !visible;
      if (!visible) {
        tenants = null;
        loading = null;
        return;
      }
      fill();
      loading ??= load();
    },
    translate() {
      label.textContent = t('tenant.label');
      if (!container.hidden) fill();
    }
  };
}
