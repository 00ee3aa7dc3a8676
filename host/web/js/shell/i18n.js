// The pages' two languages. Each page brings its own strings (addStrings, keys namespaced like
// 'worker.progress.title'); the API's texts come as {zh, en} and are picked with tx().
// The language defaults from the browser (zh* -> zh, else en) and is remembered in localStorage.

const STORAGE_KEY = 'yz-lang';
const dictionaries = { zh: {}, en: {} };
const listeners = [];

function initialLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch (e) { /* storage disabled: fall back to the browser */ }
  const langs = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || 'en'];
  return String(langs[0]).toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current = initialLang();
document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';

/** 'zh' or 'en'. */
export function lang() { return current; }

/** Switches the language, remembers it and tells the listeners (the shell re-renders). */
export function setLang(l) {
  if (l !== 'zh' && l !== 'en') return;
  current = l;
  try { localStorage.setItem(STORAGE_KEY, l); } catch (e) { /* not remembered */ }
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  for (const f of listeners) f(l);
}

/** Calls `f(lang)` after every change of language. */
export function onLangChange(f) { listeners.push(f); }

/** Merges a page's dictionary: addStrings({zh: {key: '…'}, en: {key: '…'}}). */
export function addStrings(strings) {
  for (const l of ['zh', 'en']) Object.assign(dictionaries[l], (strings && strings[l]) || {});
}

/** The string for `key` in the current language, {name} placeholders filled from `vars`. */
export function t(key, vars) {
  let s = dictionaries[current][key];
  if (s === undefined) s = dictionaries[current === 'zh' ? 'en' : 'zh'][key];
  if (s === undefined) return key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, n) => (n in vars ? String(vars[n]) : m));
  return s;
}

/** Picks the current language from a text the API returns ({zh, en}); strings pass through. */
export function tx(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[current] || text.zh || text.en || '';
}
