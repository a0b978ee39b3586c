// Adjuster: the injury-risk curve the assessor read this crash's P(MAIS3+) from (GET /claims/injury-risk, sampled by
// the claims engine's own function), with this crash marked on it at its delta-V and assessed risk.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h } from '../ui/dom.js';
import { xyLine } from '../ui/chart.js';

/** The curve with the crash marked, or null when the assessment has no measured delta-V (a report without a pulse). */
export async function injuryRiskCurve(assessment) {
  if (!assessment || typeof assessment.deltaVKmh !== 'number' || typeof assessment.mais3PlusRisk !== 'number') return null;
  const curve = await api.get('/api/v1/claims/injury-risk');
  const here = t('injury.thisCrash', { deltaV: fmt.number(assessment.deltaVKmh, 1), risk: fmt.percent(assessment.mais3PlusRisk) });
  const chart = xyLine('injury.chart', curve.points.map(p => [p.deltaVKmh, p.mais3PlusRisk]), {
    xName: 'injury.deltaVAxis', yName: 'injury.riskAxis', yFormat: v => fmt.percent(v, 0),
    mark: { x: assessment.deltaVKmh, y: assessment.mais3PlusRisk, label: t('injury.mark') } });
  return h('section', { id: 'injury-risk' }, h('h3', {}, t('injury.title')),
    h('p', { id: 'injury-this-crash' }, here), chart.element,
    h('p', { class: 'muted' }, t('injury.source', { outcome: curve.outcome, source: curve.source })));
}
