// The paged table: pages come from the server (offset/limit), never a whole table filtered in the browser.
import { h } from './dom.js';
import { t, fmt } from '../i18n.js';

/**
 * columns: [{ key, label (key), num?, render?(row) -> Node|string }]
 * load(offset, limit) -> Promise<{ items, total, pageable }>: total may be null when the API does not count;
 * pageable false when the route serves its first page only (then the status still says how many there are).
 * Returns { element, reload(), setLoader(load) }.
 */
export function pagedTable({ caption, columns, load, pageSize = 50, rowLink }) {
  let offset = 0;
  let loader = load;
  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const body = h('tbody');
  const prev = h('button', { type: 'button', class: 'secondary', onclick: () => go(offset - pageSize) }, t('table.previous'));
  const next = h('button', { type: 'button', class: 'secondary', onclick: () => go(offset + pageSize) }, t('table.next'));
  const table = h('table', {},
    h('caption', {}, t(caption)),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, t(c.label))))),
    body);
  const element = h('section', { class: 'paged' }, table, h('div', { class: 'pager' }, prev, next, status));

  async function go(to) {
    const from = Math.max(0, to);
    status.textContent = t('table.loading');
    try {
      const page = await loader(from, pageSize);
      offset = from;
      body.replaceChildren(...page.items.map(row => h('tr', {}, columns.map((c, i) => {
        let v = c.render ? c.render(row) : row[c.key];
        if (i === 0 && rowLink) v = h('a', { href: rowLink(row) }, v);
        return h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.num ? 'num' : null }, v ?? '—');
      }))));
      if (page.items.length === 0) body.replaceChildren(h('tr', {}, h('td', { colspan: columns.length }, t('table.empty'))));
      const last = from + page.items.length;
      prev.disabled = from === 0;
      next.disabled = page.pageable === false || (page.total !== null ? last >= page.total : page.items.length < pageSize);
      status.textContent = page.items.length === 0 ? '' : page.total !== null
        ? t('table.rangeOf', { from: fmt.number(from + 1), to: fmt.number(last), total: fmt.number(page.total) })
        : t('table.range', { from: fmt.number(from + 1), to: fmt.number(last) });
    } catch (e) {
      status.textContent = e.message;
      body.replaceChildren();
    }
  }

  return {
    element,
    reload: () => go(0),
    setLoader(l) { loader = l; return go(0); }
  };
}
