// #/trainer/week[/:day]: the sessions of the trainer's cohorts in one week (Monday to Sunday,
// Beijing time), day by day; each session opens its roll call or its score entry.

import { h, fill } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { addDays, beijingToday, dayOf, isDay, mondayOf, timeOf } from '../../shared/dates.js';
import { all, attendanceKind, courseOfCohort, moduleOf, scoreKinds } from './records.js';
import { loadInto } from './widgets.js';

/** Every session of the caller's cohorts (a trainer's; all of them for an admin), with the
 *  course of each cohort for telling which pages a session has. */
async function loadSessions(api) {
  const cohorts = await all(api, '/api/v1/cohorts');
  const lists = await Promise.all(cohorts.map(async (c) => {
    const [sessions, course] = await Promise.all([
      all(api, `/api/v1/cohorts/${c.id}/sessions`),
      courseOfCohort(api, c).catch(() => null),
    ]);
    return sessions.map((s) => ({ session: s, course }));
  }));
  return lists.flat().sort((a, b) => a.session.starts_at.localeCompare(b.session.starts_at));
}

function sessionItem(ctx, { session, course }) {
  const module = course ? moduleOf(course, session.module) : null;
  const mine = ctx.me && ctx.me.worker && session.trainer && session.trainer.id === ctx.me.worker;
  const cancelled = session.status === 'cancelled';
  const links = [];
  if (!cancelled && attendanceKind(module))
    links.push(h('a', { class: 'tr-button', href: `#/trainer/session/${session.id}/roll` },
      t('trainer.week.roll')));
  if (!cancelled && scoreKinds(module).length)
    links.push(h('a', { class: 'tr-button', href: `#/trainer/session/${session.id}/scores` },
      t('trainer.week.scores')));
  const seats = session.capacity > 0
    ? t('trainer.week.seats', { booked: session.booked, capacity: session.capacity })
    : t('trainer.week.seatsOpen', { booked: session.booked });
  return h('li', { class: `tr-session${cancelled ? ' tr-cancelled' : ''}` },
    h('p', { class: 'tr-session-time' },
      h('time', { datetime: session.starts_at }, `${timeOf(session.starts_at)}–${timeOf(session.ends_at)}`),
      ' ', h('strong', {}, tx(session.title)),
      cancelled ? h('span', { class: 'tr-tag tr-tag-bad' }, t('trainer.week.cancelled')) : null,
      mine ? h('span', { class: 'tr-tag' }, t('trainer.week.mine')) : null),
    h('p', { class: 'tr-meta' },
      h('a', { href: `#/trainer/cohort/${session.cohort.id}` }, session.cohort.code), ' · ',
      session.place, ' · ', session.trainer ? session.trainer.name : '', ' · ', seats),
    links.length ? h('p', { class: 'tr-actions' }, links) : null);
}

export async function renderWeek(el, ctx, params) {
  const today = beijingToday();
  const start = mondayOf(params && isDay(params.day) ? params.day : today);
  const end = addDays(start, 6);
  const sessions = await loadInto(el, () => loadSessions(ctx.api));
  if (sessions === undefined) return;
  const inWeek = sessions.filter(({ session }) => {
    const day = dayOf(session.starts_at);
    return day >= start && day <= end;
  });
  const nav = h('nav', { class: 'tr-weeknav', 'aria-label': t('trainer.week.title', { from: start, to: end }) },
    h('a', { class: 'tr-button', href: `#/trainer/week/${addDays(start, -7)}` }, '← ', t('trainer.week.prev')),
    h('a', { class: 'tr-button', href: '#/trainer/week', 'aria-current': start === mondayOf(today) ? 'true' : null },
      t('trainer.week.today')),
    h('a', { class: 'tr-button', href: `#/trainer/week/${addDays(start, 7)}` }, t('trainer.week.next'), ' →'));
  const days = [];
  for (let i = 0; i < 7; i += 1) {
    const day = addDays(start, i);
    const items = inWeek.filter(({ session }) => session.starts_at.startsWith(day));
    days.push(h('section', { class: `tr-day${day === today ? ' tr-today' : ''}`, 'aria-labelledby': `tr-day-${day}` },
      h('h2', { id: `tr-day-${day}` }, `${t(`trainer.day.${(1 + i) % 7}`)} ${day}`,
        day === today ? h('span', { class: 'tr-tag' }, t('trainer.week.todayMark')) : null),
      items.length
        ? h('ul', { class: 'tr-sessions' }, items.map((item) => sessionItem(ctx, item)))
        : h('p', { class: 'tr-muted' }, t('trainer.week.none'))));
  }
  fill(el, 
    h('h1', {}, t('trainer.week.title', { from: start, to: end })),
    nav,
    h('p', { role: 'status', class: 'tr-muted' },
      inWeek.length ? t('trainer.week.count', { n: inWeek.length }) : t('trainer.week.empty'),
      ' ', h('a', { href: '#/trainer/schedule' }, t('trainer.week.schedule'))),
    h('div', { class: 'tr-week' }, days));
}
