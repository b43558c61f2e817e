// Who is signed in, for this tab only: the user's token (and a pasted partner key) live in sessionStorage, never in
// localStorage or the page. Closing the tab signs out.
import { api } from '../shared/api.js';

const KEY = 'liveserverless.session';

/** The current session {mode: 'demo'|'partner', userId, token, expiresAt, partnerKey?} or null. */
export function currentSession() {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const session = JSON.parse(stored);
  return Date.parse(session.expiresAt) > Date.now() ? session : null;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** DevHost's demo tenant: the dev route mints a real user token for a seeded user. */
export async function signInAsDemoUser(userId) {
  const minted = await api('/dev/token', { method: 'POST', body: { userId } });
  return save({ mode: 'demo', userId, token: minted.token, expiresAt: minted.expiresAt });
}

/** A real tenant: the partner key mints the user's token (POST /api/users/{id}/tokens, scope users). */
export async function signInWithPartnerKey(partnerKey, userId) {
  const minted = await api(`/api/users/${encodeURIComponent(userId)}/tokens`, { method: 'POST', partnerKey, body: { lifetimeMinutes: 60 } });
  return save({ mode: 'partner', userId, token: minted.token, expiresAt: minted.expiresAt, partnerKey });
}

function save(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}
