// The one way both web pages talk to the LiveServerless API: JSON in, JSON out, and every refusal as a ProblemError that
// carries the problem document's title (RFC 7807), so a page can always say what went wrong in the API's own words.

/** The API's origin: '' (same origin, DevHost) unless the deployment's config.js names the function app. */
export function apiBase() {
  return (window.LIVESERVERLESS_CONFIG?.apiBase ?? '').replace(/\/$/, '');
}

/** A refused request: status, the problem's title and detail, and the whole problem document (e.g. balance, errors). */
export class ProblemError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem.title);
    this.name = 'ProblemError';
    this.status = status;
    this.title = problem.title;
    this.detail = problem.detail ?? null;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/**
 * Calls the API. `path` starts at the API root ('/api/...'). `token` sends a user's bearer token, `partnerKey` a partner's
 * X-Api-Key. Resolves to the parsed JSON (null for an empty answer); rejects with a ProblemError for every non-2xx answer
 * and for a network failure (status 0), so callers need only one catch.
 */
export async function api(path, { method = 'GET', body, token, partnerKey, headers = {} } = {}) {
  const sent = { ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (token) sent.Authorization = `Bearer ${token}`;
  if (partnerKey) sent['X-Api-Key'] = partnerKey;
  let response;
  try {
    response = await fetch(`${apiBase()}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ProblemError(0, { title: 'The API cannot be reached.', detail: `${method} ${path} failed before an answer arrived.` });
  }
  const text = response.status === 204 ? '' : await response.text();
  const payload = parseJson(text);
  if (response.ok) return payload;
  const problem = payload?.title ? payload : { title: response.statusText || `HTTP ${response.status}`, status: response.status };
  throw new ProblemError(response.status, problem, response.headers.get('Retry-After'));
}

function parseJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
