// End-to-end tests of the dashboard in headless Chromium (playwright-core
// driving Debian's /usr/bin/chromium). Run by tests/suites/serve_e2e.sh,
// which starts `pactwatch serve` on a store and sets PW_E2E_URL.
//
// Env:
//   PW_E2E_URL        the server's address (required)
//   PW_E2E_MODE       "fixture" (exact expectations on tests/e2e/fixtures)
//                     or "corpus" (the sample corpus: structural checks)
//   PW_E2E_PAIR       a pair expected at the latest date (fixture: MLI-RUS)
//   PW_E2E_ABSENT     a date when that pair did not exist yet (fixture: 2021-06-01)
//   PW_E2E_ARTIFACTS  where screenshots go (default tests/artifacts)
//   CHROMIUM          browser binary (default /usr/bin/chromium)
// Prints "ok"/"FAIL" per check and "N passed, N failed" last.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const URL_ = process.env.PW_E2E_URL;
const MODE = process.env.PW_E2E_MODE || 'fixture';
const PAIR = process.env.PW_E2E_PAIR || (MODE === 'fixture' ? 'MLI-RUS' : '');
const ABSENT = process.env.PW_E2E_ABSENT || (MODE === 'fixture' ? '2021-06-01' : '');
const ART = process.env.PW_E2E_ARTIFACTS || 'tests/artifacts';
const TAG = process.env.PW_E2E_TAG || MODE;
if (!URL_) { console.error('PW_E2E_URL is not set'); process.exit(2); }
mkdirSync(ART, { recursive: true });

