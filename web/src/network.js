// The partner network (cytoscape): countries as nodes sized by their number
// of partners, partnerships as edges styled like the map's lines.
import cytoscape from 'cytoscape';
import { domainColor, STATE_STYLE } from './colors.js';

export class PartnerNetwork {
  constructor(container, { onPair, onCountry, names }) {
    this.names = names;
    this.cy = cytoscape({
      container,
      minZoom: 0.3,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      style: [
        { selector: 'node', style: {
          label: 'data(id)', 'font-size': 10, 'font-weight': 600, color: '#1f2933',
          'text-valign': 'center', 'text-halign': 'center',
          'background-color': '#e8edf3', 'border-width': 1.5, 'border-color': '#7b8794',
          width: 'mapData(degree, 1, 8, 26, 44)', height: 'mapData(degree, 1, 8, 26, 44)',
        } },
        { selector: 'node.focus', style: { 'background-color': '#ffd166', 'border-color': '#b7791f' } },
        { selector: 'edge', style: {
          width: (e) => (STATE_STYLE[e.data('state')] || STATE_STYLE.discussed).width + 0.6,
          'line-color': (e) => domainColor(e.data('domain')),
          'line-style': (e) => ({ discussed: 'dashed', ended: 'dotted' }[e.data('state')] || 'solid'),
          opacity: (e) => (STATE_STYLE[e.data('state')] || STATE_STYLE.discussed).opacity,
          'curve-style': 'bezier',
        } },
        { selector: 'edge.selected', style: { width: 5, opacity: 1, 'underlay-color': '#ffd166', 'underlay-opacity': 0.6, 'underlay-padding': 3 } },
      ],
      layout: { name: 'preset' },
    });
    this.cy.on('tap', 'edge', (ev) => onPair(ev.target.data('a'), ev.target.data('b')));
    this.cy.on('tap', 'node', (ev) => onCountry(ev.target.id()));
    this.cy.on('mouseover', 'edge', (ev) => { container.title = this.edgeTitle(ev.target.data()); });
    this.cy.on('mouseover', 'node', (ev) => { container.title = `${this.names.get(ev.target.id()) || ev.target.id()}: ${ev.target.data('degree')} partner(s); click to filter`; });
    this.cy.on('mouseout', () => { container.title = ''; });
  }

  edgeTitle(d) {
    const n = (c) => this.names.get(c) || c;
    return `${n(d.a)} – ${n(d.b)}: ${d.domain}, ${d.state} since ${d.since} (${d.events} events). Click for evidence.`;
  }

  setEdges(edges, focus) {
    const cy = this.cy;
    const degree = new Map();
    for (const e of edges) {
      degree.set(e.a, (degree.get(e.a) || 0) + 1);
      degree.set(e.b, (degree.get(e.b) || 0) + 1);
    }
    const wantNodes = new Set(degree.keys());
    const wantEdges = new Set(edges.map((e) => `${e.pair}|${e.domain}`));
    let added = false;
    cy.batch(() => {
      cy.edges().forEach((e) => { if (!wantEdges.has(e.id())) e.remove(); });
      cy.nodes().forEach((n) => { if (!wantNodes.has(n.id())) n.remove(); });
      for (const [id, deg] of degree) {
        const n = cy.getElementById(id);
        if (n.empty()) { cy.add({ group: 'nodes', data: { id, degree: deg } }); added = true; }
        else n.data('degree', deg);
      }
      for (const e of edges) {
        const id = `${e.pair}|${e.domain}`;
        const data = { id, source: e.a, target: e.b, a: e.a, b: e.b, pair: e.pair, domain: e.domain, state: e.state, since: e.since, events: e.events };
        const x = cy.getElementById(id);
        if (x.empty()) { cy.add({ group: 'edges', data }); added = true; }
        else x.data(data);
      }
      cy.nodes().forEach((n) => n.toggleClass('focus', n.id() === focus));
    });
    // Lay out again only when the graph grew: moving every node on each
    // slider step would make the replay impossible to follow.
    if (added && cy.nodes().length) {
      cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000,
        idealEdgeLength: () => 70, padding: 16, fit: true }).run();
    }
  }

  select(pair) {
    this.cy.edges().forEach((e) => e.toggleClass('selected', e.data('pair') === pair));
  }

  edgePairs() { return this.cy.edges().map((e) => `${e.data('pair')}:${e.data('state')}`); }
  resize() { this.cy.resize(); this.cy.fit(undefined, 16); }
}
