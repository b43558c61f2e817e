// The room page: joins the room, renders its roomEvents in seq order (catching up after a gap or a reconnect), and offers chat,
// likes, gifts, the ad slot and, for the room's host and moderators, moderation. Every call is the documented public API.
import { api } from '../shared/api.js';
import { el, setText } from '../shared/dom.js';
import { RoomEventStream } from './room-events.js';
import { showAd, clearAd } from './ads.js';
import { notice, showProblem, clearProblem, describeProblem } from './ui.js';

const path = roomId => `/api/rooms/${encodeURIComponent(roomId)}`;

/** The room being watched, or null. */
let current = null;

/** Enters a room: join, history, counters, gifts and wallet, heartbeats, the ad. */
export async function enterRoom(context, room) {
  await leaveRoom();
  const { session } = context;
  const state = {
    context,
    room,
    token: session.token,
    staff: room.hostUserId === session.userId || context.me?.role === 'moderator',
    heartbeat: null,
    stream: null,
  };
  current = state;
  state.stream = new RoomEventStream(
    (after, continuationToken) => api(`${path(room.roomId)}/events?after=${after}&limit=100${continuationToken ? `&continuationToken=${encodeURIComponent(continuationToken)}` : ''}`, { token: state.token }),
    event => applyEvent(state, event),
    closed => notice(`Caught up ${closed} events.`));
  resetRoomView(state);
  try {
    await join(state, { first: true });
    await Promise.all([loadHistory(state), loadStats(state), loadEconomy(state)]);
    if (current !== state) return;
    enableControls(true);
    showAd(state.token, room.roomId);
  } catch (error) {
    if (current !== state) return;
    setText('connectionState', `not joined: ${describeProblem(error)}`);
    showProblem(error);
  }
}

/** Leaves the room being watched (the server ends the viewing and credits its watch time). */
export async function leaveRoom() {
  const state = current;
  if (!state) return;
  current = null;
  clearInterval(state.heartbeat);
  clearAd();
  enableControls(false);
  await api(`${path(state.room.roomId)}/leave`, { method: 'POST', token: state.token }).catch(() => {});
}

/** A roomEvents batch from the connection: only the current room's. */
export function receiveRoomEvents(batch) {
  if (current && batch.roomId === current.room.roomId) current.stream.receive(batch.events);
}

/** The connection is back: join again (membership of the room's group is per connection) and read what was missed. */
export async function resumeAfterReconnect() {
  const state = current;
  if (!state) return;
  try {
    await join(state);
    await state.stream.catchUp();
    clearProblem(); // e.g. the heartbeats that failed while the network was gone
  } catch (error) {
    setText('connectionState', `not joined: ${describeProblem(error)}`);
    showProblem(error);
  }
}

/** Tab closing: a leave that survives the page going away. */
export function leaveOnPageHide() {
  if (!current) return;
  fetch(`${window.LIVESERVERLESS_CONFIG?.apiBase ?? ''}${path(current.room.roomId)}/leave`, {
    method: 'POST', headers: { Authorization: `Bearer ${current.token}` }, keepalive: true,
  }).catch(() => {});
}

/** Joins (again, after a reconnect): only the first join sets where the events start; a rejoin must not skip the gap. */
async function join(state, { first = false } = {}) {
  const joined = await api(`${path(state.room.roomId)}/join`, { method: 'POST', token: state.token });
  if (current !== state) return;
  if (first) state.stream.startAt(joined.seq);
  setText('viewers', joined.viewers);
  showPinned(joined.pinned?.message ?? null, joined.pinned?.expiresAt);
  setText('connectionState', joined.live ? 'connected' : 'joined (live updates pending)');
  clearInterval(state.heartbeat);
  state.heartbeat = setInterval(() => heartbeat(state), joined.heartbeatSeconds * 1000);
}

async function heartbeat(state) {
  try {
    const present = await api(`${path(state.room.roomId)}/heartbeat`, { method: 'POST', token: state.token });
    setText('viewers', present.viewers);
  } catch (error) {
    showProblem(error);
  }
}

async function loadHistory(state) {
  const page = await api(`${path(state.room.roomId)}/messages?limit=50`, { token: state.token });
  if (current !== state) return;
  for (const message of page.items.reverse()) addMessage(state, message);
}

async function loadStats(state) {
  const stats = await api(`${path(state.room.roomId)}/stats`, { token: state.token });
  if (current === state) showStats(stats);
}

