// The API client of the pages: same-origin fetch with the session cookie, JSON in and out,
// Accept-Language from the chosen language, and the CSRF token on every write (the server
// refuses cookie writes without it). The token comes from the login answer and is kept in
// localStorage, so that a reload or a second tab of the same login can still write; logging
// out forgets it. (Any script of this origin could read it, as it could read the pages: the
// token guards against other sites, which cannot.)

import { lang } from './i18n.js';

const CSRF_KEY = 'yz-csrf';

/** A refused or failed call: the HTTP status, the error code and the server's message (in the
 *  language asked for); `details` is the whole error body. Status 0: no answer at all. */
export class ApiFailure extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken = null;
try { csrfToken = localStorage.getItem(CSRF_KEY); } catch (e) { /* none */ }

/** Remembers (or, with null, forgets) the CSRF token of the login. */
export function setCsrfToken(token) {
  csrfToken = token || null;
  try {
    if (token) localStorage.setItem(CSRF_KEY, token);
    else localStorage.removeItem(CSRF_KEY);
  } catch (e) { /* kept in memory only */ }
}

async function call(method, path, body) {
  const headers = { 'Accept': 'application/json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiFailure(0, 'network', lang() === 'zh'
      ? '无法连接服务器' : 'cannot reach the server', null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = text; }
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new ApiFailure(response.status, error.code || 'http_' + response.status,
      error.message || response.statusText || String(response.status), data);
  }
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body === undefined ? {} : body),
  del: (path) => call('DELETE', path),
};
