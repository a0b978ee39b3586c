// Every screen, who may see it, and where it lives. Navigation shows a user only the screens of their roles;
// the API enforces the same roles and the tenant, so hiding a link is convenience, not security.
export const ROUTES = [
  { path: 'operator/ingest', roles: ['operator', 'platform_operator'], nav: 'nav.ingest', load: () => import('./screens/ingest.js') },
  { path: 'operator/fleet', roles: ['operator', 'platform_operator'], nav: 'nav.fleet', load: () => import('./screens/fleet.js') },
  { path: 'operator/devices', roles: ['operator', 'platform_operator'], nav: 'nav.devices', load: () => import('./screens/devices.js') },
  { path: 'operator/dead-letters', roles: ['operator', 'platform_operator'], nav: 'nav.deadLetters', load: () => import('./screens/dead-letters.js') },
  { path: 'operator/location-access', roles: ['operator', 'platform_operator'], nav: 'nav.locationAccess', load: () => import('./screens/location-access.js') },
  { path: 'operator/users', roles: ['operator', 'platform_operator'], nav: 'nav.users', load: () => import('./screens/users.js') },
  { path: 'adjuster/queue', roles: ['adjuster'], nav: 'nav.claimQueue', load: () => import('./screens/claim-queue.js') },
  { path: 'adjuster/claims/:id', roles: ['adjuster', 'insurer'], load: () => import('./screens/claim.js') },
  { path: 'adjuster/search', roles: ['adjuster', 'insurer'], nav: 'nav.claimSearch', load: () => import('./screens/claim-search.js') },
  { path: 'adjuster/ledger', roles: ['adjuster', 'operator'], nav: 'nav.ledger', load: () => import('./screens/ledger.js') },
  { path: 'insurer/plans', roles: ['insurer'], nav: 'nav.plans', load: () => import('./screens/plans.js') },
  { path: 'insurer/plans/:id', roles: ['insurer'], load: () => import('./screens/plan.js') },
  { path: 'insurer/inbox', roles: ['insurer'], nav: 'nav.inbox', load: () => import('./screens/inbox.js') },
  { path: 'insurer/impact', roles: ['insurer'], nav: 'nav.impact', load: () => import('./screens/impact.js') },
  { path: 'insurer/impact/:id', roles: ['insurer'], load: () => import('./screens/impact.js') },
  { path: 'insurer/quote', roles: ['insurer'], nav: 'nav.quote', load: () => import('./screens/quote.js') },
  { path: 'insurer/score-model', roles: ['insurer'], load: () => import('./screens/model-card.js') },
  { path: 'farmer/fields', roles: ['farmer'], nav: 'nav.fields', load: () => import('./screens/fields.js') },
  { path: 'farmer/fields/:id', roles: ['farmer'], load: () => import('./screens/field.js') },
  { path: 'farmer/loans', roles: ['farmer'], nav: 'nav.loans', load: () => import('./screens/loans.js') },
  { path: 'farmer/alerts', roles: ['farmer'], nav: 'nav.alerts', load: () => import('./screens/alerts.js') },
  { path: 'lender/referrals', roles: ['lender'], nav: 'nav.referrals', load: () => import('./screens/referrals.js') },
  { path: 'lender/loans', roles: ['lender'], nav: 'nav.lenderLoans', load: () => import('./screens/lender-loans.js') },
  { path: 'lender/loans/:id', roles: ['lender'], load: () => import('./screens/lender-loan.js') },
  { path: 'lender/portfolio', roles: ['lender'], nav: 'nav.portfolio', load: () => import('./screens/portfolio.js') }
];

/** The route and its parameters for a hash like '#/adjuster/claims/C-1', or null. */
export function match(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  for (const r of ROUTES) {
    const pattern = r.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? (params[p.slice(1)] = decodeURIComponent(parts[i]), true) : p === parts[i]))) {
      return { route: r, params };
    }
  }
  return null;
}

/** The link to a screen, e.g. link('adjuster/claims/:id', {id}) */
export function link(path, params = {}) {
  return '#/' + path.split('/').map(p => (p.startsWith(':') ? encodeURIComponent(params[p.slice(1)]) : p)).join('/');
}
