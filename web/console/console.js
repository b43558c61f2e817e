// The partner console: a tenant's rooms, campaigns, wallets, webhooks and usage, read with the tenant's partner key through the
// partner API (the same routes a partner's backend calls). The key lives in this tab's sessionStorage only.
import { api, apiBase, ProblemError } from '/shared/api.js';
import { el, setText } from '/shared/dom.js';
import { drawChart } from './charts.js';

const KEY_STORAGE = 'liveserverless.console.partnerKey';

/** The room's event log is read in pages of this size, and at most this many pages (the newest night fits; a longer one is cut). */
const EVENTS_PAGE = 100;
const EVENT_PAGES_MAX = 50;

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const SLOT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
const MONEY = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const PERCENT = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 });

let partnerKey = sessionStorage.getItem(KEY_STORAGE);

/** The tenant's users (first page of 100), read once per sign-in: wallets list them, tables name people by them. */
let usersOnce = null;
const tenantUsers = () => (usersOnce ??= allPages('/api/users', 100, 1));

/** "Display Name (id)" when the user is known (a key without the users scope still shows ids). */
async function personLabel(userId) {
  const users = await tenantUsers().catch(() => []);
  const user = users.find(u => u.id === userId);
  return user ? `${user.displayName} (${user.id})` : userId;
}

/** The partner API with this session's key. */
const partner = (path, options = {}) => api(path, { ...options, partnerKey });

// ---- signing in ---------------------------------------------------------------------------------------------------------

document.getElementById('signinForm').addEventListener('submit', async event => {
  event.preventDefault();
  await signIn(document.getElementById('partnerKey').value.trim());
});

document.getElementById('signoutButton').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORAGE);
  partnerKey = null;
  showSignedOut('Signed out.');
});

// The demo tenant's key comes from DevHost's development-only route; the Azure build has no such route, and a deployment's
// config.js names another origin, so the offer is only made when the page and the API share DevHost's origin.
document.getElementById('demoOffer').hidden = apiBase() !== '';
document.getElementById('demoButton').addEventListener('click', async () => {
  try {
    const demo = await api('/dev/partner-key', { method: 'POST' });
    await signIn(demo.apiKey);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) {
      document.getElementById('demoOffer').hidden = true;
      setText('signinStatus', 'There is no demo tenant on this server; paste a partner key instead.');
      return;
    }
    setText('signinStatus', describe(error));
  }
});

async function signIn(key) {
  if (!key) return;
  setText('signinStatus', 'Signing in…');
  try {
    // Any partner route proves the key; usage needs no particular scope.
    await api('/api/usage', { partnerKey: key });
  } catch (error) {
    setText('signinStatus', describe(error));
    return;
  }
  partnerKey = key;
  usersOnce = null;
  sessionStorage.setItem(KEY_STORAGE, key);
  document.getElementById('partnerKey').value = '';
  setText('signinStatus', '');
  await showConsole();
}

function showSignedOut(message) {
  // Nothing of the previous tenant stays on the page for the next key.
  for (const id of ['statement', 'deliveries']) document.getElementById(id).hidden = true;
  for (const canvas of document.querySelectorAll('#console canvas')) window.Chart.getChart(canvas)?.destroy();
  for (const node of document.querySelectorAll('#console .charts > div, #console dl.figures, #console tbody, #console select')) node.replaceChildren();
  for (const id of ['roomsProblem', 'campaignsProblem', 'walletsProblem', 'webhooksProblem', 'usageProblem', 'deliveriesStatus']) setText(id, '');
  document.getElementById('console').hidden = true;
  document.getElementById('session').hidden = true;
  document.getElementById('signin').hidden = false;
  setText('signinStatus', message);
  document.getElementById('partnerKey').focus();
}

async function showConsole() {
  document.getElementById('signin').hidden = true;
  document.getElementById('console').hidden = false;
  document.getElementById('session').hidden = false;
  // A partner key reads lsk.<tenantId>.<keyId>.<secret>: the tenant is the one part worth showing.
  setText('tenantName', `Tenant ${partnerKey.split('.')[1] ?? ''}`);
  await Promise.all([loadRooms(), loadCampaigns(), loadWallets(), loadWebhooks(), loadUsage()]);
  document.body.dataset.loaded = 'true';
}

// ---- rooms ---------------------------------------------------------------------------------------------------------------

const roomSelect = document.getElementById('roomSelect');
roomSelect.addEventListener('change', () => loadRoom(roomSelect.value));
document.getElementById('roomRefresh').addEventListener('click', () => loadRoom(roomSelect.value));

async function loadRooms() {
  await guarded('roomsProblem', async () => {
    const rooms = await allPages('/api/rooms', 100);
    // Live rooms first, then the most recent.
    rooms.sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live') || String(b.createdAt).localeCompare(String(a.createdAt)));
    fillSelect(roomSelect, rooms, room => `${room.title} (${room.id}, ${room.status})`, 'No rooms yet');
    if (rooms.length > 0) await loadRoom(rooms[0].id);
  });
}

