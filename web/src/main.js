// pactwatch dashboard: wires the filters, the date slider, the map, the
// network, the "what changed" panel and the pair view to the JSON API.
import './style.css';
import { get, pairKey } from './api.js';
import { PartnershipMap, esc } from './map.js';
import { PartnerNetwork } from './network.js';
import { DyadView } from './dyad.js';
import { download } from './exports.js';
import { DOMAIN_COLORS, OTHER_COLOR, STATE_STYLE, STATE_ORDER, domainColor } from './colors.js';

const $ = (s) => document.querySelector(s);
const DAY = 86400000;
const toDay = (d) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);

const state = {
  first: null, last: null, asOf: null,
  country: '', domain: '', stateFilter: '', modality: '', since: '',
  edges: [], pair: null, seq: 0,
};
const names = new Map();
const positions = new Map();

const map = new PartnershipMap($('#map'), $('#tooltip'), { onPair: openPair, onCountry: toggleCountry });
const net = new PartnerNetwork($('#network'), { onPair: openPair, onCountry: toggleCountry, names });
const dyad = new DyadView($('#dyad'), names);

// Tests and power users: the current view, without scraping the canvas.
window.pactwatch = {
  state,
  edges: () => state.edges.map((e) => `${e.pair}:${e.domain}:${e.state}`),
  networkEdges: () => net.edgePairs(),
  setAsOf: (d) => setAsOf(d, true),
  openPair: (a, b) => openPair(a, b),
};

function legend() {
  const doms = Object.entries(DOMAIN_COLORS).map(([d, c]) => `<span><i class="sw" style="background:${c}"></i>${d}</span>`);
  doms.push(`<span><i class="sw" style="background:${OTHER_COLOR}"></i>other</span>`);
  const states = STATE_ORDER.map((s) => {
    const st = STATE_STYLE[s];
    return `<span title="${esc(st.label)}"><svg width="34" height="8"><line x1="1" y1="4" x2="33" y2="4" stroke="#44505c" stroke-width="${st.width}" stroke-dasharray="${st.dash || ''}" stroke-opacity="${st.opacity}"/></svg>${s}</span>`;
  });
  $('#legend').innerHTML = `<div class="lg-row"><b>Domain</b>${doms.join('')}</div><div class="lg-row"><b>State</b>${states.join('')}</div>`;
}

function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  for (const k of ['country', 'domain', 'modality', 'since']) if (h.get(k)) state[k] = h.get(k);
  if (h.get('state')) state.stateFilter = h.get('state');
  if (/^\d{4}-\d{2}-\d{2}$/.test(h.get('as_of') || '')) state.asOf = h.get('as_of');
  if (/^[A-Z]{3}-[A-Z]{3}$/.test(h.get('pair') || '')) state.pair = h.get('pair');
}

function writeHash() {
  const h = new URLSearchParams();
  if (state.asOf && state.asOf !== state.last) h.set('as_of', state.asOf);
  for (const k of ['country', 'domain', 'modality', 'since']) if (state[k]) h.set(k, state[k]);
  if (state.stateFilter) h.set('state', state.stateFilter);
  if (state.pair) h.set('pair', state.pair);
  history.replaceState(null, '', h.toString() ? `#${h}` : location.pathname);
}

function filterState(e) {
  if (!state.stateFilter) return true;
  if (state.stateFilter === 'live') return e.state !== 'ended';
  return e.state === state.stateFilter;
}

