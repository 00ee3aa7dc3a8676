// A form generated from an evidence kind's schema as the API declares it (GET
// /api/v1/courses/{id}: modules[].evidence_kinds[].fields[]), so that an integrator's new
// plugin gets its form with no change to the pages. Per field type:
//   integer, number  a number input with the declared min/max (and step 1 for integers)
//   text             a text input;  date  a date input;  boolean  a checkbox
//   choice           a select of the declared choices
//   scores           named numbers (a rubric): one number input per criterion when the field
//                    declares `criteria` [{id, label, min?, max?, floor?}], each with its range
//                    and its floor beside it; else rows of criterion name and score
//   list             comma-separated text;  map  a JSON object
// read() checks the values as the server will (required, type, range) and returns them in the
// shape POST /api/v1/evidence takes; showErrors() puts the server's errors ("fields.scores")
// next to their fields.

import { h } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { newId, statusLabel } from './widgets.js';

function rangeText(min, max) {
  const has = (v) => v !== undefined && v !== null;
  if (has(min) && has(max)) return t('trainer.form.range', { min, max });
  if (has(min)) return t('trainer.form.rangeMin', { min });
  if (has(max)) return t('trainer.form.rangeMax', { max });
  return '';
}

/** Checks one number's text against a field's type and range: [value, problem]. */
function number(text, { type, min, max }) {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return [null, t('trainer.form.notNumber')];
  if (type === 'integer' && !Number.isInteger(value)) return [null, t('trainer.form.notInteger')];
  if (min !== undefined && min !== null && value < min) return [null, t('trainer.form.belowMin', { min })];
  if (max !== undefined && max !== null && value > max) return [null, t('trainer.form.aboveMax', { max })];
  return [value, null];
}

function numberInput(id, spec, attrs) {
  return h('input', {
    id, type: 'number', inputmode: 'decimal',
    step: spec.type === 'integer' ? '1' : 'any',
    min: spec.min ?? null, max: spec.max ?? null, ...attrs,
  });
}

/** The part of the form for one field: {wrap, read(problems) -> value | undefined, error}. */
function fieldPart(field) {
  const id = newId(`tr-ev-${field.name}`);
  const errorId = `${id}-err`;
  const error = h('p', { id: errorId, class: 'tr-field-error', role: 'alert' });
  const need = field.required ? t('trainer.form.required') : t('trainer.form.optional');
  const extra = [rangeText(field.min, field.max),
    field.unit ? t('trainer.form.unit', { unit: field.unit }) : ''].filter(Boolean).join(' · ');
  const hintId = `${id}-hint`;
  const hint = h('p', { id: hintId, class: 'tr-hint' }, [need, extra].filter(Boolean).join(' · '));
  const describe = { 'aria-describedby': `${hintId} ${errorId}` };
  const label = h('label', { for: id }, tx(field.label) || field.name);
  const required = field.required ? { 'aria-required': 'true' } : {};

  const wrapWith = (control) => h('div', { class: 'tr-row', 'data-field': field.name }, label, control, hint, error);
  const missing = (problems) => {
    if (field.required) problems.push({ path: field.name, message: t('trainer.form.missing') });
    return undefined;
  };

  switch (field.type) {
  case 'integer':
  case 'number': {
    const input = numberInput(id, field, { name: field.name, ...describe, ...required });
    return {
      wrap: wrapWith(input), error, control: input,
      read(problems) {
        if (input.value.trim() === '' && !input.validity.badInput) return missing(problems);
        const [value, problem] = number(input.value, field);
        if (problem) problems.push({ path: field.name, message: problem });
        return value ?? undefined;
      },
    };
  }
  case 'choice': {
    const select = h('select', { id, name: field.name, ...describe, ...required },
      h('option', { value: '' }, t('trainer.form.choose')),
      (field.choices || []).map((c) => h('option', { value: c }, statusLabel(c))));
    return {
      wrap: wrapWith(select), error, control: select,
      read: (problems) => (select.value ? select.value : missing(problems)),
    };
  }
  case 'boolean': {
    const box = h('input', { id, type: 'checkbox', name: field.name, ...describe });
    const wrap = h('div', { class: 'tr-row tr-check', 'data-field': field.name },
      box, label, hint, error);
    return { wrap, error, control: box, read: () => box.checked };
  }
  case 'date': {
    const input = h('input', { id, type: 'date', name: field.name, ...describe, ...required });
    return {
      wrap: wrapWith(input), error, control: input,
      read: (problems) => (input.value ? input.value : missing(problems)),
    };
  }
  case 'scores':
    return scoresPart(field, { id, error, hint, label, describe });
  case 'list': {
    const input = h('input', { id, type: 'text', name: field.name, placeholder: t('trainer.form.listHint'), ...describe, ...required });
    return {
      wrap: wrapWith(input), error, control: input,
      read(problems) {
        const items = input.value.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
        return items.length ? items : missing(problems);
      },
    };
  }
  case 'map': {
    const area = h('textarea', { id, name: field.name, rows: '3', ...describe, ...required });
    return {
      wrap: wrapWith(area), error, control: area,
      read(problems) {
        if (!area.value.trim()) return missing(problems);
        try {
          const v = JSON.parse(area.value);
          if (v && typeof v === 'object' && !Array.isArray(v)) return v;
        } catch (e) { /* reported below */ }
        problems.push({ path: field.name, message: t('trainer.form.notJson') });
        return undefined;
      },
    };
  }
  default: {
    const input = h('input', { id, type: 'text', name: field.name, ...describe, ...required });
    return {
      wrap: wrapWith(input), error, control: input,
      read: (problems) => (input.value.trim() ? input.value.trim() : missing(problems)),
    };
  }
  }
}