async function loadRoom(roomId) {
  if (!roomId) return;
  setText('roomsProblem', '');
  await Promise.all([
    guarded('roomsProblem', () => loadRoomTimeline(roomId)),
    guarded('roomsProblem', () => loadRoomStats(roomId)),
    guarded('roomsProblem', () => loadModerationLog(roomId)),
  ]);
}

/**
 * The room's night over time, from its event log: every `viewers` event is the audience at that moment, every `roomStats`
 * event the room's totals after a processed batch of interactions (and its heat, the decayed interaction rate).
 */
async function loadRoomTimeline(roomId) {
  const viewers = [];
  const stats = [];
  let continuationToken = null;
  for (let page = 0; page < EVENT_PAGES_MAX; page++) {
    const query = new URLSearchParams({ after: '0', limit: String(EVENTS_PAGE) });
    if (continuationToken) query.set('continuationToken', continuationToken);
    const events = await partner(`/api/rooms/${encodeURIComponent(roomId)}/events?${query}`);
    for (const event of events.items) {
      if (event.type === 'viewers') viewers.push({ at: event.at, count: event.data.count });
      if (event.type === 'roomStats') stats.push({ at: event.at, ...event.data });
    }
    continuationToken = events.continuationToken;
    if (!continuationToken) break;
  }

  drawChart(document.getElementById('roomViewersChart'), {
    title: 'Viewers over time',
    emptyText: 'No audience changes recorded yet.',
    labels: viewers.map(v => TIME.format(new Date(v.at))),
    series: [{ label: 'Viewers', values: viewers.map(v => v.count), stepped: true }],
    xTitle: 'Time',
    yTitle: 'Viewers',
  });
  const statLabels = stats.map(s => TIME.format(new Date(s.at)));
  drawChart(document.getElementById('roomEngagementChart'), {
    title: 'Likes and gifts over time',
    emptyText: 'No likes or gifts processed yet.',
    labels: statLabels,
    series: [
      { label: 'Likes', values: stats.map(s => s.likes) },
      { label: 'Gifts', values: stats.map(s => s.giftCount) },
      { label: 'Gift value (coins)', values: stats.map(s => s.giftValue), axis: 'y2' },
    ],
    xTitle: 'Time',
    yTitle: 'Likes and gifts',
    y2Title: 'Coins',
  });
  drawChart(document.getElementById('roomHeatChart'), {
    title: 'Heat over time',
    emptyText: 'No heat recorded yet.',
    labels: statLabels,
    series: [{ label: 'Heat', values: stats.map(s => s.heat) }],
    xTitle: 'Time',
    yTitle: 'Heat (decayed interactions)',
  });
}

async function loadRoomStats(roomId) {
  const stats = await partner(`/api/rooms/${encodeURIComponent(roomId)}/stats`);
  fillFigures('roomTotals', [
    ['Likes', NUMBER.format(stats.likes)],
    ['Gifts', NUMBER.format(stats.giftCount)],
    ['Gift value (coins)', NUMBER.format(stats.giftValue)],
    ['Messages', NUMBER.format(stats.messages)],
    ['Unique viewers', NUMBER.format(stats.uniqueViewers)],
    ['Watch time (min)', NUMBER.format(Math.round(stats.watchSeconds / 60))],
    ['Heat', NUMBER.format(stats.heat)],
  ]);
  const gifters = await Promise.all((stats.topGifters ?? []).map(async gifter => ({ ...gifter, name: await personLabel(gifter.userId) })));
  fillRows('topGifters', gifters, gifter => [gifter.name, NUMBER.format(gifter.value)], 'No gifts yet.');
}

async function loadModerationLog(roomId) {
  const actions = await allPages(`/api/rooms/${encodeURIComponent(roomId)}/moderation`, 100, 5);
  const people = new Map(await Promise.all([...new Set(actions.map(a => a.userId).filter(Boolean))].map(async id => [id, await personLabel(id)])));
  fillRows('moderationLog', actions, action => [
    WHEN.format(new Date(action.at)),
    action.action,
    people.get(action.userId) ?? '',
    `${action.by?.kind ?? ''} ${action.by?.id ?? ''}`.trim(),
    moderationDetail(action),
  ], 'No moderation actions.');
}

function moderationDetail(action) {
  if (action.until) return `until ${WHEN.format(new Date(action.until))}`;
  if (action.slowModeSeconds !== null && action.slowModeSeconds !== undefined) return `${action.slowModeSeconds} s`;
  return action.reason ?? action.messageId ?? '';
}

// ---- campaigns -----------------------------------------------------------------------------------------------------------

