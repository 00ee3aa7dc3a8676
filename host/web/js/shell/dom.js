// Building the page without a framework and without innerHTML: text is always text, so nothing
// the API returns can become markup (the Content-Security-Policy forbids inline scripts too).

/**
 * Makes an element. `attrs`: plain attributes; `class`; `for`; aria-* and data-*;
 * `on:click` (any `on:<event>`) adds an event listener; boolean true sets an empty attribute,
 * false/null/undefined leaves it out; `value` and `checked` set the property. `children`:
 * strings, numbers, nodes, arrays of them, null/undefined/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on:')) el.addEventListener(name.slice(3), value);
    else if (name === 'value' || name === 'checked') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Removes every child of `el`; returns `el`. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Empties `el` and appends `children` (as h() takes them: strings, numbers, nodes, nested
 *  arrays; null, undefined and false are skipped). Returns `el`. */
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}
