// Adjuster: one claim — facts, crash evidence (acceleration and speed around the impact, pulse marked, track on
// a map), assessment with fraud signals and their evidence, history, and the decision panel.
import * as api from '../api.js';
import { t, fmt } from '../i18n.js';
import { h, screen, facts, field, values, flash } from '../ui/dom.js';
import { timeSeries } from '../ui/chart.js';
import { geoMap } from '../ui/map.js';
import { hasRole } from '../api.js';
import { injuryRiskCurve } from './claim-injury.js';

const REASONS = ['COVERED_AS_ASSESSED', 'AMOUNT_PER_REPAIR_QUOTE', 'AMOUNT_PER_POLICY_TERMS', 'PARTIAL_LIABILITY', 'NOT_COVERED',
  'POLICY_NOT_IN_FORCE', 'FRAUD_CONFIRMED', 'DUPLICATE_CLAIM', 'NO_LOSS_EVIDENCE', 'NEED_REPAIR_QUOTE', 'NEED_POLICE_REPORT',
  'NEED_PHOTOS', 'NEED_THIRD_PARTY_DETAILS'];
const G = 9.80665;

export async function render(main, { id }) {
  const c = await api.get('/api/v1/claims/' + encodeURIComponent(id));
  const a = c.assessment;
  const parts = [
    facts([
      ['claim.status', h('span', { id: 'claim-status' }, t('claim.status.' + c.status, {}, c.status))],
      ['claim.priority', c.priority],
      ['claim.source', t('claim.source.' + c.source, {}, c.source)],
      ['claim.device', c.device ? c.device.type + '/' + c.device.deviceId : null],
      ['claim.policy', c.policyId + (c.coverageCode ? ' · ' + c.coverageCode : '')],
      ['claim.lossTime', fmt.dateTime(c.lossTime)],
      ['claim.openedAt', fmt.dateTime(c.openedAt)],
      ['claim.amount', h('span', { id: 'claim-amount' }, fmt.money(c.amount, c.currency))],
      ['claim.firstApprover', c.firstApprover]
    ])
  ];
  if (c.crash) parts.push(...crashEvidence(c.crash));
  if (a) parts.push(assessment(a, await injuryRiskCurve(a)));
  if (Array.isArray(c.history) && c.history.length) parts.push(history(c.history));
  if (hasRole('adjuster')) parts.push(decisionPanel(c));
  screen(main, 'claim.title', { id: c.claimId }, ...parts);
}

function crashEvidence(crash) {
  const window = crash.window || [];
  const accel = window.filter(s => s.acceleration).map(s => {
    const x = s.acceleration;
    return [s.time, Math.hypot(x.xMps2, x.yMps2, x.zMps2 - G) / G];
  });
  const speed = window.filter(s => s.speedMps !== null && s.speedMps !== undefined).map(s => [s.time, s.speedMps * 3.6]);
  const track = window.filter(s => s.position).map(s => ({ type: 'Feature', properties: { time: s.time },
    geometry: { type: 'Point', coordinates: [s.position.longitudeDeg, s.position.latitudeDeg] } }));
  const out = [h('h2', {}, t('claim.crash')), facts([
    ['claim.impactTime', fmt.dateTime(crash.impactTime)],
    ['claim.deltaV', t('unit.kmh', { value: fmt.number(crash.deltaVMps * 3.6, 1) })],
    ['claim.peakG', t('unit.g', { value: fmt.number(crash.peakG, 1) })],
    ['claim.direction', t('direction.' + crash.direction, {}, crash.direction)],
    ['claim.speedBefore', crash.speedBeforeMps == null ? null : t('unit.kmh', { value: fmt.number(crash.speedBeforeMps * 3.6, 1) })],
    ['claim.speedAfter', crash.speedAfterMps == null ? null : t('unit.kmh', { value: fmt.number(crash.speedAfterMps * 3.6, 1) })],
    ['claim.crashProbability', fmt.percent(crash.crashProbability)],
    ['claim.classifier', crash.classifier]
  ])];
  const charts = h('div', { class: 'grid2' });
  if (accel.length) charts.append(timeSeries('claim.accelChart', [{ name: t('claim.accel'), points: accel }],
    { yName: 'unit.gAxis', markTimes: [crash.impactTime], markLabel: t('claim.pulse') }).element);
  if (speed.length) charts.append(timeSeries('claim.speedChart', [{ name: t('claim.speed'), points: speed }],
    { yName: 'unit.kmhAxis', markTimes: [crash.impactTime], markLabel: t('claim.pulse') }).element);
  out.push(charts);
  if (track.length) {
    out.push(geoMap('claim.trackMap', { type: 'FeatureCollection', features: track },
      { label: f => fmt.dateTime(f.properties.time) }).element);
  }
  return out;
}

