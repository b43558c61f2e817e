// A minimal web client of LiveServerless, following the README's client flow:
// negotiate → connect → join (+ heartbeats) → send/receive roomEvents in seq order → after a gap or a reconnect, catch up.
"use strict";

const api = `${location.origin}/api`;
const $ = id => document.getElementById(id);
let token = null;
let connection = null;
let roomId = null;
let heartbeat = null;
let lastSeq = null; // the last seq of the room held without a gap
let catchingUp = null;

function log(text, isError = false) {
  const item = document.createElement("li");
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  if (isError) item.className = "error";
  $("log").prepend(item);
}

async function call(method, path, { body, key, bearer } = {}) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (key) headers["X-Api-Key"] = key;
  if (bearer) headers["Authorization"] = `Bearer ${bearer}`;
  const response = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const problem = payload ? `${payload.title} ${payload.detail ?? ""} ${payload.errors ? JSON.stringify(payload.errors) : ""}` : response.statusText;
    throw Object.assign(new Error(`${method} ${path}: ${response.status} ${problem}`), { status: response.status, problem: payload });
  }
  return payload;
}

async function signIn() {
  const key = $("partnerKey").value.trim();
  const userId = $("userId").value.trim();
  try {
    await call("POST", "/users", { key, body: { id: userId, displayName: $("displayName").value.trim() } })
      .catch(error => { if (error.status !== 409) throw error; });
    token = (await call("POST", `/users/${encodeURIComponent(userId)}/tokens`, { key })).token;
    log(`signed in as ${userId}`);
    $("joinButton").disabled = false;
    $("recommendButton").disabled = false;
  } catch (error) {
    log(error.message, true);
  }
}

function showMessage(message) {
  if (document.querySelector(`[data-id="${message.id}"]`)) return;
  const item = document.createElement("li");
  item.dataset.id = message.id;
  item.textContent = `${message.displayName}: ${message.text}`;
  $("messages").append(item);
  $("messages").scrollTop = $("messages").scrollHeight;
}

// What each type of room event does to the page; data is the payload README "Real-time events" lists.
const onEvent = {
  chatMessage: showMessage,
  messageDeleted: e => document.querySelector(`[data-id="${e.id}"]`)?.classList.add("deleted"),
  viewers: e => { $("viewers").textContent = e.count; },
  pinned: e => showPinned(e.message, e.expiresAt),
  moderation: e => {
    log(`moderation: ${e.action} ${e.userId ?? ""}`);
    if (e.action === "clear") $("messages").replaceChildren();
  },
  roomStats: e => { $("stats").textContent = JSON.stringify(e, null, 2); },
};

// Events are applied once each, in seq order; a batch that skips past lastSeq means something was missed: read it from the API.
function applyEvents(events) {
  for (const e of events) {
    if (lastSeq === null || e.seq <= lastSeq) continue;
    if (e.seq > lastSeq + 1) { catchUp(); return; }
    lastSeq = e.seq;
    onEvent[e.type]?.(e.data);
  }
}

function catchUp() {
  catchingUp ??= (async () => {
    try {
      let page = { continuationToken: null };
      do {
        const more = page.continuationToken ? `&continuationToken=${encodeURIComponent(page.continuationToken)}` : "";
        page = await call("GET", `/rooms/${encodeURIComponent(roomId)}/events?after=${lastSeq}&limit=100${more}`, { bearer: token });
        applyEvents(page.items);
      } while (page.continuationToken);
    } catch (error) {
      log(error.message, true);
    } finally {
      catchingUp = null;
    }
  })();
  return catchingUp;
}

async function loadHistory() {
  const page = await call("GET", `/rooms/${encodeURIComponent(roomId)}/messages?limit=50`, { bearer: token });
  page.items.reverse().forEach(showMessage);
}

async function join() {
  const joined = await call("POST", `/rooms/${encodeURIComponent(roomId)}/join`, { bearer: token });
  lastSeq ??= joined.seq;
  $("viewers").textContent = joined.viewers;
  if (joined.pinned) showPinned(joined.pinned.message, joined.pinned.expiresAt);
  clearInterval(heartbeat);
  heartbeat = setInterval(() => call("POST", `/rooms/${encodeURIComponent(roomId)}/heartbeat`, { bearer: token }).catch(e => log(e.message, true)),
    joined.heartbeatSeconds * 1000);
}

