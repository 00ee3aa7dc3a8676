// A worker's progress, drawn from GET /api/v1/workers/{id}/progress: one bar per module, then
// for each requirement set what is still left in plain words (from the API's outcome
// sentences), and the full requirement tree folded away behind a <details>. The worker's own
// page and the staff's view of a worker (#/workers/:id/progress) both draw it.

import { h } from '../shell/dom.js';
import { t, tx, lang, addStrings } from '../shell/i18n.js';

addStrings({
  zh: {
    'progress.modules': '各模块进度',
    'progress.left': '还差什么',
    'progress.set.done': '已全部完成',
    'progress.more': '还差 {n} {unit}',
    'progress.more.plain': '还差 {n} 项',
    'progress.have': '已有 {have} / 需要 {need}',
    'progress.tree': '查看完整要求',
    'progress.status.met': '已完成',
    'progress.status.in_progress': '进行中',
    'progress.status.unmet': '未完成',
    'progress.status.failed': '未通过',
    'progress.none': '您目前没有参加任何培训班。',
    'progress.cohort': '培训班：{name}（{from} 至 {to}）',
    'progress.asof': '截至 {date}',
  },
  en: {
    'progress.modules': 'Progress per module',
    'progress.left': 'What is left',
    'progress.set.done': 'All done',
    'progress.more': '{n} more {unit}',
    'progress.more.plain': '{n} more to go',
    'progress.have': '{have} of {need}',
    'progress.tree': 'Show all requirements',
    'progress.status.met': 'done',
    'progress.status.in_progress': 'in progress',
    'progress.status.unmet': 'not done',
    'progress.status.failed': 'failed',
    'progress.none': 'You are not in any cohort at the moment.',
    'progress.cohort': 'Cohort: {name} ({from} to {to})',
    'progress.asof': 'as of {date}',
  },
});

// The courses name their units in Chinese; English readers get the word for it.
const UNITS_EN = { '学时': 'hours', '次': 'times', '项': 'items', '科': 'exams', '分': 'points',
  '天': 'days', '篇': 'pieces', '个': '' };
// A rank ("top 3") counts down, not up: "3 more places" would be nonsense.
const NOT_COUNTS = new Set(['名']);

function unitText(unit) {
  if (!unit) return '';
  return lang() === 'zh' ? unit : (UNITS_EN[unit] !== undefined ? UNITS_EN[unit] : unit);
}

function percent(fraction) {
  return Math.round(Math.max(0, Math.min(1, Number(fraction) || 0)) * 100);
}

function moduleBar(m) {
  const p = percent(m.fraction);
  const title = tx(m.title);
  return h('li', { class: 'bar-row' },
    h('div', { class: 'bar-label' }, h('span', {}, title), h('span', { class: 'bar-value' }, p + '%')),
    h('div', { class: 'bar', role: 'progressbar', 'aria-label': title, 'aria-valuemin': 0,
      'aria-valuemax': 100, 'aria-valuenow': p, 'data-module': m.id },
    h('div', { class: 'bar-fill' + (p >= 100 ? ' bar-done' : ''), 'data-width': p })));
}

/** "理论学时满 40 学时 — 还差 2 学时" and the API's own sentence below. */
function leftItem(item) {
  const have = Number(item.have);
  const need = Number(item.need);
  let short = '';
  if (Number.isFinite(have) && Number.isFinite(need) && need > have && !NOT_COUNTS.has(item.unit)) {
    const unit = unitText(item.unit);
    // Minutes become fractional hours (518 of 1,040 minutes): one decimal is what people read.
    const n = Number((need - have).toFixed(1));
    short = unit ? t('progress.more', { n, unit }) : t('progress.more.plain', { n });
  }
  return h('li', { class: 'left-item', 'data-requirement': item.id },
    h('span', { class: 'left-label' }, tx(item.label)),
    short ? h('span', { class: 'left-short' }, short) : null,
    h('span', { class: 'left-sentence' }, tx(item.sentence)));
}

function statusBadge(status) {
  const key = 'progress.status.' + status;
  const text = t(key);
  return h('span', { class: 'badge badge-' + (status || 'unknown') }, text === key ? status : text);
}

function treeNode(node) {
  const children = node.children || [];
  return h('li', { class: 'tree-node', 'data-status': node.status },
    statusBadge(node.status), ' ',
    h('span', { class: 'tree-label' }, tx(node.label)),
    node.sentence ? h('span', { class: 'tree-sentence' }, ' — ' + tx(node.sentence)) : null,
    children.length ? h('ul', {}, children.map(treeNode)) : null);
}

/** Draws the progress answer into `el` (which already holds the page's h1). */
export function renderProgress(el, data) {
  const cohorts = data.cohorts || [];
  el.appendChild(h('p', { class: 'muted' }, t('progress.asof', { date: data.date })));
  if (!cohorts.length) {
    el.appendChild(h('p', { class: 'empty' }, t('progress.none')));
    return;
  }
  for (const c of cohorts) {
    const section = h('section', { class: 'card course-progress', 'data-course': c.course.id });
    section.appendChild(h('h2', {}, tx(c.course.title)));
    section.appendChild(h('p', { class: 'muted' }, t('progress.cohort',
      { name: c.cohort.name, from: c.cohort.starts_on, to: c.cohort.ends_on })));
    section.appendChild(h('h3', {}, t('progress.modules')));
    section.appendChild(h('ul', { class: 'bars' }, (c.modules || []).map(moduleBar)));
    section.appendChild(h('h3', {}, t('progress.left')));
    const sets = c.sets || {};
    const left = c.left || {};
    const setList = h('div', { class: 'sets' });
    for (const id of Object.keys(sets)) {
      const set = sets[id];
      const items = left[id] || [];
      setList.appendChild(h('div', { class: 'set', 'data-set': id },
        h('h4', {}, tx(set.label), ' ', statusBadge(set.status)),
        items.length ? h('ul', { class: 'left' }, items.map(leftItem))
          : h('p', { class: 'done' }, t('progress.set.done')),
        h('details', { class: 'tree' }, h('summary', {}, t('progress.tree')),
          h('ul', {}, treeNode(set)))));
    }
    section.appendChild(setList);
    el.appendChild(section);
  }
  // Through the CSSOM, which the Content-Security-Policy allows (a style attribute it would not).
  for (const fill of el.querySelectorAll('.bar-fill')) fill.style.width = fill.dataset.width + '%';
}