function assessment(a, curve) {
  const signals = a.fraudSignals || [];
  return h('section', {}, h('h2', {}, t('claim.assessment')), facts([
    ['claim.deltaV', t('unit.kmh', { value: fmt.number(a.deltaVKmh, 1) })],
    ['claim.injuryRisk', fmt.percent(a.mais3PlusRisk)],
    ['claim.severity', t('severity.' + a.severity, {}, a.severity)],
    ['claim.estimate', fmt.money(a.estimate, a.currency)],
    ['claim.repairRange', fmt.money(a.repairLow, a.currency) + ' – ' + fmt.money(a.repairHigh, a.currency)],
    ['claim.confidence', fmt.percent(a.confidence)],
    ['claim.routing', routing(a.routing)]
  ]), curve, h('h3', {}, t('claim.fraudSignals')),
  signals.length ? h('ul', {}, signals.map(s => h('li', {}, h('strong', {}, t('fraud.' + s.code, {}, s.code)), ': ', s.evidence)))
    : h('p', {}, t('claim.noFraudSignals')));
}

/** The assessor's routing (an object: straight through or to an adjuster, with its reasons) in words. */
function routing(r) {
  if (!r || typeof r !== 'object') return r;
  const where = r.straightThrough ? t('claim.straightThrough') : t('claim.toAdjuster', { priority: r.priority ?? '—' });
  return (r.reasons || []).length ? where + ' · ' + r.reasons.join('; ') : where;
}

function history(entries) {
  return h('section', {}, h('h2', {}, t('claim.history')), h('table', {},
    h('caption', { class: 'visually-hidden' }, t('claim.history')),
    h('thead', {}, h('tr', {}, ['claim.when', 'claim.who', 'claim.what'].map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, entries.map(e => h('tr', {},
      h('td', {}, fmt.dateTime(e.at || e.time || e.recordedAt)),
      h('td', {}, e.actor || e.by || e.username || '—'),
      h('td', {}, [e.type || e.action || e.kind, e.reasonCode, e.detail].filter(Boolean).join(' · ')))))));
}

function decisionPanel(c) {
  const form = h('form', { class: 'stack', id: 'decision', 'aria-label': t('decision.title') },
    field({ name: 'decision', label: 'decision.kind', type: 'select', required: true,
      options: [['approve', 'decision.approve'], ['adjust', 'decision.adjust'], ['reject', 'decision.reject'], ['request-info', 'decision.requestInfo']] }),
    field({ name: 'reasonCode', label: 'decision.reason', type: 'select', required: true, options: REASONS.map(r => [r, 'reasonCode.' + r]) }),
    field({ name: 'amount', label: 'decision.amount', type: 'number', step: '0.01', min: '0' }),
    field({ name: 'what', label: 'decision.what' }),
    h('div', {}, h('button', { type: 'submit' }, t('decision.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const v = values(form);
    const body = { decision: v.decision, reasonCode: v.reasonCode };
    if (v.amount) body.amount = v.amount;
    if (v.what) body.what = v.what;
    try {
      await api.post('/api/v1/claims/' + encodeURIComponent(c.claimId) + '/decisions', body);
      flash(t('decision.recorded'), true);
      const { render } = await import('./claim.js');
      await render(document.getElementById('main'), { id: c.claimId });
      flash(t('decision.recorded'), true);
    } catch (err) {
      flash(err.message);
    }
  });
  return h('section', { class: 'panel' }, h('h2', {}, t('decision.title')),
    h('p', {}, c.firstApprover ? t('decision.secondNeeded', { first: c.firstApprover }) : t('decision.fourEyesNote')), form);
}
