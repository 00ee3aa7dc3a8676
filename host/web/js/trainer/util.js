// What the trainers' pages share: Beijing dates, loading a cohort's records and its course,
// finding a module's evidence kinds, and showing a failure or the server's field errors.

import { h, clear } from '../dom.js';
import { t, tx } from '../i18n.js';

// Today on the server's clock (../clock.js), for the pages that import it from here.
export { beijingToday } from '../clock.js';

/** 'YYYY-MM-DD' plus `days`. */
export function addDays(day, days) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 (Sunday) .. 6 (Saturday) of 'YYYY-MM-DD'. */
export function weekday(day) {
  return new Date(day + 'T00:00:00Z').getUTCDay();
}

/** The Monday of the week of `day`. */
export function mondayOf(day) {
  return addDays(day, -((weekday(day) + 6) % 7));
}

export function isDay(s) {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) &&
    !Number.isNaN(Date.parse(s + 'T00:00:00Z'));
}

/** "2026-11-10T08:30" -> "2026-11-10 08:30". */
export function when(localTime) {
  return String(localTime || '').replace('T', ' ');
}

/** The time part "08:30" of "2026-11-10T08:30". */
export function clock(localTime) {
  return String(localTime || '').slice(11, 16);
}

/** Every item of a paged list (limit 500 a page). */
export async function all(api, path) {
  const sep = path.includes('?') ? '&' : '?';
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.get(`${path}${sep}limit=500&offset=${offset}`);
    items.push(...(page.items || []));
    if (items.length >= (page.total || 0) || !(page.items || []).length) return items;
  }
}

const courseCache = new Map();

/** The course of a cohort as GET /api/v1/courses/{id} gives it (cached per page load). The
 *  API gives the catalog's current version of a course; the cohort may be pinned to an older
 *  one (compare `hash`). */
export async function courseOf(api, courseId) {
  if (!courseCache.has(courseId)) {
    const p = api.get(`/api/v1/courses/${encodeURIComponent(courseId)}`);
    courseCache.set(courseId, p);
    p.catch(() => courseCache.delete(courseId));
  }
  return courseCache.get(courseId);
}

const cohortCourseCache = new Map();

/** The course version a cohort is pinned to, with each module's configuration (GET
 *  /api/v1/cohorts/{id}/course); a server without that route gives the catalog's current
 *  version (GET /api/v1/courses/{id}), without configurations. `cohort` needs id and course.id. */
export async function courseOfCohort(api, cohort) {
  if (!cohortCourseCache.has(cohort.id)) {
    const p = api.get(`/api/v1/cohorts/${cohort.id}/course`).catch((e) => {
      if (e && e.status === 404) return courseOf(api, cohort.course.id);
      throw e;
    });
    cohortCourseCache.set(cohort.id, p);
    p.catch(() => cohortCourseCache.delete(cohort.id));
  }
  return cohortCourseCache.get(cohort.id);
}

/** The module `moduleId` of a course, or undefined. */
export function moduleOf(course, moduleId) {
  return (course.modules || []).find((m) => m.id === moduleId);
}

/** The field of an attendance kind: a choice field offering 'present'. */
export function attendanceField(kind) {
  return (kind.fields || []).find((f) => f.type === 'choice' &&
    (f.choices || []).includes('present'));
}

/** The module's kind for roll call: the first kind with an attendance field, or undefined. */
export function attendanceKind(module) {
  return ((module && module.evidence_kinds) || []).find((k) => attendanceField(k));
}

/** The module's kinds for score entry: every kind but the attendance one. */
export function scoreKinds(module) {
  const roll = attendanceKind(module);
  return ((module && module.evidence_kinds) || []).filter((k) => k !== roll);
}

/** A session with its cohort (detail, with members) and course. Throws ApiFailure. */
export async function loadSession(api, id) {
  const session = await api.get(`/api/v1/sessions/${encodeURIComponent(id)}`);
  const cohort = await api.get(`/api/v1/cohorts/${session.cohort.id}`);
  const course = await courseOfCohort(api, cohort);
  return { session, cohort, course, module: moduleOf(course, session.module) };
}

/** The heading line under a session page's title: cohort, time, place. */
export function sessionLine(session) {
  return h('p', { class: 'tr-meta' },
    t('trainer.session.heading', {
      title: tx(session.title), cohort: session.cohort.code,
      when: `${when(session.starts_at)}–${clock(session.ends_at)}`,
    }), ' · ', t('trainer.session.place', { place: session.place }));
}

/** Shows a page that failed to load. */
export function showFailure(el, error) {
  clear(el).append(
    h('h1', {}, t('trainer.failed', { message: '' }).replace(/[:：]\s*$/, '')),
    h('p', { role: 'alert', class: 'tr-error' },
      t('trainer.failed', { message: error && error.message ? error.message : String(error) })));
}

/** Shows "Loading…" in `el`. */
export function showLoading(el) {
  clear(el).append(h('p', { role: 'status', class: 'tr-muted' }, t('trainer.loading')));
}

/** The per-field errors of a 400 "invalid_field" answer: [{path, message}]. */
export function fieldErrors(failure) {
  const body = failure && failure.details;
  const error = body && body.error ? body.error : body;
  const fields = error && error.details && error.details.fields;
  return Array.isArray(fields) ? fields : [];
}

/** The conflicts of a 409 answer (or a 400 that carries them): [{code, message, session}]. */
export function conflictsOf(failure) {
  const body = failure && failure.details;
  const error = body && body.error ? body.error : body;
  const list = error && error.details && error.details.conflicts;
  return Array.isArray(list) ? list : [];
}

let uid = 0;
/** A fresh id for an element, prefixed. */
export function newId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Waits `ms` after the last call before calling `f`. */
export function debounce(f, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => f(...args), ms);
  };
}

/** A status word for a known attendance value, else the value itself. */
export function statusLabel(value) {
  const key = `trainer.status.${value}`;
  const s = t(key);
  return s === key ? value : s;
}

/** Empties `el` and appends `children` (nodes, strings, nested arrays; null and false are
 *  skipped, where the DOM's own append would write "null"). Returns `el`. */
export function fill(el, ...children) {
  clear(el);
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) el.append(c);
  }
  return el;
}