async function refresh() {
  const my = ++state.seq;
  document.body.dataset.loading = '1';
  let data;
  try {
    data = await get('network', { as_of: state.asOf, domain: state.domain, modality: state.modality, country: state.country, evidence: 1 });
  } catch (err) {
    showEmpty(`Could not load the network: ${err.message}`);
    return;
  }
  if (my !== state.seq) return;
  state.edges = (data.edges || []).filter(filterState).map((e) => ({ ...e, pair: pairKey(e.a, e.b) }));
  map.setEdges(state.edges, state.country);
  map.select(state.pair);
  net.setEdges(state.edges, state.country);
  net.select(state.pair);
  const counts = {};
  for (const e of state.edges) counts[e.state] = (counts[e.state] || 0) + 1;
  const summary = STATE_ORDER.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(', ');
  $('#range-label').textContent = `${state.edges.length} partnership${state.edges.length === 1 ? '' : 's'}${summary ? ` (${summary})` : ''}`;
  if (!state.edges.length) {
    const f = [state.country && names.get(state.country), state.domain, state.stateFilter, state.modality].filter(Boolean).join(', ');
    showEmpty(`No partnership as of ${state.asOf}${f ? ` with these filters (${esc(f)})` : ''}. Move the date slider or clear the filters.`);
  } else showEmpty(null);
  await refreshChanges(my);
  if (state.pair && !$('#dyad').hidden) {
    const [a, b] = state.pair.split('-');
    await dyad.show(a, b, state.asOf);
  }
  if (my === state.seq) {
    document.body.dataset.loading = '';
    document.body.dataset.asOf = state.asOf;
  }
  writeHash();
}

function showEmpty(msg) {
  for (const id of ['#map-empty', '#net-empty']) {
    $(id).hidden = !msg;
    $(id).innerHTML = msg || '';
  }
}

async function refreshChanges(my) {
  const since = state.since || fromDay(toDay(state.asOf) - 365);
  $('#since').value = since;
  const ol = $('#changes');
  let data;
  try {
    data = await get('changes', { since, until: state.asOf, country: state.country, domain: state.domain });
  } catch (err) {
    ol.innerHTML = `<li class="error">${esc(err.message)}</li>`;
    return;
  }
  if (my !== state.seq) return;
  const items = (data.changes || []).slice().reverse();
  if (!items.length) {
    ol.innerHTML = `<li class="empty-li">No partnership changed state between ${esc(since)} and ${esc(state.asOf)}.</li>`;
    return;
  }
  const n = (c) => esc(names.get(c) || c);
  ol.innerHTML = items.map((c) => `<li data-a="${esc(c.a)}" data-b="${esc(c.b)}" title="${esc(c.evidence?.text || '')}">
      <span class="date">${esc(c.date)}</span>
      <span class="pair"><i class="sw" style="background:${domainColor(c.domain)}"></i>${n(c.a)} – ${n(c.b)}</span>
      <span class="move"><span class="state-${esc(c.from)}">${esc(c.from)}</span> → <b class="state-${esc(c.to)}">${esc(c.to)}</b></span>
      <span class="snip">${esc((c.evidence?.text || '').slice(0, 140))}</span></li>`).join('');
  for (const li of ol.querySelectorAll('li[data-a]')) li.addEventListener('click', () => openPair(li.dataset.a, li.dataset.b));
}

function openPair(a, b) {
  if (!a || !b || a === b) return;
  state.pair = pairKey(a, b);
  map.select(state.pair);
  net.select(state.pair);
  $('.net-panel').classList.add('shrunk');
  setTimeout(() => net.resize(), 0);
  dyad.show(a, b, state.asOf).then(() => { document.body.dataset.pair = state.pair; });
  writeHash();
}

function closePair() {
  state.pair = null;
  $('#dyad').hidden = true;
  $('.net-panel').classList.remove('shrunk');
  map.select(null);
  net.select(null);
  document.body.dataset.pair = '';
  setTimeout(() => net.resize(), 0);
  writeHash();
}

function toggleCountry(iso3) {
  state.country = state.country === iso3 ? '' : iso3;
  $('#f-country').value = state.country;
  refresh();
}

let debounce = null;
function setAsOf(d, now = false) {
  state.asOf = d < state.first ? state.first : d > state.last ? state.last : d;
  $('#slider').value = toDay(state.asOf) - toDay(state.first);
  $('#asof-label').textContent = state.asOf;
  clearTimeout(debounce);
  if (now) return refresh();
  debounce = setTimeout(refresh, 120);
  return null;
}

let playing = null;
function togglePlay() {
  if (playing) { clearInterval(playing); playing = null; $('#play').textContent = '▶'; return; }
  const total = toDay(state.last) - toDay(state.first);
  const step = Math.max(1, Math.round(total / 150));
  if (state.asOf >= state.last) setAsOf(state.first, true);
  $('#play').textContent = '❚❚';
  playing = setInterval(() => {
    const next = toDay(state.asOf) + step;
    if (next >= toDay(state.last)) { setAsOf(state.last, true); togglePlay(); return; }
    setAsOf(fromDay(next), true);
  }, 160);
}