const campaignSelect = document.getElementById('campaignSelect');
campaignSelect.addEventListener('change', () => loadCampaign(campaignSelect.value));
document.getElementById('campaignRefresh').addEventListener('click', () => loadCampaign(campaignSelect.value));

async function loadCampaigns() {
  await guarded('campaignsProblem', async () => {
    const campaigns = await allPages('/api/campaigns', 100);
    fillSelect(campaignSelect, campaigns, c => `${c.name} (${c.status})`, 'No campaigns yet');
    if (campaigns.length > 0) await loadCampaign(campaigns[0].id);
  });
}

async function loadCampaign(campaignId) {
  if (!campaignId) return;
  setText('campaignsProblem', '');
  await guarded('campaignsProblem', async () => {
    const id = encodeURIComponent(campaignId);
    const [campaign, report] = await Promise.all([partner(`/api/campaigns/${id}`), partner(`/api/campaigns/${id}/report`)]);
    fillFigures('campaignFigures', [
      ['Impressions', NUMBER.format(report.impressions)],
      ['Clicks', NUMBER.format(report.clicks)],
      ['CTR', PERCENT.format(report.ctr)],
      ['Spend', MONEY.format(report.spend)],
      ['Remaining budget', MONEY.format(report.remainingBudget)],
      ['Total budget', MONEY.format(campaign.totalBudget)],
      ['Bid', `${MONEY.format(campaign.bid)} ${campaign.bidType.toUpperCase()}`],
    ]);
    drawChart(document.getElementById('pacingChart'), {
      title: 'Pacing: spend against plan per 15-minute slot',
      emptyText: 'The flight has not started yet.',
      type: 'bar',
      labels: report.pacing.map(p => SLOT.format(new Date(p.slotStart))),
      series: [
        { label: 'Planned spend', values: report.pacing.map(p => p.plannedSpend) },
        { label: 'Actual spend', values: report.pacing.map(p => p.actualSpend) },
      ],
      xTitle: 'Slot start',
      yTitle: 'Spend',
    });
  });
}

// ---- wallets -------------------------------------------------------------------------------------------------------------

async function loadWallets() {
  await guarded('walletsProblem', async () => {
    const users = await tenantUsers();
    const wallets = await Promise.all(users.map(user => partner(`/api/users/${encodeURIComponent(user.id)}/wallet`)));
    fillRows('walletTable', users.map((user, i) => ({ user, wallet: wallets[i] })), ({ user, wallet }) => [
      `${user.displayName} (${user.id})`,
      user.role,
      NUMBER.format(wallet.balance),
      NUMBER.format(wallet.credited),
      NUMBER.format(wallet.spent),
      MONEY.format(wallet.earnings),
      button('Statement', `Statement of ${user.displayName}`, () => loadStatement(user)),
    ], 'No users yet.');
  });
}

async function loadStatement(user) {
  await guarded('walletsProblem', async () => {
    const lines = await allPages(`/api/users/${encodeURIComponent(user.id)}/wallet/statement`, 100, 5);
    document.getElementById('statement').hidden = false;
    const heading = setText('statementHeading', `Statement: ${user.displayName} (${user.id})`);
    fillRows('statementTable', lines, line => [
      WHEN.format(new Date(line.at)),
      line.kind,
      NUMBER.format(line.coins),
      MONEY.format(line.earnings),
      line.giftId ? `${line.giftId} × ${line.count ?? 1}` : '',
      line.roomId ?? '',
      line.counterpartyUserId ?? '',
      line.reference,
    ], 'No statement lines.');
    heading.focus();
  });
}

// ---- webhooks ------------------------------------------------------------------------------------------------------------

let shownWebhook = null;
document.getElementById('deliveriesRefresh').addEventListener('click', () => shownWebhook && loadDeliveries(shownWebhook));

async function loadWebhooks() {
  await guarded('webhooksProblem', async () => {
    const hooks = await allPages('/api/webhooks', 100, 1);
    fillRows('webhookTable', hooks, hook => [
      hook.url,
      hook.events.join(', '),
      hook.enabled ? (hook.failingSince ? `failing since ${WHEN.format(new Date(hook.failingSince))}` : 'enabled') : `disabled: ${hook.disabledReason ?? ''}`,
      button('Deliveries', `Deliveries to ${hook.url}`, () => loadDeliveries(hook, true)),
    ], 'No webhook subscriptions.');
  });
}

