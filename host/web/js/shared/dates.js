// Dates as the pages reckon them: Asia/Shanghai days (UTC+8 all year, no daylight saving) on the
// server's clock (../shell/clock.js), kept as the API keeps them: days 'YYYY-MM-DD' and local
// times 'YYYY-MM-DDTHH:MM' (Beijing time). The one place that knows what "today" is.

import { serverNowMs } from '../shell/clock.js';

const BEIJING_MS = 8 * 3600e3;

/** Now on the server's clock, in Beijing time, as "YYYY-MM-DDTHH:MM" (how sessions are kept). */
export function beijingNow() {
  return new Date(serverNowMs() + BEIJING_MS).toISOString().slice(0, 16);
}

/** Today on the server's clock, in Asia/Shanghai, as 'YYYY-MM-DD'. */
export function beijingToday() {
  return dayOf(beijingNow());
}

/** The day 'YYYY-MM-DD' of "YYYY-MM-DDTHH:MM". */
export function dayOf(localTime) {
  return String(localTime || '').slice(0, 10);
}

/** The time "08:30" of "2026-11-10T08:30". */
export function timeOf(localTime) {
  return String(localTime || '').slice(11, 16);
}

/** "2026-11-10T08:30" -> "2026-11-10 08:30". */
export function dayAndTime(localTime) {
  return String(localTime || '').replace('T', ' ');
}

/** "2026-11-10T08:30" plus `minutes`, in the same form ('' when it is not a time). */
export function plusMinutes(localTime, minutes) {
  const d = new Date(`${localTime}:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  d.setUTCMinutes(d.getUTCMinutes() + minutes);
  return d.toISOString().slice(0, 16);
}

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

/** True when `s` is a real day 'YYYY-MM-DD'. */
export function isDay(s) {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) &&
    !Number.isNaN(Date.parse(s + 'T00:00:00Z'));
}
