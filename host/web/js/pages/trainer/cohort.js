// #/trainer/cohort/:id: where a cohort stands, from GET /api/v1/cohorts/{id}/report: a bar per
// module (complete / in progress / not started, drawn as inline SVG with text labels; a table
// carries the same numbers for screen readers) and the share of members certified.
// #/trainer/cohorts: the caller's cohorts, each linking to its page.

import { h, fill } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { all } from './records.js';
import { loadInto } from './widgets.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

const SEGMENTS = [
  ['complete', 'tr-bar-complete', 'trainer.cohort.complete'],
  ['in_progress', 'tr-bar-progress', 'trainer.cohort.inProgress'],
  ['not_started', 'tr-bar-none', 'trainer.cohort.notStarted'],
];

const CERTIFIED = [
  ['complete', 'tr-bar-complete', 'trainer.cohort.certifiedShort'],
  ['not_started', 'tr-bar-none', 'trainer.cohort.notCertified'],
];

/** Stacked bars: per row a label line and a bar of `total` split into `SEGMENTS`. */
function barChart(rows, total, segments = SEGMENTS) {
  const width = 320;
  const rowHeight = 44;
  const height = rows.length * rowHeight + 28;
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'tr-chart', 'aria-hidden': 'true', focusable: 'false',
  });
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    svg.append(s('text', { x: 0, y: y + 13, class: 'tr-chart-label' },
      `${row.label} — ${row.complete}/${total}`));
    let x = 0;
    for (const [key, cls] of segments) {
      const w = total ? (row[key] / total) * width : 0;
      if (w > 0) svg.append(s('rect', { x, y: y + 18, width: w, height: 16, class: cls }));
      x += w;
    }
    if (!total) svg.append(s('rect', { x: 0, y: y + 18, width, height: 16, class: 'tr-bar-none' }));
  });
  // The legend, as text beside swatches.
  let lx = 0;
  for (const [, cls, key] of segments) {
    const y = rows.length * rowHeight + 8;
    svg.append(s('rect', { x: lx, y, width: 12, height: 12, class: cls }));
    svg.append(s('text', { x: lx + 16, y: y + 11, class: 'tr-chart-legend' }, t(key)));
    lx += 105;
  }
  return svg;
}

function table(caption, head, rows, extraClass) {
  return h('table', { class: `tr-table ${extraClass || ''}` },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((x, i) => h('th', { scope: 'col', class: i ? 'tr-num' : null }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((x, i) => (i === 0
      ? h('th', { scope: 'row' }, x) : h('td', { class: 'tr-num' }, String(x))))))));
}

export async function renderCohort(el, ctx, params) {
  const report = await loadInto(el,
    () => ctx.api.get(`/api/v1/cohorts/${encodeURIComponent(params.id)}/report`));
  if (report === undefined) return;
  const n = report.members;
  const modules = (report.modules || []).map((m) => ({ ...m, label: tx(m.title) }));
  const sets = (report.sets || []).map((m) => ({ ...m, label: tx(m.label) }));
  const credentials = report.credentials || [];
  const pct = (x) => `${Math.round(x * 1000) / 10}%`;

  const moduleHead = [t('trainer.cohort.module'), t('trainer.cohort.complete'),
    t('trainer.cohort.inProgress'), t('trainer.cohort.notStarted')];
  const certRows = credentials.map((c) => ({
    label: tx(c.title), complete: c.holders, not_started: c.members - c.holders,
  }));
  fill(el, 
    h('h1', {}, t('trainer.cohort.title', { name: `${report.cohort.code} ${report.cohort.name}` })),
    h('p', { class: 'tr-meta' }, t('trainer.cohort.asOf', {
      date: report.date, course: report.course.id, version: report.course.version,
    })),
    h('section', { 'aria-labelledby': 'tr-modules' },
      h('h2', { id: 'tr-modules' }, t('trainer.cohort.chart', { n })),
      h('figure', { class: 'tr-figure' }, barChart(modules, n)),
      table(t('trainer.cohort.chart', { n }), moduleHead,
        modules.map((m) => [m.label, m.complete, m.in_progress, m.not_started]), 'tr-sr-only')),
    h('section', { 'aria-labelledby': 'tr-certified' },
      h('h2', { id: 'tr-certified' }, t('trainer.cohort.certified')),
      credentials.map((c) => h('p', { class: 'tr-share' },
        h('strong', {}, tx(c.title)), ': ', `${c.holders}/${c.members} (${pct(c.share)})`)),
      credentials.length ? h('figure', { class: 'tr-figure' }, barChart(certRows, n, CERTIFIED)) : null,
      table(t('trainer.cohort.certified'),
        [t('trainer.cohort.credential'), t('trainer.cohort.holders'), t('trainer.cohort.share')],
        credentials.map((c) => [tx(c.title), `${c.holders}/${c.members}`, pct(c.share)]))),
    h('section', { 'aria-labelledby': 'tr-sets' },
      h('h2', { id: 'tr-sets' }, t('trainer.cohort.sets')),
      table(t('trainer.cohort.sets'), [t('trainer.cohort.set'), t('trainer.cohort.complete'),
        t('trainer.cohort.inProgress'), t('trainer.cohort.notStarted')],
      sets.map((m) => [m.label, m.complete, m.in_progress, m.not_started]))),
  );
}

export async function renderCohorts(el, ctx) {
  const cohorts = await loadInto(el, () => all(ctx.api, '/api/v1/cohorts'));
  if (cohorts === undefined) return;
  fill(el, h('h1', {}, t('trainer.cohort.chooser')),
    h('ul', { class: 'tr-cohorts' }, cohorts.map((c) => h('li', {},
      h('a', { href: `#/trainer/cohort/${c.id}` }, `${c.code} ${c.name}`),
      h('span', { class: 'tr-muted' }, ` ${c.starts_on} – ${c.ends_on} · ${c.members}`)))));
}