/** A scores field: per declared criterion, or as name/score rows the trainer fills. */
function scoresPart(field, { id, error, hint, describe }) {
  const legend = h('legend', {}, tx(field.label) || field.name);
  const criteria = Array.isArray(field.criteria) ? field.criteria : null;
  if (criteria) {
    const inputs = criteria.map((c) => {
      const cid = `${id}-${c.id}`;
      const spec = { type: 'number', min: c.min ?? field.min ?? 0, max: c.max ?? field.max };
      const floorId = `${cid}-floor`;
      const floorNote = h('span', { id: floorId, class: 'tr-floor' },
        c.floor !== undefined && c.floor !== null ? t('trainer.form.floor', { floor: c.floor }) : '');
      const input = numberInput(cid, spec, { name: `${field.name}.${c.id}`, 'aria-describedby': `${floorId} ${id}-err` });
      const warn = h('span', { class: 'tr-floor-warn', 'aria-live': 'polite' });
      input.addEventListener('input', () => {
        const v = Number(input.value);
        warn.textContent = input.value !== '' && c.floor !== undefined && c.floor !== null && v < c.floor
          ? t('trainer.form.belowFloor', { floor: c.floor }) : '';
      });
      return {
        c, spec, input,
        wrap: h('div', { class: 'tr-criterion' },
          h('label', { for: cid }, tx(c.label || c.title) || c.id),
          input, h('span', { class: 'tr-hint' }, rangeText(spec.min, spec.max)), floorNote, warn),
      };
    });
    return {
      wrap: h('fieldset', { class: 'tr-scores', 'data-field': field.name }, legend, hint,
        inputs.map((x) => x.wrap), error),
      error, control: inputs[0] ? inputs[0].input : null,
      read(problems) {
        const out = {};
        for (const x of inputs) {
          if (x.input.value.trim() === '') continue;
          const [value, problem] = number(x.input.value, x.spec);
          if (problem) problems.push({ path: field.name, message: `${tx(x.c.label || x.c.title) || x.c.id}: ${problem}` });
          else out[x.c.id] = value;
        }
        if (!Object.keys(out).length && field.required)
          problems.push({ path: field.name, message: t('trainer.form.missing') });
        return Object.keys(out).length ? out : undefined;
      },
    };
  }
  // No criteria declared: rows of name and score, as many as the trainer adds.
  const list = h('ol', { class: 'tr-named' });
  const spec = { type: 'number', min: field.min, max: field.max };
  const rows = [];
  const renumber = () => rows.forEach((r, i) => {
    r.nameLabel.textContent = `${t('trainer.form.criterionN', { n: i + 1 })} · ${t('trainer.form.criterion')}`;
    r.scoreLabel.textContent = `${t('trainer.form.criterionN', { n: i + 1 })} · ${t('trainer.form.score')}`;
    r.remove.textContent = t('trainer.form.removeCriterion', { n: i + 1 });
  });
  const addRow = () => {
    const rid = newId(`${id}-row`);
    const r = {
      name: h('input', { id: `${rid}-name`, type: 'text', name: `${field.name}.name`, autocomplete: 'off' }),
      score: numberInput(`${rid}-score`, spec, { name: `${field.name}.score` }),
      nameLabel: h('label', { for: `${rid}-name` }),
      scoreLabel: h('label', { for: `${rid}-score` }),
      remove: h('button', { type: 'button', class: 'tr-link' }),
    };
    r.li = h('li', { class: 'tr-named-row' },
      h('div', {}, r.nameLabel, r.name), h('div', {}, r.scoreLabel, r.score), r.remove);
    r.remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(r), 1);
      r.li.remove();
      renumber();
    });
    rows.push(r);
    list.append(r.li);
    renumber();
    return r;
  };
  addRow();
  const add = h('button', { type: 'button', class: 'tr-button' }, t('trainer.form.addCriterion'));
  add.addEventListener('click', () => addRow().name.focus());
  return {
    wrap: h('fieldset', { class: 'tr-scores', 'data-field': field.name, ...describe }, legend,
      h('p', { class: 'tr-hint' }, t('trainer.form.scoresHint')), hint, list, add, error),
    error, control: rows[0].name,
    read(problems) {
      const out = {};
      for (const r of rows) {
        const name = r.name.value.trim();
        if (!name && r.score.value.trim() === '') continue;
        if (!name) {
          problems.push({ path: field.name, message: `${t('trainer.form.criterion')}: ${t('trainer.form.missing')}` });
          continue;
        }
        if (name in out) {
          problems.push({ path: field.name, message: `${name}: ${t('trainer.form.duplicate')}` });
          continue;
        }
        const [value, problem] = number(r.score.value, spec);
        if (problem) problems.push({ path: field.name, message: `${name}: ${problem}` });
        else out[name] = value;
      }
      if (!Object.keys(out).length && field.required)
        problems.push({ path: field.name, message: t('trainer.form.missing') });
      return Object.keys(out).length ? out : undefined;
    },
  };
}

