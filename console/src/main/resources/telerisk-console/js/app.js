// The console shell: sign-in, preferences (language, large text), role-based navigation and the hash router.
import * as api from './api.js';
import { t, translate, setLocale, locale } from './i18n.js';
import { ROUTES, match } from './routes.js';
import { h, field, values, screen, flash } from './ui/dom.js';
import { tenantPicker as makeTenantPicker } from './ui/tenant-picker.js';

const main = document.getElementById('main');
const LARGE_TEXT_KEY = 'telerisk.largeText';
// a platform operator's choice of tenant; the operator screens then show that tenant (the API's ?tenant=)
const tenantPicker = makeTenantPicker(document.getElementById('tenant-picker'), () => render());

function applyPreferences() {
  setLocale(locale());
  document.getElementById('locale').value = locale();
  const large = localStorage.getItem(LARGE_TEXT_KEY) === 'true';
  document.documentElement.classList.toggle('large-text', large);
  document.getElementById('large-text').setAttribute('aria-pressed', String(large));
  translate();
  tenantPicker.translate();
}

document.getElementById('locale').addEventListener('change', e => {
  setLocale(e.target.value);
  applyPreferences();
  render();
});
document.getElementById('large-text').addEventListener('click', () => {
  localStorage.setItem(LARGE_TEXT_KEY, String(localStorage.getItem(LARGE_TEXT_KEY) !== 'true'));
  applyPreferences();
  window.dispatchEvent(new Event('resize'));
});
document.getElementById('logout').addEventListener('click', () => {
  api.logout();
  location.hash = '';
  render();
});

function visibleRoutes() {
  return ROUTES.filter(r => r.nav && api.hasRole(...r.roles));
}

/** The first screen of the user's own desk (a route whose first role is one of the user's), else the first it may see. */
function landing() {
  const visible = visibleRoutes();
  return visible.find(r => api.hasRole(r.roles[0])) || visible[0];
}

function renderChrome() {
  const s = api.session();
  const nav = document.getElementById('nav');
  nav.hidden = !s;
  document.getElementById('logout').hidden = !s;
  document.getElementById('who').textContent = s ? t('auth.who', { user: s.username, tenant: s.tenant }) : '';
  tenantPicker.show(!!s && api.hasRole('platform_operator'));
  const current = location.hash.replace(/^#\/?/, '');
  document.getElementById('nav-list').replaceChildren(...(s ? visibleRoutes() : []).map(r =>
    h('li', {}, h('a', { href: '#/' + r.path, 'aria-current': current.startsWith(r.path) ? 'page' : null }, t(r.nav)))));
}

/** The sign-in form; resolves once signed in. Used at start and when a session expires mid-work. */
function signIn(messageKey) {
  return new Promise(resolve => {
    const form = h('form', { class: 'stack', id: 'login' },
      field({ name: 'username', label: 'auth.username', required: true, autocomplete: 'username' }),
      field({ name: 'password', label: 'auth.password', type: 'password', required: true, autocomplete: 'current-password' }),
      h('div', {}, h('button', { type: 'submit' }, t('auth.signIn'))));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const v = values(form);
      try {
        await api.login(v.username, v.password);
        flash('');
        resolve();
      } catch (err) {
        flash(err.message);
      }
    });
    screen(main, 'auth.title', {}, messageKey ? h('p', {}, t(messageKey)) : null, form);
    renderChrome();
  });
}

api.whenSessionExpires(resume => {
  signIn('auth.expired').then(() => {
    renderChrome();
    resume(api.session());
  });
});

async function render() {
  flash('');
  if (!api.session()) {
    await signIn();
    return render();
  }
  renderChrome();
  const m = match(location.hash);
  if (!m) {
    const first = landing();
    if (first) {
      location.replace('#/' + first.path);
      return;
    }
    screen(main, 'app.noScreens', {});
    return rendered('');
  }
  if (!api.hasRole(...m.route.roles)) {
    screen(main, 'app.notAllowed', {}, h('p', {}, t('app.notAllowedDetail')));
    return rendered(m.route.path);
  }
  main.setAttribute('aria-busy', 'true');
  try {
    const mod = await m.route.load();
    await mod.render(main, m.params);
  } catch (e) {
    screen(main, 'app.failed', {}, h('p', { class: 'problems' }, e.message));
  } finally {
    main.removeAttribute('aria-busy');
    rendered(m.route.path);
  }
}

/** Marks the screen as shown; the browser tests read it, with the time since navigation start (first render). */
function rendered(path) {
  const now = performance.now();
  window.__telerisk = { screen: path, hash: location.hash, firstRenderMs: window.__teleriskFirst ??= now };
}

window.addEventListener('hashchange', render);
applyPreferences();
render();
