// The pages' clock: the server's, not the device's. The server says what "now" is (GET
// /api/v1/auth/me: `now`, which `serve --date` may pin for tests and demos); the shell passes it
// to setServerNow, and the pages keep how far the device's clock is from it and reckon every date
// from that, so a phone whose clock is wrong, and a server whose clock is pinned, both show the
// days the server's answers are for. The days themselves (Asia/Shanghai) are ../shared/dates.js's.

let offsetMs = 0; // the server's clock minus the device's

/** Takes the server's `now` ("YYYY-MM-DDTHH:MM:SSZ") as the clock's reading at this moment. */
export function setServerNow(now) {
  const at = Date.parse(now);
  if (!Number.isNaN(at)) offsetMs = at - Date.now();
}

/** Now on the server's clock, in milliseconds since the epoch. */
export function serverNowMs() {
  return Date.now() + offsetMs;
}