/** The gift picker lists the tenant's active gifts with their prices; the wallet says what the viewer can spend. */
async function loadEconomy(state) {
  const [gifts, wallet] = await Promise.all([api('/api/gifts?limit=100', { token: state.token }), api('/api/me/wallet', { token: state.token })]);
  if (current !== state) return;
  document.getElementById('giftPicker').replaceChildren(...gifts.items.filter(g => g.active).sort((a, b) => a.price - b.price)
    .map(g => el('option', { text: `${g.name} — ${g.price} coins`, attrs: { value: g.id } })));
  setText('balance', wallet.balance);
}

// ---- room events ----------------------------------------------------------------------------------------------------

const eventHandlers = {
  chatMessage: (state, data) => addMessage(state, data),
  messageDeleted: (_, data) => document.querySelector(`#messages li[data-id="${CSS.escape(data.id)}"]`)?.remove(),
  viewers: (_, data) => setText('viewers', data.count),
  pinned: (_, data) => showPinned(data.message, data.expiresAt),
  moderation: (state, data) => applyModeration(state, data),
  roomStats: (_, data) => { showStats(data); announceGifts(data); },
};

function applyEvent(state, event) {
  eventHandlers[event.type]?.(state, event.data);
}

function applyModeration(state, data) {
  if (data.action === 'clear') document.getElementById('messages').replaceChildren();
  if (data.action === 'slowMode') showSlowMode(data.slowModeSeconds);
  if (data.userId === state.context.session.userId) {
    const until = data.until ? ` until ${new Date(data.until).toLocaleTimeString()}` : '';
    const words = { mute: `You were muted${until}.`, unmute: 'You may chat again.', ban: 'You were banned from this room.', unban: 'Your ban was lifted.' };
    if (words[data.action]) notice(words[data.action]);
  }
}

function showSlowMode(seconds) {
  const node = setText('slowMode', seconds > 0 ? `Slow mode: one message every ${seconds} s.` : '');
  node.hidden = !(seconds > 0);
}

function showStats(stats) {
  setText('likeCount', stats.likes);
  setText('giftCount', stats.giftCount);
  setText('giftValue', stats.giftValue);
}

/** A roomStats push whose batch held gifts: a banner naming what arrived and the room's top gifter. */
function announceGifts(stats) {
  const gifts = stats.delta?.giftCount ?? 0;
  if (gifts <= 0) return;
  const top = stats.topGifters?.[0];
  const banner = setText('giftBanner', `${gifts} gift${gifts === 1 ? '' : 's'} worth ${stats.delta.giftValue} coins just arrived!${top ? ` Top gifter: ${top.userId}.` : ''}`);
  banner.hidden = false;
  banner.classList.remove('pop');
  void banner.offsetWidth; // restart the animation
  banner.classList.add('pop');
}

function showPinned(message, expiresAt) {
  const node = document.getElementById('pinned');
  node.hidden = !message;
  node.textContent = message ? `Pinned: ${message.displayName}: ${message.text}${expiresAt ? ` (until ${new Date(expiresAt).toLocaleTimeString()})` : ''}` : '';
}

// ---- chat ------------------------------------------------------------------------------------------------------------

/** Adds a message once (by id), at its place in the room's order (by seq); its text is text, never HTML. */
function addMessage(state, message) {
  const list = document.getElementById('messages');
  if (list.querySelector(`li[data-id="${CSS.escape(message.id)}"]`)) return;
  const item = el('li', { attrs: { 'data-id': message.id, 'data-seq': message.seq } },
    el('span', { className: 'who', text: message.displayName }),
    el('span', { className: 'sep', text: ': ' }),
    el('span', { className: 'text', text: message.text }));
  if (state.staff) item.append(moderationButtons(state, message));
  const later = [...list.children].find(li => Number(li.dataset.seq) > message.seq);
  list.insertBefore(item, later ?? null);
  if (!later) list.scrollTop = list.scrollHeight;
}

export async function sendMessage(event) {
  event.preventDefault();
  const state = current;
  const input = document.getElementById('text');
  if (!state || !input.value.trim()) return;
  clearProblem('chatProblem');
  try {
    const message = await api(`${path(state.room.roomId)}/messages`, { method: 'POST', token: state.token, body: { text: input.value } });
    input.value = '';
    if (current === state) addMessage(state, message);
  } catch (error) {
    showProblem(error, 'chatProblem');
  }
}

