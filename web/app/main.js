// The live-room app: sign in (a demo user, or a partner key and a user id), pick a room, watch it. Routes live in the hash:
// #/ is home, #/rooms/{roomId} a room.
import { api, apiBase } from '../shared/api.js';
import { el, setText } from '../shared/dom.js';
import { currentSession, signInAsDemoUser, signInWithPartnerKey, signOut } from './session.js';
import { createConnection } from './connection.js';
import { loadLiveRooms, showHome, stopHome, refreshForYou } from './home.js';
import { enterRoom, leaveRoom, receiveRoomEvents, resumeAfterReconnect, leaveOnPageHide, sendMessage, like, sendGift, setSlowMode, unpin, setConnectionState } from './room.js';
import { showView, showProblem, clearProblem } from './ui.js';

/** What every view needs: the session, the signed-in user, the live rooms, and the SignalR connection. */
let context = null;

async function start() {
  wireControls();
  window.addEventListener('hashchange', route);
  window.addEventListener('pagehide', leaveOnPageHide);
  const session = currentSession();
  if (session) {
    await openSession(session);
  } else {
    await showSignIn();
  }
}

async function showSignIn() {
  await leaveRoom();
  stopHome();
  showView('signinView');
  setText('whoami', '');
  document.getElementById('signOutButton').hidden = true;
  document.getElementById('demoSignin').hidden = true;
  // The demo tenant exists only where the API serves the pages itself (DevHost); a deployment points apiBase at the function
  // app, which has no /dev routes, so the page does not ask (a 404 would still be logged by the browser).
  if (apiBase() !== '') return;
  try {
    const demo = await api('/dev/demo');
    document.getElementById('demoUsers').replaceChildren(...demo.users.map(demoUserButton));
    document.getElementById('demoSignin').hidden = false;
  } catch {
    // no demo tenant here (DevHost started with --no-demo, or its seed failed): the partner-key sign-in remains
  }
}

function demoUserButton(user) {
  const button = el('button', { className: 'user', attrs: { type: 'button', 'data-user-id': user.userId } },
    el('span', { className: 'name', text: user.displayName }), el('span', { className: 'role', text: user.role }));
  button.setAttribute('aria-label', `Sign in as ${user.displayName} (${user.role})`);
  button.addEventListener('click', () => signIn(() => signInAsDemoUser(user.userId)));
  return el('li', {}, button);
}

async function signIn(mint) {
  clearProblem();
  try {
    await openSession(await mint());
  } catch (error) {
    showProblem(error);
  }
}

/** A session starts: who am I, which rooms are live, and the connection (negotiated with this user's token). */
async function openSession(session) {
  try {
    const [me, rooms] = await Promise.all([api('/api/me', { token: session.token }), loadLiveRooms(session)]);
    context = { session, me, rooms, connection: null };
    setText('whoami', `Signed in as ${me.displayName}`);
    document.getElementById('signOutButton').hidden = false;
    context.connection = createConnection(session.token, { onRoomEvents: receiveRoomEvents, onState: connectionChanged });
    await context.connection.start();
  } catch (error) {
    await closeSession();
    showProblem(error);
    return;
  }
  await route();
}

async function closeSession() {
  const connection = context?.connection;
  await leaveRoom();
  context = null;
  signOut();
  await connection?.stop();
  await showSignIn();
}

function connectionChanged(state) {
  if (state === 'connected') {
    resumeAfterReconnect(); // says "connected" once it has joined again, or the problem's title
  } else {
    setConnectionState(state);
  }
}

async function route() {
  if (!context) return;
  clearProblem();
  const match = /^#\/rooms\/(.+)$/.exec(location.hash);
  if (match) {
    stopHome();
    const roomId = decodeURIComponent(match[1]);
    const room = context.rooms.find(r => r.roomId === roomId) ?? { roomId, title: roomId, hostUserId: null, tags: [] };
    showView('roomView');
    document.getElementById('main').focus();
    await enterRoom(context, room);
  } else {
    await leaveRoom();
    showView('homeView');
    await showHome(context);
  }
}

function wireControls() {
  document.getElementById('keyForm').addEventListener('submit', event => {
    event.preventDefault();
    const partnerKey = document.getElementById('partnerKey').value.trim();
    const userId = document.getElementById('userId').value.trim();
    signIn(async () => {
      const session = await signInWithPartnerKey(partnerKey, userId);
      event.target.reset(); // the key lives on in sessionStorage only, not in the page
      return session;
    });
  });
  document.getElementById('signOutButton').addEventListener('click', () => { location.hash = '#/'; closeSession(); });
  document.getElementById('refreshForYou').addEventListener('click', () => context && refreshForYou(context).catch(showProblem));
  document.getElementById('chatForm').addEventListener('submit', sendMessage);
  document.getElementById('likeButton').addEventListener('click', like);
  document.getElementById('giftButton').addEventListener('click', sendGift);
  document.getElementById('slowModeForm').addEventListener('submit', setSlowMode);
  document.getElementById('unpinButton').addEventListener('click', unpin);
}

start();
