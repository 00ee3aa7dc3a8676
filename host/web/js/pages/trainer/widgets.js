// The pieces of page the trainers' pages share: the heading line of a session, the "loading" and
// "failed" states of a page, the words for attendance statuses, fresh element ids, a debounce.

import { h, clear } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { dayAndTime, timeOf } from '../../shared/dates.js';

/** The heading line under a session page's title: cohort, time, place. */
export function sessionLine(session) {
  return h('p', { class: 'tr-meta' },
    t('trainer.session.heading', {
      title: tx(session.title), cohort: session.cohort.code,
      when: `${dayAndTime(session.starts_at)}–${timeOf(session.ends_at)}`,
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

/**
 * Shows "Loading…" in `el` while `load()` runs and gives its value; when it fails, shows the
 * failure in `el` and gives undefined (the page has nothing more to draw).
 */
export async function loadInto(el, load) {
  showLoading(el);
  try {
    return await load();
  } catch (e) {
    showFailure(el, e);
    return undefined;
  }
}

/** A status word for a known attendance value, else the value itself. */
export function statusLabel(value) {
  const key = `trainer.status.${value}`;
  const s = t(key);
  return s === key ? value : s;
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
