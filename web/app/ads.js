// The ad slot: GET /api/ads/decision picks the ad for this viewer in this room; the impression is recorded when the ad is
// shown and the click when it is clicked, both as interactions carrying the decision's impressionToken (as the API requires).
import { api } from '../shared/api.js';
import { el } from '../shared/dom.js';

// A new campaign takes part in only a share of decisions until the pacing timer has seen it (docs/ads.md), so an empty slot
// asks again now and then: well inside the per-user decision limit (30 a minute).
const emptySlotRetryMilliseconds = 10000;

let shown = null;
let retry = null;

export async function showAd(token, roomId) {
  const slot = document.getElementById('adSlot');
  clearTimeout(retry);
  const ticket = shown = {};
  let decision;
  try {
    decision = await api(`/api/ads/decision?roomId=${encodeURIComponent(roomId)}`, { token });
  } catch {
    decision = null; // an ad is never worth an error on the page (e.g. the per-minute decision limit)
  }
  if (shown !== ticket) return;
  if (!decision) {
    slot.replaceChildren(el('p', { className: 'hint', text: 'No ad right now.' }));
    retry = setTimeout(() => showAd(token, roomId), emptySlotRetryMilliseconds);
    return;
  }
  const record = type => api(`/api/rooms/${encodeURIComponent(roomId)}/interactions`, { method: 'POST', token, body: { type, impressionToken: decision.impressionToken } });
  const image = el('img', { attrs: { src: decision.creative.imageUrl, alt: '', width: 320, height: 120 } });
  const link = el('a', { className: 'ad', attrs: { href: decision.creative.clickUrl, target: '_blank', rel: 'noopener sponsored', id: 'adLink' } },
    image, el('span', { className: 'ad-title', text: decision.creative.title }));
  const impression = record('ad_impression').catch(() => null);
  link.addEventListener('click', () => { impression.then(() => record('ad_click')).catch(() => {}); });
  slot.replaceChildren(link);
}

export function clearAd() {
  shown = null;
  clearTimeout(retry);
  document.getElementById('adSlot').replaceChildren(el('p', { className: 'hint', text: 'No ad right now.' }));
}
