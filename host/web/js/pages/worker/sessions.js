// #/my/sessions: the worker's upcoming sessions, phone first, with the calendar feed to subscribe
// to.

import { h } from '../../shell/dom.js';
import { t, tx, lang } from '../../shell/i18n.js';
import { beijingNow } from '../../shared/dates.js';

/** "2026-11-10T08:30" -> "11月10日 周二 08:30" / "Tue 10 Nov 08:30" (Beijing time, as stored). */
function when(startsAt, endsAt) {
  const [day, time] = String(startsAt).split('T');
  const end = String(endsAt || '').split('T')[1] || '';
  const date = new Date(day + 'T00:00:00Z');
  const locale = lang() === 'zh' ? 'zh-CN' : 'en-GB';
  const dayText = Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(locale,
    { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' });
  return `${dayText} ${time || ''}${end ? '–' + end : ''}`;
}

/** The sessions page of worker `id` (the logged-in account's). */
export async function renderSessions(el, ctx, id) {
  const worker = await ctx.api.get(`/api/v1/workers/${id}`);
  el.appendChild(h('h1', {}, t('worker.sessions.title')));
  const now = beijingNow();
  const upcoming = [];
  for (const c of worker.cohorts || []) {
    const page = await ctx.api.get(`/api/v1/cohorts/${c.id}/sessions?limit=500`);
    for (const s of page.items || []) if (String(s.ends_at) >= now) upcoming.push(s);
  }
  upcoming.sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)));

  const feed = `/api/v1/workers/${id}/calendar.ics`;
  const subscribe = `webcal://${location.host}${feed}?token=…`;
  el.appendChild(h('section', { class: 'card calendar', 'aria-labelledby': 'calendar-title' },
    h('h2', { id: 'calendar-title' }, t('worker.calendar.title')),
    h('p', {}, h('a', { class: 'btn btn-primary', id: 'calendar-link', href: feed,
      download: 'yanzhen.ics' }, t('worker.calendar.open'))),
    h('p', { class: 'muted' }, t('worker.calendar.help')),
    h('p', {}, h('span', { class: 'label' }, t('worker.calendar.url') + ' '),
      h('code', { class: 'feed-url', id: 'calendar-url' }, subscribe))));

  el.appendChild(h('h2', {}, t('worker.sessions.upcoming')));
  if (!upcoming.length) {
    el.appendChild(h('p', { class: 'empty' }, t('worker.sessions.none')));
    return;
  }
  el.appendChild(h('ul', { class: 'sessions', id: 'sessions' }, upcoming.map((s) =>
    h('li', { class: 'card session' + (s.status === 'cancelled' ? ' cancelled' : ''),
      'data-session': s.id },
    h('h3', {}, tx(s.title),
      s.status === 'cancelled' ? h('span', { class: 'badge badge-unmet' },
        ' ' + t('worker.sessions.cancelled')) : null),
    h('p', { class: 'when' }, h('time', { datetime: s.starts_at }, when(s.starts_at, s.ends_at))),
    s.place ? h('p', {}, t('worker.sessions.place', { place: s.place })) : null,
    s.trainer ? h('p', { class: 'muted' }, t('worker.sessions.trainer',
      { name: s.trainer.name })) : null))));
}
