// Downloads of what is on screen (after filters, as of the slider's date),
// built in the browser from the data already loaded.
function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const csvCell = (v) => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const xml = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

export function toCSV(edges, asOf) {
  const head = ['a', 'b', 'domain', 'state', 'since', 'last', 'events', 'as_of', 'evidence_doc', 'evidence_sentence', 'evidence_text', 'evidence_url'];
  const rows = edges.map((e) => {
    const ev = (e.evidence && e.evidence[0]) || {};
    return [e.a, e.b, e.domain, e.state, e.since, e.last, e.events, asOf, ev.doc, ev.sentence, ev.text, ev.url];
  });
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export function toGeoJSON(edges, positions, asOf) {
  const features = [];
  for (const e of edges) {
    const pa = positions.get(e.a);
    const pb = positions.get(e.b);
    if (!pa || !pb) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [pa, pb] },
      properties: { a: e.a, b: e.b, domain: e.domain, state: e.state, since: e.since, last: e.last, events: e.events, as_of: asOf },
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features }, null, 1) + '\n';
}

export function toGEXF(edges, names, asOf) {
  const nodes = new Set();
  for (const e of edges) { nodes.add(e.a); nodes.add(e.b); }
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta><creator>pactwatch</creator><description>security partnerships as of ${xml(asOf)}</description></meta>`,
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="edge">',
    '      <attribute id="domain" title="domain" type="string"/>',
    '      <attribute id="state" title="state" type="string"/>',
    '      <attribute id="since" title="since" type="string"/>',
    '      <attribute id="events" title="events" type="integer"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of [...nodes].sort()) out.push(`      <node id="${xml(n)}" label="${xml(names.get(n) || n)}"/>`);
  out.push('    </nodes>', '    <edges>');
  edges.forEach((e, i) => {
    out.push(`      <edge id="${i}" source="${xml(e.a)}" target="${xml(e.b)}" weight="${e.events}"><attvalues>` +
      `<attvalue for="domain" value="${xml(e.domain)}"/><attvalue for="state" value="${xml(e.state)}"/>` +
      `<attvalue for="since" value="${xml(e.since)}"/><attvalue for="events" value="${e.events}"/></attvalues></edge>`);
  });
  out.push('    </edges>', '  </graph>', '</gexf>');
  return out.join('\n') + '\n';
}

export function download(kind, edges, ctx) {
  const stamp = ctx.asOf || 'latest';
  if (kind === 'csv') save(`pactwatch-partnerships-${stamp}.csv`, 'text/csv', toCSV(edges, ctx.asOf));
  else if (kind === 'geojson') save(`pactwatch-partnerships-${stamp}.geojson`, 'application/geo+json', toGeoJSON(edges, ctx.positions, ctx.asOf));
  else save(`pactwatch-network-${stamp}.gexf`, 'application/xml', toGEXF(edges, ctx.names, ctx.asOf));
}