/** Every object in `node` (depth first) that has id === `ref` and sits in an array. */
function findById(node, ref) {
  if (Array.isArray(node)) {
    const hit = node.find((x) => x && typeof x === 'object' && x.id === ref);
    if (hit) return hit;
  }
  if (node && typeof node === 'object') {
    for (const v of Object.values(node)) {
      const hit = findById(v, ref);
      if (hit) return hit;
    }
  }
  return null;
}

const isCriteria = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => x &&
  typeof x === 'object' && typeof x.id === 'string' && typeof x.max === 'number');

/**
 * The criteria a `scores` field of a row about `ref` is scored on, read from the module's
 * configuration (GET /api/v1/cohorts/{id}/course: modules[].config) by its shape, not by plugin:
 * the configuration's item whose id is `ref`, or an entry its text values name in a table
 * called after their key ({rubric: std} -> rubrics.std), holding a list of {id, title?, min?,
 * max, floor?}. The drills plugin's assessments and rubrics have this shape; a plugin whose
 * configuration has another gets the name/score rows instead. Null when none is found.
 */
export function scoreCriteria(config, ref) {
  if (!config || typeof config !== 'object' || !ref) return null;
  const item = findById(config, ref);
  if (!item) return null;
  const candidates = [item];
  for (const [key, value] of Object.entries(item)) {
    if (typeof value !== 'string') continue;
    for (const name of [`${key}s`, `${key}es`, key]) {
      const table = config[name];
      if (Array.isArray(table)) {
        const hit = table.find((x) => x && x.id === value);
        if (hit) candidates.push(hit);
      } else if (table && typeof table === 'object' && table[value]) {
        candidates.push(table[value]);
      }
    }
  }
  for (const c of candidates) {
    const list = Object.values(c).find(isCriteria);
    if (list) {
      return list.map((x) => ({
        id: x.id, label: x.title || x.label || x.id, min: typeof x.min === 'number' ? x.min : undefined,
        max: x.max, floor: typeof x.floor === 'number' ? x.floor : undefined,
      }));
    }
  }
  return null;
}

/** `kind` with each scores field given its criteria for rows about `ref` (when found). */
export function withCriteria(kind, config, ref) {
  const criteria = scoreCriteria(config, ref);
  if (!criteria) return kind;
  return {
    ...kind,
    fields: (kind.fields || []).map((f) => (f.type === 'scores' && !f.criteria ? { ...f, criteria } : f)),
  };
}

/** The form of an evidence kind: {el, read() -> {fields, problems}, showErrors(list)}. */
export function evidenceForm(kind) {
  const parts = (kind.fields || []).map((field) => ({ field, part: fieldPart(field) }));
  const el = h('div', { class: 'tr-evidence' }, parts.map((p) => p.part.wrap));

  function showErrors(list) {
    for (const { part } of parts) {
      part.error.textContent = '';
      if (part.control) part.control.removeAttribute('aria-invalid');
    }
    for (const e of list) {
      const name = String(e.path || '').replace(/^fields\./, '').split(/[.[]/)[0];
      const hit = parts.find((p) => p.field.name === name);
      if (!hit) continue;
      hit.part.error.textContent = hit.part.error.textContent
        ? `${hit.part.error.textContent}; ${e.message}` : e.message;
      if (hit.part.control) hit.part.control.setAttribute('aria-invalid', 'true');
    }
  }

  function read() {
    const problems = [];
    const fields = {};
    for (const { field, part } of parts) {
      const value = part.read(problems);
      if (value !== undefined) fields[field.name] = value;
    }
    return { fields, problems };
  }

  function focusFirstError() {
    const hit = parts.find((p) => p.part.error.textContent);
    if (hit && hit.part.control) hit.part.control.focus();
  }

  return { el, read, showErrors, focusFirstError };
}
