// Insurer: the plan catalogue — each plan with its versions, their state, and the version in force today.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { link } from '../routes.js';

export async function render(main) {
  const table = pagedTable({
    caption: 'plans.caption',
    rowLink: p => link('insurer/plans/:id', { id: p.planId }),
    columns: [
      { key: 'planId', label: 'plans.id' },
      { key: 'name', label: 'plans.name', render: p => latest(p).name },
      { key: 'productLine', label: 'plans.productLine', render: p => latest(p).productLine },
      { key: 'inForce', label: 'plans.inForce', render: p => {
        const active = p.versions.find(v => v.status === 'ACTIVE');
        return active ? t('plans.versionFrom', { version: active.version, from: fmt.date(active.effectiveFrom) }) : t('plans.noneInForce');
      } },
      { key: 'versions', label: 'plans.versions', render: p => p.versions.map(v => t('plans.versionState',
        { version: v.version, state: t('planStatus.' + v.status, {}, v.status) })).join(', ') },
      { key: 'awaiting', label: 'plans.awaiting', num: true, render: p => fmt.number(p.versions.filter(v => v.status === 'DRAFT').length) }
    ],
    load: (offset, limit) => api.page('/api/v1/pricing/plans', {}, offset, limit)
  });
  screen(main, 'plans.title', {}, h('p', {}, h('a', { href: link('insurer/plans/:id', { id: 'new' }) }, t('plans.new'))), table.element);
  await table.reload();
}

function latest(p) {
  return p.versions[p.versions.length - 1] || {};
}