async function init() {
  legend();
  readHash();
  let stats, countries;
  try {
    [stats, countries] = await Promise.all([get('stats'), get('countries')]);
  } catch (err) {
    $('#stats').textContent = `API unavailable: ${err.message}`;
    showEmpty(`The API did not answer (${esc(err.message)}). Is <code>pactwatch serve</code> running?`);
    return;
  }
  const list = (countries.countries || []).sort((x, y) => x.name.localeCompare(y.name));
  for (const c of list) {
    names.set(c.iso3, c.name);
  }
  for (const [iso, p] of map.positions) {
    positions.set(iso, p);
  }
  map.setCountries(list);
  dyad.setCountryOptions(list);
  $('#f-country').innerHTML = '<option value="">all</option>' +
    list.map((c) => `<option value="${esc(c.iso3)}">${esc(c.name)} (${esc(c.iso3)})</option>`).join('');
  $('#stats').innerHTML = `<b>${stats.documents.toLocaleString()}</b> documents · <b>${stats.events.toLocaleString()}</b> events · ` +
    `<b>${stats.security_events.toLocaleString()}</b> security · <b>${stats.pairs}</b> pairs` +
    (stats.first_date ? ` · ${stats.first_date} → ${stats.last_date}` : '');
  if (!stats.first_date) {
    state.first = state.last = state.asOf = new Date().toISOString().slice(0, 10);
    showEmpty('The store holds no dated event yet. Fill it with <code>pactwatch ingest --db FILE docs.jsonl</code> (or POST /api/documents) and reload.');
    document.body.dataset.asOf = state.asOf;
    return;
  }
  state.first = stats.first_date;
  state.last = stats.last_date;
  const slider = $('#slider');
  slider.min = 0;
  slider.max = toDay(state.last) - toDay(state.first);
  slider.title = `${state.first} … ${state.last}`;
  slider.addEventListener('input', () => setAsOf(fromDay(toDay(state.first) + Number(slider.value))));
  for (const [id, key] of [['#f-country', 'country'], ['#f-domain', 'domain'], ['#f-state', 'stateFilter'], ['#f-modality', 'modality']]) {
    $(id).value = state[key];
    $(id).addEventListener('change', (ev) => { state[key] = ev.target.value; refresh(); });
  }
  $('#since').addEventListener('change', (ev) => { state.since = ev.target.value; refreshChanges(state.seq); writeHash(); });
  $('#play').addEventListener('click', togglePlay);
  $('#latest').addEventListener('click', () => setAsOf(state.last, true));
  $('#dyad-close').addEventListener('click', closePair);
  $('#open-pick').addEventListener('click', () => {
    $('#dyad').hidden = false;
    $('.net-panel').classList.add('shrunk');
    setTimeout(() => net.resize(), 0);
    $('#dyad-title').textContent = 'Choose two countries';
    $('#dyad-events').innerHTML = '<li class="empty-li">Pick two countries above to see their timeline and evidence.</li>';
    $('#dyad-states').textContent = '';
    $('#dyad-timeline').replaceChildren();
  });
  $('#dyad-all').addEventListener('change', () => state.pair && dyad.show(...state.pair.split('-'), state.asOf));
  const pick = () => { const a = $('#pick-a').value; const b = $('#pick-b').value; if (a && b && a !== b) openPair(a, b); };
  $('#pick-a').addEventListener('change', pick);
  $('#pick-b').addEventListener('change', pick);
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && state.pair) closePair(); });
  for (const kind of ['csv', 'geojson', 'gexf']) {
    $(`#dl-${kind}`).addEventListener('click', () => download(kind, state.edges, { asOf: state.asOf, names, positions }));
  }
  try {
    const all = await get('network', { evidence: 1 });
    map.frameTo(new Set((all.edges || []).flatMap((e) => [e.a, e.b])));
  } catch { /* the frame stays on Africa */ }
  const pair = state.pair;
  await setAsOf(state.asOf || state.last, true);
  if (pair) openPair(...pair.split('-'));
}

init();
