// Home: "Live now" (the tenant's live rooms) and "For you" (GET /api/me/recommendations, best first, with its reasons).
import { api } from '../shared/api.js';
import { el } from '../shared/dom.js';
import { showProblem } from './ui.js';

const forYouRefreshMilliseconds = 5000;
let refreshTimer = null;

/**
 * The rooms live now: DevHost's demo description for a demo session; for a pasted partner key, the tenant's own list
 * (GET /api/rooms?status=live, scope rooms). Rooms are returned as {roomId, title, hostUserId, tags}.
 */
export async function loadLiveRooms(session) {
  if (session.mode === 'demo') return (await api('/dev/demo')).rooms;
  const page = await api('/api/rooms?status=live&limit=100', { partnerKey: session.partnerKey });
  return page.items.map(room => ({ roomId: room.id, title: room.title, hostUserId: room.hostUserId, tags: room.tags }));
}

export async function showHome(context) {
  stopHome();
  try {
    renderLiveRooms(context.rooms);
    await refreshForYou(context);
  } catch (error) {
    showProblem(error);
  }
  // Recommendations change within seconds of interactions (the stream processors recompute them): keep the list fresh.
  refreshTimer = setInterval(() => refreshForYou(context).catch(() => {}), forYouRefreshMilliseconds);
}

export function stopHome() {
  clearInterval(refreshTimer);
  refreshTimer = null;
}

export async function refreshForYou(context) {
  const list = await api('/api/me/recommendations?limit=10', { token: context.session.token });
  const items = list.items.map(item => roomEntry(item, el('ul', { className: 'reasons', attrs: { 'aria-label': 'Why' } },
    ...item.reasons.map(reason => el('li', { text: reason })))));
  document.getElementById('forYou').replaceChildren(...items);
  document.getElementById('forYouEmpty').hidden = items.length > 0;
}

function renderLiveRooms(rooms) {
  document.getElementById('liveRooms').replaceChildren(...rooms.map(room => roomEntry(room)));
  document.getElementById('liveEmpty').hidden = rooms.length > 0;
}

/** One room: a real link to its page (keyboard and screen readers get it for free), its tags, and optional details. */
function roomEntry(room, details = null) {
  const link = el('a', { className: 'room-link', text: room.title ?? room.roomId, attrs: { href: `#/rooms/${encodeURIComponent(room.roomId)}` } });
  const tags = el('span', { className: 'tags', text: (room.tags ?? []).map(tag => `#${tag}`).join(' ') });
  return el('li', { attrs: { 'data-room-id': room.roomId } }, link, tags, details);
}
