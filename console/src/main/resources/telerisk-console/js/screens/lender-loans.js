// Lender: approved loans with their account (status, exposure, arrears, days past due), paged on the server.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { screen } from '../ui/dom.js';
import { pagedTable } from '../ui/table.js';
import { link } from '../routes.js';

export async function render(main) {
  const table = pagedTable({
    caption: 'lenderLoans.caption',
    rowLink: l => link('lender/loans/:id', { id: l.applicationId }),
    columns: [
      { key: 'applicationId', label: 'loans.id' },
      { key: 'fieldId', label: 'fields.id' },
      { key: 'status', label: 'lenderLoans.status', render: l => t('loanStatus.' + l.status, {}, l.status) },
      { key: 'approvedAmount', label: 'loans.approved', num: true, render: l => fmt.money(l.approvedAmount, l.currency) },
      { key: 'exposure', label: 'portfolio.exposure', num: true, render: l => fmt.money(l.exposure, l.currency) },
      { key: 'arrears', label: 'portfolio.arrears', num: true, render: l => fmt.money(l.arrears, l.currency) },
      { key: 'daysPastDue', label: 'lenderLoans.daysPastDue', num: true, render: l => fmt.number(l.daysPastDue) }
    ],
    load: (offset, limit) => api.page('/api/v1/lender/loans', {}, offset, limit)
  });
  screen(main, 'lenderLoans.title', {}, table.element);
  await table.reload();
}
