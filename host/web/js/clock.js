// The pages' clock: the server's, not the device's. The server says what "today" and "now" are
// (GET /api/v1/auth/me: `now`, which `serve --date` may pin for tests and demos); the pages keep
// how far the device's clock is from it and reckon every date from that, so a phone whose clock
// is wrong, and a server whose clock is pinned, both show the days the server's answers are for.
// Days are Asia/Shanghai days (UTC+8 all year, no daylight saving).

const BEIJING_MS = 8 * 3600e3;
let offsetMs = 0; // the server's clock minus the device's

/** Takes the server's `now` ("YYYY-MM-DDTHH:MM:SSZ") as the clock's reading at this moment. */
export function setServerNow(now) {
  const at = Date.parse(now);
  if (!Number.isNaN(at)) offsetMs = at - Date.now();
}

/** Now on the server's clock, in Beijing time, as "YYYY-MM-DDTHH:MM" (how sessions are kept). */
export function beijingNow() {
  return new Date(Date.now() + offsetMs + BEIJING_MS).toISOString().slice(0, 16);
}

/** Today on the server's clock, in Asia/Shanghai, as 'YYYY-MM-DD'. */
export function beijingToday() {
  return beijingNow().slice(0, 10);
}
