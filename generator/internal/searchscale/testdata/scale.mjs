// The search of a large site, in Debian's Chromium; run by
// TestSearchAtScale:
//   node scale.mjs BASE_URL QUERIES.json
// where QUERIES.json is [{"q": query, "want": [number, …]}, …].
// Each query must find exactly the suggestions listed (all of them compared
// when there are at most 300, else their number and the first page), on
// the 简体 and the 繁體 page alike. For each, from a cold cache, it counts
// the bytes of the index (data/search/, as sent, gzipped) transferred
// before the first results show and in all, and the time to the first
// results and to the counts. Then a shard that fails to load: the page
// says so and the filters still work. It prints one line per query, one
// line per problem, and exits 1 if any.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, file] = process.argv.slice(2);
const args = JSON.parse(readFileSync(file, 'utf8'));
let problems = 0;
const fail = (msg) => { console.log('PROBLEM ' + msg); problems++; };
const check = (ok, msg) => { if (!ok) fail(msg); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

async function allResults(page) {
  for (;;) {
    await page.waitForFunction(() => document.querySelector('.results').getAttribute('aria-busy') !== 'true');
    if (!(await page.isVisible('.results-more button'))) break;
    await page.click('.results-more button');
  }
  return page.$$eval('.results li h2 a', as => as.map(a => a.getAttribute('href').replace(/\/$/, '').split('/').pop()));
}

const count = async (page) => {
  const s = await page.textContent('#search-status');
  return /没有找到|沒有找到/.test(s) ? 0 : +((s.match(/\d+/) || ['-1'])[0]);
};

// open loads the search page for q from a cold cache and measures it.
async function open(path, q) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map(), done = [];
  cdp.on('Network.requestWillBeSent', e => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', e => {
    if ((urls.get(e.requestId) || '').includes('/data/search/')) done.push({ at: Date.now(), bytes: e.encodedDataLength });
  });
  const start = Date.now();
  await page.goto(base + path + '?q=' + encodeURIComponent(q));
  await page.waitForFunction(q => {
    const s = document.getElementById('search-status');
    return s.dataset.query === q || document.querySelector('.results li h2 a');
  }, q, { timeout: 120000 });
  const first = Date.now();
  const firstBytes = done.filter(d => d.at <= first).reduce((a, d) => a + d.bytes, 0);
  const lastBefore = Math.max(start, ...done.filter(d => d.at <= first).map(d => d.at));
  await page.waitForFunction(q => document.getElementById('search-status').dataset.query === q, q, { timeout: 300000 });
  const end = Date.now();
  const allBytes = done.reduce((a, d) => a + d.bytes, 0);
  for (const e of errors) fail(`${path}?q=${q}: ${e}`);
  return { context, page, firstBytes, allBytes, firstMs: first - start, computeMs: first - lastBefore, doneMs: end - start };
}

try {
  console.log('query\tfound\tKB before first results\tKB in all\tms to first results (after the last part)\tms to counts');
  for (const arg of args) {
    const q = arg.q;
    const want = arg.want.slice().sort();
    const r = await open('search/', q);
    const n = await count(r.page);
    check(n === want.length, `search/?q=${q.slice(0, 20)}: the status counts ${n}, want ${want.length}`);
    if (want.length <= 300) {
      const got = (await allResults(r.page)).sort();
      check(JSON.stringify(got) === JSON.stringify(want), `search/?q=${q.slice(0, 20)}: found ${got.length}: ${got.slice(0, 5)}…, want ${want.length}: ${want.slice(0, 5)}…`);
    } else {
      const got = await r.page.$$eval('.results li h2 a', as => as.map(a => a.getAttribute('href').replace(/\/$/, '').split('/').pop()));
      const set = new Set(want);
      check(got.length === 20 && got.every(g => set.has(g)), `search/?q=${q}: the first page is not of the ${want.length} results: ${got.slice(0, 5)}`);
    }
    console.log(`${q.length > 20 ? q.slice(0, 20) + '…(' + q.length + ')' : q}\t${n}\t${(r.firstBytes / 1024).toFixed(1)}\t${(r.allBytes / 1024).toFixed(1)}\t${r.firstMs} (${r.computeMs})\t${r.doneMs}`);
    await r.context.close();
    // The same suggestions on the 繁體 page.
    const h = await open('hant/search/', q);
    check(await count(h.page) === want.length, `hant/search/?q=${q.slice(0, 20)}: counts ${await count(h.page)}, want ${want.length}`);
    await h.context.close();
  }

  // A shard that fails to load: the page says so, and the filters work on
  // what is known.
  if (args.length > 1) {
    const q = args[0].q;
    const context = await browser.newContext();
    await context.route('**/data/search/p/**', route => route.abort());
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(base + 'search/?q=' + encodeURIComponent(q));
    await page.waitForFunction(q => document.getElementById('search-status').dataset.query === q, q);
    const said = await page.textContent('#search-status');
    check(/部分索引未能载入/.test(said), `with no shards, the status says "${said}"`);
    await page.selectOption('#facet-year', { index: 1 });
    await page.waitForFunction(q => document.getElementById('search-status').dataset.query === q, q);
    check(new URL(page.url()).searchParams.has('year'), 'with no shards, the year filter does not work');
    for (const e of errors) fail(`with no shards: ${e}`);
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(problems ? 1 : 0);
