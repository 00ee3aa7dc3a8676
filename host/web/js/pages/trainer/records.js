// What the trainers' pages read from the API: paged lists, a cohort's course (cached), a session
// with its cohort and course, a member's evidence rows for a session, a module's evidence kinds
// (the roll call's and the score entry's), and the field errors and conflicts of a refusal.

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

/** A member's current evidence rows of kind `kindId` recorded at session `sessionId`, oldest
 *  first. No route gives a session's evidence: they are read from the member's evidence list. */
export async function currentEvidence(api, workerId, sessionId, kindId) {
  const rows = await all(api, `/api/v1/workers/${workerId}/evidence`);
  return rows.filter((r) => r.current && r.session === sessionId && r.kind === kindId);
}

/** The `details` of a refusal's error body ({error: {details}} or the error itself), or null. */
function errorDetails(failure) {
  const body = failure && failure.details;
  const error = body && body.error ? body.error : body;
  return (error && error.details) || null;
}

/** The per-field errors of a 400 "invalid_field" answer: [{path, message}]. */
export function fieldErrors(failure) {
  const details = errorDetails(failure);
  const fields = details && details.fields;
  return Array.isArray(fields) ? fields : [];
}

/** The conflicts of a 409 answer (or a 400 that carries them): [{code, message, session}]. */
export function conflictsOf(failure) {
  const details = errorDetails(failure);
  const list = details && details.conflicts;
  return Array.isArray(list) ? list : [];
}
