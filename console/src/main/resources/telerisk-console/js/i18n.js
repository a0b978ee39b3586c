// Every user-visible string is a key in one dictionary per locale; numbers, money and dates go through Intl.
import en from './i18n/en.js';
import zhCN from './i18n/zh-CN.js';

export const LOCALES = { 'en': en, 'zh-CN': zhCN };
const LOCALE_KEY = 'telerisk.locale';

let current = pick(localStorage.getItem(LOCALE_KEY) || navigator.language);

function pick(tag) {
  if (tag && LOCALES[tag]) return tag;
  return tag && tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function locale() {
  return current;
}

export function setLocale(tag) {
  current = pick(tag);
  localStorage.setItem(LOCALE_KEY, current);
  document.documentElement.lang = current;
}

/**
 * The string for key in the current locale with {name} placeholders filled from params. A key missing in the
 * current locale falls back to English; a key missing everywhere returns fallback (the key itself by default).
 */
export function t(key, params = {}, fallback = key) {
  // a key English has and the current language lacks is shown in English: noted, so the browser tests can fail on it
  if (LOCALES[current][key] === undefined && en[key] !== undefined) (window.__teleriskUntranslated ??= new Set()).add(current + ':' + key);
  const s = LOCALES[current][key] ?? en[key];
  if (s === undefined) return fallback;
  return s.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
}

/** Fills every element with data-i18n (text) or data-i18n-label (aria-label) under root. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach(el => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
}

const numberFormats = new Map();
function nf(options) {
  const k = current + JSON.stringify(options);
  if (!numberFormats.has(k)) numberFormats.set(k, new Intl.NumberFormat(current, options));
  return numberFormats.get(k);
}

/** Formatting in the user's locale; the API's values are shown as given (no re-rounding of money). */
export const fmt = {
  number(n, digits) {
    if (n === null || n === undefined || n === '') return '—';
    const options = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    return nf(options).format(Number(n));
  },
  /** Money from a decimal string or number, with the currency's own minor units. */
  money(amount, currency) {
    if (amount === null || amount === undefined || amount === '') return '—';
    if (!currency) return fmt.number(amount, 2);
    return nf({ style: 'currency', currency }).format(Number(amount));
  },
  percent(fraction, digits = 1) {
    if (fraction === null || fraction === undefined) return '—';
    return nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
  },
  dateTime(iso) {
    if (!iso) return '—';
    return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
  },
  /** How long ago, from an age in seconds the API computed ("3 minutes ago", "3分钟前"), in the largest whole unit. */
  age(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    const s = Math.max(0, Math.round(Number(seconds)));
    const [value, unit] = s < 60 ? [s, 'second'] : s < 3600 ? [Math.floor(s / 60), 'minute']
      : s < 86400 ? [Math.floor(s / 3600), 'hour'] : [Math.floor(s / 86400), 'day'];
    return new Intl.RelativeTimeFormat(current, { numeric: 'auto' }).format(-value, unit);
  },
  /** A calendar date (yyyy-MM-dd) as the user writes dates. */
  date(isoDate) {
    if (!isoDate) return '—';
    return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(isoDate.length === 10 ? isoDate + 'T00:00:00Z' : isoDate));
  }
};
