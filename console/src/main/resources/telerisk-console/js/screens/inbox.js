// Insurer: the four-eyes inbox — drafts another insurer wrote that the caller may approve, each with what still
// blocks its approval, one click to the plan page where it is validated and approved; and the caller's own drafts
// waiting for someone else.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { link } from '../routes.js';

export async function render(main) {
  const inbox = await api.get('/api/v1/pricing/plans/awaiting-approval');
  const mine = inbox.authoredByYou || [];
  screen(main, 'inbox.title', {},
    h('p', { role: 'status', id: 'inbox-count' }, t('inbox.count', { count: fmt.number(inbox.total) })),
    drafts('inbox.caption', inbox.items, 'inbox-others', true),
    h('h2', {}, t('inbox.mine')),
    mine.length ? drafts('inbox.mineCaption', mine, 'inbox-mine', false) : h('p', { class: 'muted' }, t('inbox.noneMine')));
}

function drafts(captionKey, items, id, approvable) {
  if (!items.length) return h('p', { id, class: 'muted' }, t('inbox.empty'));
  return h('table', { id }, h('caption', {}, t(captionKey)),
    h('thead', {}, h('tr', {}, ['inbox.plan', 'inbox.name', 'inbox.productLine', 'inbox.effectiveFrom', 'inbox.author', 'inbox.savedAt',
      'inbox.blockers'].map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, items.map(p => h('tr', { 'data-plan': p.planId, 'data-version': p.version },
      h('th', { scope: 'row' }, h('a', { href: link('insurer/plans/:id', { id: p.planId }),
        'aria-label': t(approvable ? 'inbox.openToApprove' : 'inbox.open', { id: p.planId, version: p.version }) },
      t('inbox.planVersion', { id: p.planId, version: p.version }))),
      h('td', {}, p.name), h('td', {}, p.productLine), h('td', {}, fmt.date(p.effectiveFrom)), h('td', {}, p.author),
      h('td', {}, fmt.dateTime(p.savedAt)),
      h('td', {}, p.approvalBlockers.length ? h('ul', { class: 'problems' }, p.approvalBlockers.map(b => h('li', {}, b)))
        : h('span', { class: 'status-ok' }, t('inbox.ready')))))));
}
