// The pair view: how a partnership between two countries moved (state
// bands per domain), and every event with its sentence and source.
import { get } from './api.js';
import { domainColor } from './colors.js';
import { esc } from './map.js';

const SVGNS = 'http://www.w3.org/2000/svg';
const STATE_FILL = { discussed: '#f2c57c', agreed: '#7fb3d5', active: '#2e7d32', ended: '#b0b7c0' };

function dayNum(d) { return Date.parse(`${d}T00:00:00Z`) / 86400000; }

export class DyadView {
  constructor(root, names) {
    this.root = root;
    this.names = names;
    this.title = root.querySelector('#dyad-title');
    this.states = root.querySelector('#dyad-states');
    this.svg = root.querySelector('#dyad-timeline');
    this.list = root.querySelector('#dyad-events');
    this.all = root.querySelector('#dyad-all');
    this.pickA = root.querySelector('#pick-a');
    this.pickB = root.querySelector('#pick-b');
    this.pair = null;
    this.token = 0;
  }

  setCountryOptions(list) {
    const opts = ['<option value="">country…</option>']
      .concat(list.map((c) => `<option value="${esc(c.iso3)}">${esc(c.name)} (${esc(c.iso3)})</option>`)).join('');
    this.pickA.innerHTML = opts;
    this.pickB.innerHTML = opts;
  }

  async show(a, b, asOf) {
    const my = ++this.token;
    this.pair = [a, b];
    this.root.hidden = false;
    this.pickA.value = a;
    this.pickB.value = b;
    const n = (c) => this.names.get(c) || c;
    this.title.innerHTML = `${esc(n(a))} – ${esc(n(b))} <span class="muted">as of ${esc(asOf || 'latest')}</span>`;
    this.list.innerHTML = '<li class="loading">loading…</li>';
    this.states.textContent = '';
    let tl, partners;
    try {
      [tl, partners] = await Promise.all([
        get('timeline', { a, b, all: this.all.checked ? 1 : '' }),
        get('partners', { country: a, as_of: asOf, evidence: 1 }),
      ]);
    } catch (err) {
      if (my === this.token) this.list.innerHTML = `<li class="error">${esc(err.message)}</li>`;
      return;
    }
    if (my !== this.token) return;
    const ps = (partners.partners || []).filter((p) => p.partner === b);
    const events = (tl.events || []).filter((e) => !asOf || !e.date || e.date <= asOf);
    const later = (tl.events || []).length - events.length;
    this.renderStates(ps, asOf);
    this.renderTimeline(ps, events, asOf);
    this.renderEvents(events, later);
  }

  renderStates(ps) {
    if (!ps.length) {
      this.states.innerHTML = '<span class="muted">No partnership as of this date (no counted event yet, or only hypothetical/negated ones).</span>';
      return;
    }
    this.states.innerHTML = ps.map((p) =>
      `<span class="chip" style="border-color:${domainColor(p.domain)}"><i style="background:${domainColor(p.domain)}"></i>` +
      `${esc(p.domain)}: <b class="state-${esc(p.state)}">${esc(p.state)}</b> since ${esc(p.since)} · ${p.events} event${p.events === 1 ? '' : 's'}</span>`).join('');
  }