function showPinned(message, expiresAt) {
  $("pinned").hidden = !message;
  if (message) $("pinned").textContent = `📌 ${message.displayName}: ${message.text} (until ${new Date(expiresAt).toLocaleTimeString()})`;
}

async function connectAndJoin() {
  roomId = $("roomId").value.trim();
  try {
    connection = new signalR.HubConnectionBuilder()
      .withUrl(api, { accessTokenFactory: () => token })
      .withAutomaticReconnect()
      .build();
    connection.on("roomEvents", batch => { if (batch.roomId === roomId) applyEvents(batch.events); });
    connection.onreconnecting(() => { $("state").textContent = "reconnecting"; });
    connection.onreconnected(async () => {
      $("state").textContent = "connected";
      await join();
      const before = lastSeq;
      await catchUp();
      log(`reconnected and caught up (${lastSeq - before} events)`);
    });
    connection.onclose(() => { $("state").textContent = "disconnected"; });
    await connection.start();
    $("state").textContent = "connected";
    await join();
    await loadHistory();
    for (const id of ["text", "sendButton", "likeButton", "giftButton", "giftPicker"]) $(id).disabled = false;
    await loadEconomy();
    log(`joined ${roomId}`);
  } catch (error) {
    log(error.message, true);
  }
}

async function send(event) {
  event.preventDefault();
  const text = $("text").value;
  try {
    await call("POST", `/rooms/${encodeURIComponent(roomId)}/messages`, { bearer: token, body: { text } });
    $("text").value = "";
  } catch (error) {
    log(error.message, true);
  }
}

async function interact(body) {
  try {
    await call("POST", `/rooms/${encodeURIComponent(roomId)}/interactions`, { bearer: token, body });
  } catch (error) {
    log(error.message, true);
  }
}

// The gift picker shows the tenant's catalog with prices; the client only ever says which gift and how many.
async function loadEconomy() {
  try {
    const [gifts, wallet] = await Promise.all([call("GET", "/gifts?limit=100", { bearer: token }), call("GET", "/me/wallet", { bearer: token })]);
    $("giftPicker").replaceChildren(...gifts.items.filter(g => g.active).map(g => {
      const option = document.createElement("option");
      option.value = g.id;
      option.textContent = `${g.name} — ${g.price} coins`;
      return option;
    }));
    $("balance").textContent = wallet.balance;
  } catch (error) {
    log(error.message, true);
  }
}

async function sendGift() {
  const giftId = $("giftPicker").value;
  if (!giftId) {
    $("giftOutcome").textContent = "the catalog is empty: a partner defines gifts with PUT /api/gifts/{giftId}";
    return;
  }

  // One key per tap: a retried request is then debited and counted once.
  const idempotencyKey = crypto.randomUUID().replaceAll("-", "");
  try {
    const sent = await call("POST", `/rooms/${encodeURIComponent(roomId)}/interactions`, { bearer: token, body: { type: "gift", giftId, count: 1, idempotencyKey } });
    $("balance").textContent = sent.balance;
    $("giftOutcome").textContent = sent.delivery === "queued" ? "sent (delivery queued)" : "sent";
  } catch (error) {
    $("giftOutcome").textContent = error.status === 402 ? `not enough coins (balance ${error.problem.balance}, needs ${error.problem.required})` : "not sent";
    log(error.message, true);
  }
}

async function recommend() {
  try {
    const list = await call("GET", "/me/recommendations", { bearer: token });
    $("recommendations").replaceChildren(...list.items.map(item => {
      const entry = document.createElement("li");
      entry.textContent = `${item.title} (${item.roomId}) — ${item.reasons.join("; ")}`;
      return entry;
    }));
  } catch (error) {
    log(error.message, true);
  }
}

// Leaving ends the viewing: the server credits watch time up to now (without a leave, up to the last heartbeat it saw).
window.addEventListener("pagehide", () => {
  if (roomId && token && heartbeat) {
    fetch(`${api}/rooms/${encodeURIComponent(roomId)}/leave`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, keepalive: true });
  }
});

$("signinButton").addEventListener("click", signIn);
$("joinButton").addEventListener("click", connectAndJoin);
$("chatForm").addEventListener("submit", send);
$("likeButton").addEventListener("click", () => interact({ type: "like", count: 1 }));
$("giftButton").addEventListener("click", sendGift);
$("recommendButton").addEventListener("click", recommend);
