// The map: world countries (world-atlas, bundled), centred on Africa, with a
// great-circle line per partnership between the two countries' centroids.
import { geoNaturalEarth1, geoPath, geoInterpolate } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { domainColor, stateStyle, ANCHORS } from './colors.js';

const SVGNS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

export class PartnershipMap {
  constructor(svg, tooltip, { onPair, onCountry }) {
    this.svg = svg;
    this.tooltip = tooltip;
    this.onPair = onPair;
    this.onCountry = onCountry;
    this.countries = feature(world, world.objects.countries).features;
    this.byNumeric = new Map(); // "024" -> iso3 (from /api/countries)
    this.positions = new Map(); // iso3 -> [lon, lat]
    this.names = new Map();
    this.edges = [];
    this.extra = [];
    this.selectedPair = null;
    this.focusCountry = null;
    this.gLand = el('g', { class: 'land' }, svg);
    this.gLines = el('g', { class: 'lines' }, svg);
    this.gNodes = el('g', { class: 'nodes' }, svg);
    new ResizeObserver(() => this.resize()).observe(svg);
  }

  setCountries(list) {
    for (const c of list) {
      this.byNumeric.set(String(c.numeric).padStart(3, '0'), c.iso3);
      if (ANCHORS[c.iso3]) this.positions.set(c.iso3, ANCHORS[c.iso3]);
      else if (c.lat !== null && c.lon !== null) this.positions.set(c.iso3, [c.lon, c.lat]);
      this.names.set(c.iso3, c.name);
    }
    this.drawLand();
  }

  // Widen the frame to the partners seen (once, on the latest network, so
  // the map does not jump while the slider replays), within reason.
  frameTo(isos) {
    this.extra = [];
    for (const iso of isos) {
      const p = this.positions.get(iso);
      if (p && p[0] > -100 && p[0] < 125 && p[1] < 66) this.extra.push(p);
    }
    this.resize();
  }

  resize() {
    const r = this.svg.getBoundingClientRect();
    if (!r.width || !r.height) return;
    this.w = r.width;
    this.h = r.height;
    this.svg.setAttribute('viewBox', `0 0 ${this.w} ${this.h}`);
    // Africa and its usual partners (Europe, Russia, the Gulf, Turkey) fill
    // the frame; the Americas and East Asia stay visible at the edges.
    this.projection = geoNaturalEarth1().rotate([-15, 0]);
    const frame = { type: 'MultiPoint', coordinates: [[-22, -36], [55, -36], [55, 45], [-22, 45], ...this.extra] };
    this.projection.fitExtent([[8, 8], [this.w - 8, this.h - 8]], frame);
    this.path = geoPath(this.projection);
    this.drawLand();
    this.drawEdges();
  }

  drawLand() {
    if (!this.path) return;
    this.gLand.replaceChildren();
    el('path', { d: this.path({ type: 'Sphere' }), class: 'sphere' }, this.gLand);
    for (const f of this.countries) {
      const iso3 = this.byNumeric.get(String(f.id).padStart(3, '0'));
      const p = el('path', { d: this.path(f), class: 'country', 'data-iso3': iso3 || '' }, this.gLand);
      const name = (iso3 && this.names.get(iso3)) || f.properties.name;
      p.addEventListener('mousemove', (ev) => this.showTip(ev, `<b>${esc(name)}</b>${iso3 ? ` · ${iso3}` : ''}<br><span class="muted">click to filter</span>`));
      p.addEventListener('mouseleave', () => this.hideTip());
      if (iso3) p.addEventListener('click', () => this.onCountry(iso3));
    }
    this.paintCountries();
  }

  paintCountries() {
    const involved = new Set();
    for (const e of this.edges) { involved.add(e.a); involved.add(e.b); }
    for (const p of this.gLand.querySelectorAll('path.country')) {
      const iso = p.getAttribute('data-iso3');
      p.classList.toggle('involved', involved.has(iso));
      p.classList.toggle('focus', iso && iso === this.focusCountry);
    }
  }

