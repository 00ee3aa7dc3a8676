// #/trainer/session/:id/roll: the roll call of one session. One row per member of the
// session's cohort with one button per attendance status the module's plugin declares (the
// ceremony and theory plugins: present, late, absent, excused); each tap is saved at once as
// one evidence row (a change of mind supersedes the earlier row, with a reason), and every row
// says whether its mark was saved. The marks come back from the server on reload: no route gives
// a session's attendance, so they are read from each member's evidence list (currentEvidence).

import { h, fill } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { dayOf } from '../../shared/dates.js';
import {
  attendanceField, attendanceKind, currentEvidence, loadSession, scoreKinds,
} from './records.js';
import { loadInto, sessionLine, showFailure, statusLabel } from './widgets.js';

/** Runs `f` over `items` with at most `n` at once. */
async function pool(items, n, f) {
  const out = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** Each member's current attendance row for the session (or null), read from their evidence. */
async function currentMarks(api, members, sessionId, kindId) {
  return pool(members, 6, async (p) => {
    const mine = await currentEvidence(api, p.id, sessionId, kindId);
    return mine.length ? mine[mine.length - 1] : null;
  });
}

export async function renderRoll(el, ctx, params) {
  let marks;
  const loaded = await loadInto(el, () => loadSession(ctx.api, params.id));
  if (loaded === undefined) return;
  const { session, cohort, module } = loaded;
  const kind = attendanceKind(module);
  const title = h('h1', {}, t('trainer.roll.title', { title: tx(session.title) }));
  if (!kind) {
    fill(el, title, sessionLine(session), h('p', { role: 'status' }, t('trainer.roll.none')));
    return;
  }
  const field = attendanceField(kind);
  const members = cohort.members || [];
  try {
    marks = await currentMarks(ctx.api, members, session.id, kind.id);
  } catch (e) {
    showFailure(el, e);
    return;
  }
  const cancelled = session.status === 'cancelled';
  const summary = h('p', { id: 'tr-roll-summary', role: 'status', 'aria-live': 'polite', class: 'tr-muted' });
  const updateSummary = () => {
    summary.textContent = t('trainer.roll.summary', {
      n: members.length, marked: marks.filter((m) => m).length,
    });
  };

  const rows = members.map((person, i) => {
    const state = h('p', { class: 'tr-rowstate', 'aria-live': 'polite' });
    const buttons = field.choices.map((value) => h('button', {
      type: 'button', class: `tr-mark tr-mark-${value}`, 'data-status': value,
      'aria-pressed': 'false', disabled: cancelled,
    }, statusLabel(value)));
    const show = () => {
      const current = marks[i] && marks[i].fields ? marks[i].fields[field.name] : null;
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.status === current));
      return current;
    };
    const initial = show();
    state.textContent = initial ? t('trainer.roll.saved') : t('trainer.roll.unmarked');
    let saving = false;
    async function mark(value) {
      if (saving) return;
      saving = true;
      state.className = 'tr-rowstate';
      state.textContent = t('trainer.roll.saving');
      const old = marks[i];
      const body = old
        ? { correct: old.id, reason: t('trainer.roll.reason'), fields: { [field.name]: value } }
        : { worker: person.id, session: session.id, kind: kind.id, fields: { [field.name]: value } };
      try {
        const answer = await ctx.api.post('/api/v1/evidence', body);
        marks[i] = { id: answer.id, fields: { [field.name]: value } };
        show();
        state.className = 'tr-rowstate tr-ok';
        state.textContent = `✓ ${t('trainer.roll.saved')}: ${statusLabel(value)}`;
        updateSummary();
      } catch (e) {
        state.className = 'tr-rowstate tr-error';
        state.setAttribute('role', 'alert');
        state.textContent = `✗ ${t('trainer.roll.failed', { message: e.message })}`;
      } finally {
        saving = false;
      }
    }
    for (const b of buttons) b.addEventListener('click', () => mark(b.dataset.status));
    return h('li', { class: 'tr-roll-row', 'data-worker': String(person.id) },
      h('p', { class: 'tr-person', id: `tr-person-${person.id}` }, person.name, ' ',
        h('span', { class: 'tr-muted' }, person.code)),
      h('div', { role: 'group', class: 'tr-marks', 'aria-labelledby': `tr-person-${person.id}` }, buttons),
      state);
  });
  updateSummary();
  fill(el, title, sessionLine(session),
    cancelled ? h('p', { role: 'alert', class: 'tr-error' }, t('trainer.session.cancelled')) : null,
    summary,
    h('h2', {}, t('trainer.roll.members')),
    h('ul', { class: 'tr-roll' }, rows),
    scoreKinds(module).length
      ? h('p', {}, h('a', { class: 'tr-button', href: `#/trainer/session/${session.id}/scores` }, t('trainer.roll.scores')))
      : null,
    h('p', {}, h('a', { href: `#/trainer/week/${dayOf(session.starts_at)}` }, t('trainer.back.week'))));
}
