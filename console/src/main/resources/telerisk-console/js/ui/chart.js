// The chart wrapper: ECharts (from its WebJar), loaded on first use so pages without charts stay light.
// Every chart has a text alternative (aria-label plus ECharts' generated description) and follows the locale.
import { h } from './dom.js';
import { t, locale, fmt } from '../i18n.js';

let echartsModule = null;
function echarts() {
  echartsModule ??= import('../../vendor/echarts/dist/echarts.esm.min.js');
  return echartsModule;
}

const charts = new Set();
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

/**
 * Resolves once the box is in the page: ECharts sizes a chart from its box when it starts, and a screen may build a
 * chart before it puts its parts in the page (after another request); started detached, the chart would stay blank.
 */
function connected(box) {
  return new Promise(resolve => {
    let frames = 0;
    // a screen left before it showed its chart never attaches it: stop looking after a few seconds
    const check = () => (box.isConnected || ++frames > 300 ? resolve() : requestAnimationFrame(check));
    check();
  });
}

/** A figure with a caption; returns { element, ready: Promise<chart> }. option is an ECharts option object. */
export function chart(titleKey, option, params = {}) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': t(titleKey, params) });
  const element = h('figure', {}, h('figcaption', {}, t(titleKey, params)), box);
  const ready = echarts().then(ec => connected(box).then(() => ec)).then(ec => {
    const c = ec.init(box, null, { locale: locale() === 'zh-CN' ? 'ZH' : 'EN', renderer: 'canvas' });
    c.setOption({ aria: { enabled: true }, animation: false, grid: { left: 56, right: 24, top: 32, bottom: 40 },
      tooltip: { trigger: 'axis' }, textStyle: { fontFamily: 'inherit' }, ...option });
    charts.add(c);
    return c;
  });
  return { element, ready };
}

/**
 * Time series lines: series [{ name, points: [[isoTime|ms, value]], dashed? }]; markTimes draws vertical lines
 * (an impact), markValue a horizontal one (a threshold such as the wilting point).
 */
export function timeSeries(titleKey, series, { yName, params, markTimes = [], markLabel, markValue, markValueLabel } = {}) {
  return chart(titleKey, {
    legend: { top: 0 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: yName ? t(yName) : undefined, axisLabel: { formatter: v => fmt.number(v) } },
    series: series.map((s, i) => ({
      name: s.name, type: 'line', showSymbol: s.points.length < 60, data: s.points,
      lineStyle: s.dashed ? { type: 'dashed' } : undefined,
      markLine: i === 0 && (markTimes.length || markValue !== undefined) ? { symbol: 'none',
        data: [...markTimes.map(x => ({ xAxis: x, label: { formatter: markLabel || '' } })),
          ...(markValue === undefined ? [] : [{ yAxis: markValue, label: { formatter: markValueLabel || '' } }])] } : undefined
    }))
  }, params);
}

/** Bars by category: [{ label, value }]. */
export function bars(titleKey, rows, { yName, params } = {}) {
  return chart(titleKey, {
    xAxis: { type: 'category', data: rows.map(r => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: yName ? t(yName) : undefined },
    series: [{ type: 'bar', data: rows.map(r => r.value), itemStyle: { color: '#0b5cad' } }]
  }, params);
}

/** A waterfall from a start to an end through signed steps: steps [{ label, delta }]. */
export function waterfall(titleKey, steps, { params } = {}) {
  let running = 0;
  const base = [], up = [], down = [];
  for (const s of steps) {
    const d = Number(s.delta);
    const from = running, to = running + d;
    base.push(Math.min(from, to));
    up.push(d >= 0 ? d : '-');
    down.push(d < 0 ? -d : '-');
    running = to;
  }
  return chart(titleKey, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: steps.map(s => s.label), axisLabel: { interval: 0, rotate: steps.length > 5 ? 25 : 0 } },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, tooltip: { show: false } },
      { name: t('chart.increase'), type: 'bar', stack: 'w', data: up, itemStyle: { color: '#b3261e' } },
      { name: t('chart.decrease'), type: 'bar', stack: 'w', data: down, itemStyle: { color: '#1a6b32' } }
    ]
  }, params);
}

/**
 * A line over a numeric x axis: points [[x, y]]; mark { x, y, label } draws one point on it (e.g. this crash on the
 * injury-risk curve). yFormat and xFormat format the axis labels (locale formatting from i18n's fmt).
 */
export function xyLine(titleKey, points, { xName, yName, params, mark, xFormat = v => fmt.number(v), yFormat = v => fmt.number(v) } = {}) {
  return chart(titleKey, {
    tooltip: { trigger: 'axis', valueFormatter: yFormat },
    xAxis: { type: 'value', name: xName ? t(xName) : undefined, nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: xFormat } },
    yAxis: { type: 'value', name: yName ? t(yName) : undefined, axisLabel: { formatter: yFormat } },
    series: [{ type: 'line', showSymbol: false, data: points, itemStyle: { color: '#0b5cad' },
      markPoint: mark ? { symbol: 'circle', symbolSize: 14, itemStyle: { color: '#b3261e' },
        data: [{ coord: [mark.x, mark.y], value: mark.label, label: { show: true, position: 'top', formatter: mark.label, color: '#14283d' } }] } : undefined }]
  }, params);
}
