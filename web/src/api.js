// The JSON API (docs/API.md). Answers are cached by URL: the slider asks for
// the same days again and again while an analyst scrubs back and forth.
const cache = new Map();

export async function get(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  }
  const url = `api/${path}${qs.toString() ? '?' + qs : ''}`;
  if (cache.has(url)) return cache.get(url);
  const p = fetch(url, { headers: { Accept: 'application/json' } }).then(async (r) => {
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
    return body;
  });
  cache.set(url, p);
  p.catch(() => cache.delete(url));
  if (cache.size > 400) cache.delete(cache.keys().next().value);
  return p;
}

export const pairKey = (a, b) => (a < b ? `${a}-${b}` : `${b}-${a}`);
