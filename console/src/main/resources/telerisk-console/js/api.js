// The one API client: every screen talks to the hub through it, never with fetch directly.
// It holds the session (bearer token from POST /api/v1/auth/token), renews it with POST /api/v1/auth/refresh while
// it is still valid, asks the user to sign in again once it has expired or been revoked, and turns problem+json
// answers into ApiError values whose message is in the user's language.
import { t } from './i18n.js';

const SESSION_KEY = 'telerisk.session';

/** An answer that was not 2xx, with the server's problem document and a message in the user's language. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem || {};
  }
}

function describe(status, problem) {
  const generic = t('error.' + status, {}, null) ?? t(status >= 500 ? 'error.server' : 'error.request');
  const detail = problem && (problem.detail || (Array.isArray(problem.problems) && problem.problems.join('; ')));
  return detail ? t('error.withDetail', { message: generic, detail }) : generic;
}

/** The signed-in user as the token response says (username, tenant, roles, token, expiresAt). */
export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return s && s.token ? s : null;
  } catch (e) {
    return null;
  }
}

export function hasRole(...roles) {
  const s = session();
  return !!s && roles.some(r => s.roles.includes(r));
}

export async function login(username, password) {
  const body = await send('POST', '/api/v1/auth/token', { body: { username, password }, anonymous: true });
  return keep(username, body);
}

function keep(username, body) {
  const s = { username, tenant: body.tenant, roles: body.roles, token: body.token, expiresAt: body.expiresAt };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  return s;
}

/** Renews a token that is still valid but will expire within this many milliseconds. */
const RENEW_BEFORE_MS = 5 * 60_000;
let refreshing = null;
async function refreshSoon(s) {
  if (Date.parse(s.expiresAt) - Date.now() > RENEW_BEFORE_MS) return s;
  refreshing ??= fetch(new URL('/api/v1/auth/refresh', location.origin), {
    method: 'POST', headers: { Authorization: 'Bearer ' + s.token, Accept: 'application/json' }
  }).then(async res => (res.ok ? keep(s.username, await res.json()) : s), () => s).finally(() => { refreshing = null; });
  return refreshing;
}

export function logout() {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(ACTING_KEY);
}

const ACTING_KEY = 'telerisk.actingTenant';
/**
 * The API paths on which a platform operator may act for another tenant with ?tenant= (the operator screens' APIs);
 * everywhere else (claims, pricing, ...) the API acts on the token's tenant only and would refuse the parameter.
 */
const TENANT_SCOPED = ['/api/v1/stats/ingest', '/api/v1/fleet/', '/api/v1/devices', '/api/v1/dead-letters',
  '/api/v1/location-access', '/api/v1/users'];

/** The tenant a platform operator has chosen to act for, or its own. */
export function actingTenant() {
  const s = session();
  if (!s) return null;
  return (hasRole('platform_operator') && sessionStorage.getItem(ACTING_KEY)) || s.tenant;
}

/** A platform operator chooses the tenant its operator screens show (null or its own tenant: back to its own). */
export function actFor(tenant) {
  if (!tenant || tenant === session()?.tenant) sessionStorage.removeItem(ACTING_KEY);
  else sessionStorage.setItem(ACTING_KEY, tenant);
}

function scopedQuery(path, query) {
  const s = session();
  const acting = actingTenant();
  if (!s || acting === s.tenant || !TENANT_SCOPED.some(p => path.startsWith(p))) return query;
  // a list's own tenant filter ('*': every tenant) wins over the chosen tenant
  if (query && query.tenant) return query;
  return { ...query, tenant: acting };
}

let onExpired = () => {};
/** Called when the token has expired or is refused: the app asks the user to sign in again, then retries. */
export function whenSessionExpires(handler) {
  onExpired = handler;
}

function expired(s) {
  return !s || Date.parse(s.expiresAt) - Date.now() < 5_000;
}

/** GET with query parameters (empty values are left out, so filters can pass their fields as they are). */
export function get(path, query) {
  return send('GET', path, { query });
}

/** GET of a file the API sends as text (an export): its text and content type, for the screen to offer as a download. */
export function getText(path, query) {
  return send('GET', path, { query, raw: true });
}

export function post(path, body, query) {
  return send('POST', path, { body, query });
}

export function put(path, body, query) {
  return send('PUT', path, { body, query });
}

/**
 * One page of a list: {items, total, offset, limit, pageable}. How the route pages is the route's own (its OpenAPI
 * parameters; unknown query parameters are refused): 'offset' sends offset and limit, 'limit' asks for the first
 * `limit` items only, 'none' sends neither. Reads the uniform envelope {items, total, offset, limit} and older shapes
 * ({items} without a total, or a bare array).
 */
export async function page(path, query, offset, limit, paging = 'offset') {
  const q = { ...query };
  if (paging === 'offset') Object.assign(q, { offset, limit });
  if (paging === 'limit') q.limit = limit;
  const body = await get(path, q);
  const items = Array.isArray(body) ? body : body.items || [];
  const total = body && Number.isFinite(body.total) ? body.total : null;
  return { items, total, offset: paging === 'offset' ? offset : 0, limit, pageable: paging === 'offset' };
}

/**
 * Every item of a list, read a page of `pageSize` at a time (for maps that draw a whole list); stops at `max` items so a
 * huge tenant cannot hang the tab. Returns {items, total}; items.length < total says the list was cut.
 */
export async function pageAll(path, query, pageSize = 500, max = 5000) {
  const items = [];
  let total = null;
  while (items.length < max) {
    const p = await page(path, query, items.length, Math.min(pageSize, max - items.length));
    items.push(...p.items);
    total = p.total;
    if (p.items.length === 0 || total === null || items.length >= total) break;
  }
  return { items, total: total ?? items.length };
}

async function send(method, path, { body, query, anonymous, raw } = {}) {
  let s = session();
  if (!anonymous) s = expired(s) ? await renew() : await refreshSoon(s);
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries((anonymous ? query : scopedQuery(path, query)) || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = { Accept: raw ? '*/*' : 'application/json, application/problem+json' };
  if (!anonymous) headers.Authorization = 'Bearer ' + s.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { detail: null });
  }
  const text = await res.text();
  if (raw && res.ok) return { text, type: res.headers.get('Content-Type') || 'text/plain' };
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = { detail: null };
  }
  if (res.status === 401 && !anonymous) {
    await renew();
    return send(method, path, { body, query, raw });
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

let renewing = null;
function renew() {
  logout();
  if (!renewing) {
    renewing = new Promise(resolve => onExpired(resolve)).finally(() => { renewing = null; });
  }
  return renewing;
}