// ---- likes and gifts -------------------------------------------------------------------------------------------------

export async function like() {
  const state = current;
  if (!state) return;
  burst();
  clearProblem('reactProblem');
  try {
    await api(`${path(state.room.roomId)}/interactions`, { method: 'POST', token: state.token, body: { type: 'like', count: 1 } });
  } catch (error) {
    showProblem(error, 'reactProblem');
  }
}

/** Hearts float up from the button; purely decorative, so hidden from screen readers and removed when done. */
function burst() {
  const area = document.getElementById('likeBurst');
  for (let i = 0; i < 6; i++) {
    const heart = el('span', { className: 'heart', text: '❤' });
    heart.style.setProperty('--dx', `${Math.round((Math.random() - 0.5) * 80)}px`);
    heart.style.animationDelay = `${i * 60}ms`;
    heart.addEventListener('animationend', () => heart.remove());
    area.append(heart);
  }
}

/** The client says which gift, never what it is worth; one idempotency key per tap, so a retry is paid once. */
export async function sendGift() {
  const state = current;
  const giftId = document.getElementById('giftPicker').value;
  if (!state || !giftId) return;
  clearProblem('reactProblem');
  const idempotencyKey = crypto.randomUUID().replaceAll('-', '');
  try {
    const sent = await api(`${path(state.room.roomId)}/interactions`, { method: 'POST', token: state.token, body: { type: 'gift', giftId, count: 1, idempotencyKey } });
    setText('balance', sent.balance);
    notice(sent.delivery === 'queued' ? 'Gift paid; it will be delivered within minutes.' : 'Gift sent!');
  } catch (error) {
    if (error.status === 402) setText('balance', error.problem.balance);
    showProblem(error, 'reactProblem');
  }
}

// ---- moderation (host and moderators) ---------------------------------------------------------------------------------

function moderationButtons(state, message) {
  const mine = message.userId === state.context.session.userId;
  const name = message.displayName;
  const actions = el('span', { className: 'actions' },
    actionButton('Delete', `Delete message from ${name}`, () => moderate(state, { action: 'deleteMessage', messageId: message.id })),
    actionButton('Pin', `Pin message from ${name}`, () => moderate(state, { action: 'pin', messageId: message.id, durationSeconds: 300 })));
  if (!mine) {
    actions.append(
      actionButton('Mute', `Mute ${name} for 10 minutes`, () => moderate(state, { action: 'mute', userId: message.userId, durationSeconds: 600 })),
      actionButton('Ban', `Ban ${name} from this room`, () => moderate(state, { action: 'ban', userId: message.userId })));
  }
  return actions;
}

function actionButton(text, label, onClick) {
  const button = el('button', { className: 'quiet small', text, attrs: { type: 'button', 'aria-label': label } });
  button.addEventListener('click', onClick);
  return button;
}

async function moderate(state, request) {
  clearProblem('modProblem');
  try {
    await api(`${path(state.room.roomId)}/moderation`, { method: 'POST', token: state.token, body: request });
    notice(`Done: ${request.action}.`);
  } catch (error) {
    showProblem(error, 'modProblem');
  }
}

export function setSlowMode(event) {
  event.preventDefault();
  if (current) moderate(current, { action: 'slowMode', slowModeSeconds: Number(document.getElementById('slowModeSeconds').value) });
}

export function unpin() {
  if (current) moderate(current, { action: 'unpin' });
}

// ---- view ------------------------------------------------------------------------------------------------------------

function resetRoomView(state) {
  setText('roomTitle', state.room.title ?? state.room.roomId);
  setText('connectionState', 'connecting');
  setText('viewers', '–');
  setText('balance', '–');
  showStats({ likes: 0, giftCount: 0, giftValue: 0 });
  showPinned(null);
  showSlowMode(0);
  document.getElementById('messages').replaceChildren();
  document.getElementById('giftBanner').hidden = true;
  document.getElementById('moderation').hidden = !state.staff;
  for (const id of ['chatProblem', 'reactProblem', 'modProblem', 'error']) clearProblem(id);
}

function enableControls(enabled) {
  for (const id of ['text', 'sendButton', 'likeButton', 'giftPicker', 'giftButton']) document.getElementById(id).disabled = !enabled;
}

export function setConnectionState(text) {
  if (current) setText('connectionState', text);
}