  setEdges(edges, focusCountry) {
    this.edges = edges;
    this.focusCountry = focusCountry || null;
    this.paintCountries();
    this.drawEdges();
  }

  select(pair) {
    this.selectedPair = pair;
    for (const g of this.gLines.querySelectorAll('g.pair')) {
      g.classList.toggle('selected', g.getAttribute('data-pair') === pair);
    }
  }

  arc(a, b) {
    const pa = this.positions.get(a);
    const pb = this.positions.get(b);
    if (!pa || !pb) return null;
    const interp = geoInterpolate(pa, pb);
    const pts = [];
    for (let i = 0; i <= 24; i++) pts.push(interp(i / 24));
    return this.path({ type: 'LineString', coordinates: pts });
  }

  drawEdges() {
    if (!this.path) return;
    this.gLines.replaceChildren();
    this.gNodes.replaceChildren();
    // Ended first, so live partnerships are drawn on top of them.
    const order = { ended: 0, discussed: 1, agreed: 2, active: 3 };
    const edges = [...this.edges].sort((x, y) => (order[x.state] ?? 0) - (order[y.state] ?? 0));
    // Two domains on one pair: offset the second line slightly.
    const seen = new Map();
    for (const e of edges) {
      const d = this.arc(e.a, e.b);
      if (!d) continue;
      const pair = e.pair;
      const k = seen.get(pair) || 0;
      seen.set(pair, k + 1);
      const st = stateStyle(e.state);
      const g = el('g', { class: 'pair', 'data-pair': pair, 'data-state': e.state, 'data-domain': e.domain,
        transform: k ? `translate(${k * 2.5},${k * 2.5})` : null }, this.gLines);
      el('path', { d, class: 'hit' }, g); // a wide invisible stroke: easy to hover and click
      el('path', {
        d, class: 'line', stroke: domainColor(e.domain), 'stroke-width': st.width,
        'stroke-dasharray': st.dash, 'stroke-opacity': st.opacity,
      }, g);
      g.addEventListener('mousemove', (ev) => this.showTip(ev, edgeTip(e, this.names)));
      g.addEventListener('mouseleave', () => this.hideTip());
      g.addEventListener('click', () => this.onPair(e.a, e.b));
      if (pair === this.selectedPair) g.classList.add('selected');
    }
    const nodes = new Set();
    for (const e of this.edges) { nodes.add(e.a); nodes.add(e.b); }
    for (const iso of nodes) {
      const p = this.positions.get(iso);
      if (!p) continue;
      const [x, y] = this.projection(p);
      const g = el('g', { class: 'node', 'data-iso3': iso, transform: `translate(${x},${y})` }, this.gNodes);
      el('circle', { r: iso === this.focusCountry ? 5 : 3.5 }, g);
      const t = el('text', { x: 6, y: 4 }, g);
      t.textContent = iso;
      g.addEventListener('click', () => this.onCountry(iso));
    }
  }

  showTip(ev, html) {
    const r = this.svg.getBoundingClientRect();
    this.tooltip.innerHTML = html;
    this.tooltip.hidden = false;
    const x = Math.min(ev.clientX - r.left + 14, r.width - 260);
    this.tooltip.style.left = `${x}px`;
    this.tooltip.style.top = `${ev.clientY - r.top + 14}px`;
  }

  hideTip() { this.tooltip.hidden = true; }
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function edgeTip(e, names) {
  const n = (c) => esc(names.get(c) || c);
  return `<b>${n(e.a)} – ${n(e.b)}</b><br>${esc(e.domain)} · <b>${esc(e.state)}</b> since ${esc(e.since)}` +
    `<br>${e.events} event${e.events === 1 ? '' : 's'}, last ${esc(e.last)}<br><span class="muted">click for the evidence</span>`;
}
