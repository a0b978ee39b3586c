// Every screen, who may see it, and where it lives. Navigation shows a user only the screens of their roles;
// the API enforces the same roles and the tenant, so hiding a link is convenience, not security.
// `api` lists the calls a screen cannot do its job without; `roles` are exactly the roles the API admits to every one
// of them (ConsoleRouteRolesTest asks the API, role by role, so the two cannot drift apart).
// The first role of a route is the persona whose desk it is: a user lands on the first screen of its own desk.
export const ROUTES = [
  { path: 'operator/ingest', roles: ['operator', 'platform_operator'], api: ['GET /api/v1/stats/ingest', 'GET /api/v1/stats/ingest/rates'], nav: 'nav.ingest', load: () => import('./screens/ingest.js') },
  { path: 'operator/fleet', roles: ['operator', 'platform_operator'], api: ['GET /api/v1/fleet/positions', 'GET /api/v1/devices'], nav: 'nav.fleet', load: () => import('./screens/fleet.js') },
  { path: 'operator/devices', roles: ['operator', 'platform_operator'], api: ['GET /api/v1/devices', 'POST /api/v1/devices/{type}/{id}/credentials'], nav: 'nav.devices', load: () => import('./screens/devices.js') },
  { path: 'operator/dead-letters', roles: ['operator', 'platform_operator'], api: ['GET /api/v1/dead-letters'], nav: 'nav.deadLetters', load: () => import('./screens/dead-letters.js') },
  { path: 'operator/location-access', roles: ['operator', 'platform_operator'], api: ['GET /api/v1/location-access'], nav: 'nav.locationAccess', load: () => import('./screens/location-access.js') },
  { path: 'operator/users', roles: ['operator', 'platform_operator'], api: ['GET /api/v1/users', 'POST /api/v1/users'], nav: 'nav.users', load: () => import('./screens/users.js') },
  { path: 'adjuster/queue', roles: ['adjuster', 'insurer'], api: ['GET /api/v1/claims/queue'], nav: 'nav.claimQueue', load: () => import('./screens/claim-queue.js') },
  { path: 'adjuster/claims/:id', roles: ['adjuster', 'insurer'], api: ['GET /api/v1/claims/{id}', 'GET /api/v1/claims/injury-risk'], load: () => import('./screens/claim.js') },
  { path: 'adjuster/search', roles: ['adjuster', 'insurer'], api: ['GET /api/v1/claims'], nav: 'nav.claimSearch', load: () => import('./screens/claim-search.js') },
  { path: 'adjuster/ledger', roles: ['adjuster', 'insurer'], api: ['GET /api/v1/claims/ledger/verify', 'GET /api/v1/claims/ledger/export'], nav: 'nav.ledger', load: () => import('./screens/ledger.js') },
  { path: 'insurer/plans', roles: ['insurer'], api: ['GET /api/v1/pricing/plans'], nav: 'nav.plans', load: () => import('./screens/plans.js') },
  { path: 'insurer/plans/:id', roles: ['insurer'], api: ['GET /api/v1/pricing/plans/{id}/versions'], load: () => import('./screens/plan.js') },
  { path: 'insurer/inbox', roles: ['insurer'], api: ['GET /api/v1/pricing/plans/awaiting-approval'], nav: 'nav.inbox', load: () => import('./screens/inbox.js') },
  { path: 'insurer/impact', roles: ['insurer'], api: ['GET /api/v1/pricing/plans/awaiting-approval', 'POST /api/v1/pricing/impact'], nav: 'nav.impact', load: () => import('./screens/impact.js') },
  { path: 'insurer/impact/:id', roles: ['insurer'], api: ['GET /api/v1/pricing/impact/{id}'], load: () => import('./screens/impact.js') },
  { path: 'insurer/quote', roles: ['insurer'], api: ['POST /api/v1/pricing/quotes'], nav: 'nav.quote', load: () => import('./screens/quote.js') },
  { path: 'insurer/score-model', roles: ['insurer'], api: ['GET /api/v1/pricing/score-model'], load: () => import('./screens/model-card.js') },
  { path: 'farmer/fields', roles: ['farmer', 'insurer', 'lender', 'operator', 'platform_operator'], api: ['GET /api/v1/agri/fields'], nav: 'nav.fields', load: () => import('./screens/fields.js') },
  { path: 'farmer/fields/:id', roles: ['farmer', 'insurer', 'lender', 'operator', 'platform_operator'], api: ['GET /api/v1/agri/fields/{id}', 'GET /api/v1/agri/fields/{id}/health'], load: () => import('./screens/field.js') },
  { path: 'farmer/loans', roles: ['farmer', 'operator', 'platform_operator'], api: ['GET /api/v1/agri/loans', 'POST /api/v1/agri/loans'], nav: 'nav.loans', load: () => import('./screens/loans.js') },
  { path: 'farmer/alerts', roles: ['farmer', 'insurer', 'lender', 'operator', 'platform_operator'], api: ['GET /api/v1/agri/fields', 'GET /api/v1/agri/fields/{id}/alerts'], nav: 'nav.alerts', load: () => import('./screens/alerts.js') },
  { path: 'lender/referrals', roles: ['lender'], api: ['GET /api/v1/lender/referrals'], nav: 'nav.referrals', load: () => import('./screens/referrals.js') },
  { path: 'lender/loans', roles: ['lender'], api: ['GET /api/v1/lender/loans'], nav: 'nav.lenderLoans', load: () => import('./screens/lender-loans.js') },
  { path: 'lender/loans/:id', roles: ['lender'], api: ['GET /api/v1/lender/loans/{id}'], load: () => import('./screens/lender-loan.js') },
  { path: 'lender/portfolio', roles: ['lender'], api: ['GET /api/v1/lender/portfolio', 'GET /api/v1/agri/fields'], nav: 'nav.portfolio', load: () => import('./screens/portfolio.js') }
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