  renderTimeline(ps, events, asOf) {
    const svg = this.svg;
    svg.replaceChildren();
    const dates = events.map((e) => e.date).filter(Boolean);
    for (const p of ps) for (const s of p.steps || []) dates.push(s.date);
    if (!dates.length) { svg.style.display = 'none'; return; }
    svg.style.display = '';
    const W = svg.clientWidth || 360;
    const rows = Math.max(ps.length, 1);
    const H = 26 + rows * 16;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('height', H);
    let lo = Math.min(...dates.map(dayNum));
    let hi = Math.max(...dates.map(dayNum), asOf ? dayNum(asOf) : -Infinity);
    if (hi - lo < 60) { lo -= 30; hi += 30; }
    const x = (d) => 8 + ((dayNum(d) - lo) / (hi - lo)) * (W - 16);
    const mk = (name, attrs) => {
      const e = document.createElementNS(SVGNS, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      svg.appendChild(e);
      return e;
    };
    // year ticks
    const y0 = new Date(lo * 86400000).getUTCFullYear();
    const y1 = new Date(hi * 86400000).getUTCFullYear();
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 8));
    for (let y = y0; y <= y1 + 1; y += step) {
      const xx = x(`${y}-01-01`);
      if (xx < 4 || xx > W - 4) continue;
      mk('line', { x1: xx, x2: xx, y1: 0, y2: H - 12, class: 'tick' });
      mk('text', { x: xx + 2, y: H - 2, class: 'tick-label' }).textContent = y;
    }
    // state bands, one row per domain
    ps.forEach((p, i) => {
      const y = 4 + i * 16;
      const steps = p.steps || [];
      steps.forEach((s, k) => {
        const end = k + 1 < steps.length ? steps[k + 1].date : (asOf || dates.sort().slice(-1)[0]);
        const r = mk('rect', { x: x(s.date), y, width: Math.max(2, x(end) - x(s.date)), height: 10, fill: STATE_FILL[s.to] || '#ccc', rx: 2 });
        const t = document.createElementNS(SVGNS, 'title');
        t.textContent = `${p.domain}: ${s.from} → ${s.to} on ${s.date}`;
        r.appendChild(t);
      });
    });
    // event ticks
    for (const e of events) {
      if (!e.date) continue;
      const c = mk('circle', { cx: x(e.date), cy: H - 18, r: 3.2, fill: domainColor(e.domain), class: `ev mod-${e.modality}` });
      const t = document.createElementNS(SVGNS, 'title');
      t.textContent = `${e.date} ${e.security || e.event} (${e.modality})`;
      c.appendChild(t);
    }
  }

  renderEvents(events, later) {
    if (!events.length) {
      this.list.innerHTML = '<li class="empty-li">No event between these two countries up to this date.' +
        (this.all.checked ? '' : ' Tick “all modalities” to see hypothetical and negated reports.') + '</li>';
      return;
    }
    const n = (c) => this.names.get(c) || c;
    const items = [...events].reverse().map((e) => {
      const who = `${esc(n(e.actor?.country))} → ${esc(e.recipient ? n(e.recipient.country) : '—')}`;
      const src = e.url
        ? `<a href="${esc(e.url)}" target="_blank" rel="noopener noreferrer">${esc(e.source || new URL(e.url, location.href).hostname)}</a>`
        : esc(e.source || 'unknown source');
      return `<li class="ev-item" data-doc="${esc(e.doc)}" data-sentence="${e.sentence}">
        <div class="ev-meta"><span class="date">${esc(e.date || 'undated')}</span>
          <span class="badge sec">${esc(e.security || e.event)}</span>
          <span class="badge mod mod-${esc(e.modality)}" title="modality">${esc(e.modality)}</span>
          <span class="who">${who}</span><span class="etype">${esc(e.event)} · CAMEO ${esc(e.cameo)}</span></div>
        <blockquote class="sentence">${highlight(e.text, e.trigger)}</blockquote>
        <div class="ev-src">${src}${e.title ? ` — <span class="title">${esc(e.title)}</span>` : ''}
          <button class="ctx" title="Show the sentences around this one">context</button></div>
        <div class="ctx-box" hidden></div></li>`;
    });
    if (later) items.push(`<li class="muted small">${later} later event${later === 1 ? '' : 's'} after this date (move the slider to see them).</li>`);
    this.list.innerHTML = items.join('');
    for (const btn of this.list.querySelectorAll('button.ctx')) {
      btn.addEventListener('click', async () => {
        const li = btn.closest('li');
        const box = li.querySelector('.ctx-box');
        if (!box.hidden) { box.hidden = true; return; }
        box.hidden = false;
        box.textContent = 'loading…';
        try {
          const ev = await get('evidence', { doc: li.dataset.doc, sentence: li.dataset.sentence });
          box.innerHTML = (ev.context || []).map((c) =>
            `<p class="${c.sentence === ev.sentence ? 'cur' : ''}">${esc(c.text)}</p>`).join('') ||
            '<p class="muted">no stored text around this sentence</p>';
        } catch (err) { box.textContent = err.message; }
      });
    }
  }
}

function highlight(text, trigger) {
  const t = esc(text || '');
  if (!trigger || trigger.length < 3) return t;
  const tr = esc(trigger);
  const i = t.toLowerCase().indexOf(tr.toLowerCase());
  return i < 0 ? t : `${t.slice(0, i)}<mark>${t.slice(i, i + tr.length)}</mark>${t.slice(i + tr.length)}`;
}