async function loadDeliveries(hook, focus = false) {
  shownWebhook = hook;
  await guarded('webhooksProblem', async () => {
    const deliveries = await allPages(`/api/webhooks/${encodeURIComponent(hook.id)}/deliveries`, 100, 5);
    document.getElementById('deliveries').hidden = false;
    const heading = setText('deliveriesHeading', `Deliveries to ${hook.url}`);
    fillRows('deliveryTable', deliveries, delivery => {
      const last = delivery.attempts.at(-1);
      return [
        delivery.id,
        delivery.eventType,
        delivery.status,
        String(delivery.attempts.length),
        last ? `${WHEN.format(new Date(last.at))}: ${last.statusCode ?? last.error ?? 'no answer'} (${last.latencyMs} ms)` : '',
        delivery.nextAttemptAt ? WHEN.format(new Date(delivery.nextAttemptAt)) : '',
        delivery.status === 'delivered' ? '' : button('Retry', `Retry delivery ${delivery.id}`, () => retry(hook, delivery)),
      ];
    }, 'No deliveries yet.');
    if (focus) heading.focus();
  });
}

async function retry(hook, delivery) {
  await guarded('webhooksProblem', async () => {
    await partner(`/api/webhooks/${encodeURIComponent(hook.id)}/deliveries/${encodeURIComponent(delivery.id)}/retry`, { method: 'POST' });
    setText('deliveriesStatus', `Delivery ${delivery.id} is being sent again.`);
    await loadDeliveries(hook);
  });
}

// ---- usage ---------------------------------------------------------------------------------------------------------------

async function loadUsage() {
  await guarded('usageProblem', async () => {
    const usage = await partner('/api/usage');
    const days = [...usage.days].sort((a, b) => a.date.localeCompare(b.date));
    drawChart(document.getElementById('usageChart'), {
      title: `Usage per day (UTC), ${usage.from} to ${usage.to}`,
      emptyText: 'No usage in the last 7 days.',
      type: 'bar',
      labels: days.map(d => d.date),
      series: [
        { label: 'API calls', values: days.map(d => Object.values(d.apiCalls ?? {}).reduce((sum, n) => sum + n, 0)) },
        { label: 'Events ingested', values: days.map(d => d.eventsIngested) },
        { label: 'Chat messages', values: days.map(d => d.chatMessages) },
        { label: 'SignalR messages', values: days.map(d => d.signalRMessages) },
        { label: 'Webhook attempts', values: days.map(d => d.webhookDeliveries) },
      ],
      xTitle: 'Day',
      yTitle: 'Count',
    });
  });
}

// ---- helpers -------------------------------------------------------------------------------------------------------------

/** Runs `work`; a refusal is shown as the problem's title in the section's alert (a 401 signs out: the key is no longer good). */
async function guarded(problemId, work) {
  try {
    await work();
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) {
      sessionStorage.removeItem(KEY_STORAGE);
      partnerKey = null;
      showSignedOut(describe(error));
      return;
    }
    setText(problemId, describe(error));
  }
}

function describe(error) {
  if (error instanceof ProblemError) return error.detail ? `${error.title} ${error.detail}` : error.title;
  return error instanceof Error ? error.message : String(error);
}

/** Every item of a paged list (items + continuationToken), up to `maxPages` pages. */
async function allPages(path, limit, maxPages = 10) {
  const items = [];
  let continuationToken = null;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (continuationToken) query.set('continuationToken', continuationToken);
    const answer = await partner(`${path}?${query}`);
    items.push(...answer.items);
    continuationToken = answer.continuationToken;
    if (!continuationToken) break;
  }
  return items;
}

function fillSelect(select, items, label, emptyText) {
  const chosen = select.value;
  select.replaceChildren(...items.map(item => el('option', { text: label(item), attrs: { value: item.id } })));
  if (items.length === 0) select.append(el('option', { text: emptyText, attrs: { value: '' } }));
  if (items.some(item => item.id === chosen)) select.value = chosen;
}

/** Fills a table's body: one row per item, cells are text or elements (buttons). */
function fillRows(tableId, items, cells, emptyText) {
  const body = document.querySelector(`#${tableId} tbody`);
  const columns = document.querySelectorAll(`#${tableId} thead th`).length;
  if (items.length === 0) {
    body.replaceChildren(el('tr', { className: 'empty' }, el('td', { text: emptyText, attrs: { colspan: columns } })));
    return;
  }
  body.replaceChildren(...items.map(item => el('tr', {}, ...cells(item).map(cell => el('td', typeof cell === 'string' ? { text: cell } : {}, typeof cell === 'string' ? null : cell)))));
}

function fillFigures(listId, pairs) {
  document.getElementById(listId).replaceChildren(...pairs.flatMap(([term, value]) => [el('div', {}, el('dt', { text: term }), el('dd', { text: value }))]));
}

function button(text, accessibleName, onClick) {
  const node = el('button', { text, attrs: { type: 'button', 'aria-label': accessibleName } });
  node.addEventListener('click', onClick);
  return node;
}

// ---- start ---------------------------------------------------------------------------------------------------------------

if (partnerKey) {
  showConsole();
} else {
  showSignedOut('');
}