let passed = 0;
let failed = 0;
function check(name, cond, detail = '') {
  if (cond) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`); }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
const page = await context.newPage();
const errors = [];
const external = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('request', (r) => { if (!r.url().startsWith(URL_) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url()); });

const shot = (name) => page.screenshot({ path: join(ART, `dashboard-${TAG}-${name}.png`) });
const waitAsOf = (d) => page.waitForFunction((x) => document.body.dataset.asOf === x && !document.body.dataset.loading, d, { timeout: 15000 });
const mapPairs = () => page.$$eval('#map g.pair', (gs) => gs.map((g) => g.getAttribute('data-pair')));
const netPairs = () => page.evaluate(() => window.pactwatch.networkEdges().map((s) => s.split(':')[0]));

async function slideTo(date) {
  // Drive the real slider: set its value and fire the input event, as a drag does.
  await page.$eval('#slider', (s, d) => {
    const first = window.pactwatch.state.first;
    const day = (x) => Math.round(Date.parse(`${x}T00:00:00Z`) / 86400000);
    s.value = String(day(d) - day(first));
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, date);
  await waitAsOf(date);
}

try {
  await page.goto(URL_, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.asOf && !document.body.dataset.loading, null, { timeout: 20000 });
  const last = await page.evaluate(() => window.pactwatch.state.last);
  check('dashboard loads and shows the latest date', /^\d{4}-\d{2}-\d{2}$/.test(last || ''), last);
  check('store statistics shown', /documents/.test(await page.textContent('#stats')));
  check('map draws the countries', (await page.$$('#map path.country')).length > 150);
  const pairs0 = await mapPairs();
  check('map shows partnership lines', pairs0.length > 0, `${pairs0.length}`);
  const net0 = await netPairs();
  check('network shows the same pairs as the map', net0.length > 0 && net0.every((p) => pairs0.includes(p)), `${net0.length} vs ${pairs0.length}`);
  check('legend explains colours and line styles', /military/.test(await page.textContent('#legend')) && /ended/.test(await page.textContent('#legend')));
  await shot('01-latest');

  const pair = PAIR || pairs0[0];
  check(`map shows ${pair}`, pairs0.includes(pair), pairs0.join(' '));
  check(`network shows ${pair}`, net0.includes(pair), net0.join(' '));

  if (MODE === 'fixture') {
    check('map shows RUS-NER as of the latest date', pairs0.includes('NER-RUS'));
    check('map shows the ended FRA-MLI partnership', pairs0.includes('FRA-MLI'));
    const ended = await page.$eval('#map g.pair[data-pair="FRA-MLI"]', (g) => g.getAttribute('data-state'));
    check('FRA-MLI is ended (withdrawal 2022-08-15)', ended === 'ended', ended);
    check('negated RUS-TCD talks are not a partnership', !pairs0.includes('RUS-TCD'));
    const changes = await page.textContent('#changes');
    check('"what changed" lists the US suspension of 2024', /United States/.test(changes) && /ended/.test(changes), changes.slice(0, 200));
  }

  if (ABSENT) {
    await slideTo(ABSENT);
    const pairs1 = await mapPairs();
    const net1 = await netPairs();
    check(`slider: ${pair} absent from the map as of ${ABSENT}`, !pairs1.includes(pair), pairs1.join(' '));
    check(`slider: ${pair} absent from the network as of ${ABSENT}`, !net1.includes(pair), net1.join(' '));
    check('slider: the date label follows', (await page.textContent('#asof-label')) === ABSENT);
    if (MODE === 'fixture') {
      check('slider: FRA-MLI active as of 2021', await page.$eval('#map g.pair[data-pair="FRA-MLI"]', (g) => g.getAttribute('data-state')) === 'active');
      check('slider: RUS-NER absent as of 2021', !pairs1.includes('NER-RUS'));
    }
    await shot('02-slider-past');
    await slideTo(last);
    check('slider back to the latest date restores the pair', (await mapPairs()).includes(pair));
  }

  // A click on the pair's line opens its evidence.
  const line = page.locator(`#map g.pair[data-pair="${pair}"] path.hit`).first();
  try { await line.click({ timeout: 3000 }); } catch { await line.dispatchEvent('click'); }
  await page.waitForFunction((p) => document.body.dataset.pair === p, pair, { timeout: 10000 });
  check('click on a line opens the pair view', await page.isVisible('#dyad'));
  const items = await page.$$eval('#dyad-events li.ev-item', (lis) => lis.map((li) => ({
    text: li.querySelector('blockquote')?.textContent || '',
    src: li.querySelector('.ev-src')?.textContent || '',
    href: li.querySelector('.ev-src a')?.getAttribute('href') || '',
  })));
  check('pair view lists evidence sentences', items.length > 0 && items.every((i) => i.text.trim().length > 10), `${items.length}`);
  check('each evidence item names its source', items.every((i) => i.src.trim().length > 0));
  if (MODE === 'fixture') {
    check('evidence: the Russia–Mali agreement sentence', items.some((i) => /Russia and Mali signed a military cooperation agreement/.test(i.text)));
    check('evidence: source link', items.some((i) => i.href === 'https://example.org/rfi/2022-03-10-mali-russie'));
    check('pair view: state chip says active', /active/.test(await page.textContent('#dyad-states')));
  }
  await page.locator('#dyad-events li.ev-item button.ctx').first().click();
  await page.waitForFunction(() => { const b = document.querySelector('#dyad-events .ctx-box'); return b && !b.hidden && !/loading/.test(b.textContent); }, null, { timeout: 10000 });
  check('context button shows the stored sentence', (await page.textContent('#dyad-events .ctx-box')).trim().length > 10);
  await shot('03-pair-evidence');

  // The network's edge click (cytoscape draws on canvas: tap through its API).
  await page.click('#dyad-close');
  const other = (await netPairs()).find((p) => p !== pair);
  if (other) {
    await page.evaluate((p) => { const e = window.pactwatch && document.querySelector('#network'); return e && p; }, other);
    await page.evaluate((p) => window.pactwatch.openPair(...p.split('-')), other);
    await page.waitForFunction((p) => document.body.dataset.pair === p, other, { timeout: 10000 });
    check('pair view for a second pair', (await page.$$('#dyad-events li.ev-item')).length > 0);
    await page.click('#dyad-close');
  }

  // Country filter: every line touches the chosen country.
  const country = pair.split('-')[0];
  await page.selectOption('#f-country', country);
  await page.waitForFunction((c) => !document.body.dataset.loading && window.pactwatch.state.country === c, country);
  await page.waitForTimeout(200);
  const pairs2 = await mapPairs();
  check(`country filter ${country}: only its partnerships`, pairs2.length > 0 && pairs2.every((p) => p.includes(country)), pairs2.join(' '));
  await shot('04-country-filter');

  // Download of what is shown.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  const rows = csv.trim().split('\n');
  check('CSV download has a header and the shown rows', rows[0].startsWith('a,b,domain,state') && rows.length - 1 === pairs2.length, `${rows.length - 1} rows vs ${pairs2.length}`);
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('#dl-geojson')]);
  const gj = JSON.parse(readFileSync(await dl2.path(), 'utf8'));
  check('GeoJSON download is a FeatureCollection of lines', gj.type === 'FeatureCollection' && gj.features.every((f) => f.geometry.type === 'LineString'));
  const [dl3] = await Promise.all([page.waitForEvent('download'), page.click('#dl-gexf')]);
  check('GEXF download is a GEXF graph', /<gexf[^>]*>[\s\S]*<edges>/.test(readFileSync(await dl3.path(), 'utf8')));

  await page.selectOption('#f-country', '');
  await page.selectOption('#f-domain', 'peacekeeping');
  await page.waitForFunction(() => !document.body.dataset.loading && window.pactwatch.state.domain === 'peacekeeping');
  await page.waitForTimeout(200);
  const emptyShown = await page.isVisible('#map-empty');
  const pk = await mapPairs();
  check('domain filter: empty state or only that domain', (pk.length === 0 && emptyShown) ||
    (await page.$$eval('#map g.pair', (gs) => gs.every((g) => g.dataset.domain === 'peacekeeping'))));
  await shot('05-domain-filter');

  check('no JavaScript errors', errors.length === 0, errors.join(' | '));
  check('nothing fetched from outside the server', external.length === 0, external.join(' '));
} catch (err) {
  check('e2e run', false, err.stack || String(err));
  try { await shot('99-failure'); } catch { /* ignore */ }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
