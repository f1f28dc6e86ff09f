// What residents do on the portal, in Debian's Chromium; run by the Go
// end-to-end test:
//   node portal.mjs BASE_URL TERM=NUMBER,NUMBER ...
// Each TERM=… names a search and the suggestions it must find, no more and
// no fewer. The script checks the search and its filters (and that they
// live in the URL and Back works), the 适老化 switch (remembered across
// pages, 1.5× text, no sideways scrolling at 360 px, no axe-core
// violations), the 简繁 switch (the same page in the other script), tap
// targets of at least 44 px, and that no page asks anything of another
// site. It prints one line per problem and exits 1 if any.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, ...args] = process.argv.slice(2);
const searches = args.filter(a => !a.startsWith('V:'));
const variants = args.filter(a => a.startsWith('V:')).map(a => a.slice(2));
const origin = new URL(base).origin;

let problems = 0;
const fail = (msg) => { console.log(msg); problems++; };
const check = (ok, msg) => { if (!ok) fail(msg); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
  });
  for (const v of violations) fail(`${what}: ${v}`);
}

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `${what}: the page is ${overflow}px wider than the screen`);
}

// Controls that stand alone (not links inside running text) are at least
// 44 × 44 px, or as wide as their text when that is wider.
async function tapTargets(page, what) {
  const small = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('a[href], button, input, select')) {
      if (el.closest('.prose, p:not(.more):not(.masthead-title), .visually-hidden, .skip-link, .footer-facts, dd:not(:has(> a:only-child))')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.height < 44 || r.width < 24) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out.slice(0, 5);
  });
  for (const s of small) fail(`${what}: tap target too small: ${s}`);
}

// results lists the numbers of the results, showing them all first.
async function results(page) {
  for (;;) {
    await page.waitForFunction(() => document.querySelector('.results').getAttribute('aria-busy') !== 'true');
    if (!(await page.isVisible('.results-more button'))) break;
    await page.click('.results-more button');
  }
  return page.$$eval('.results li h2 a', as => as.map(a => a.getAttribute('href').replace(/\/$/, '').split('/').pop()));
}

async function statusText(page) {
  return page.textContent('#search-status');
}

// find runs query q through the form and gives the numbers of every result.
async function find(page, q) {
  await page.evaluate(q => {
    const form = document.querySelector('#search-app form');
    form.elements.q.value = q;
    form.requestSubmit();
  }, q);
  await page.waitForFunction(q => document.getElementById('search-status').dataset.query === q, q);
  return (await results(page)).sort();
}

// Waits for the search to have run for the current form state.
async function settle(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    return s && s.textContent && !/载入|載入/.test(s.textContent);
  });
  await page.waitForTimeout(250); // the input's debounce
}

const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
const outside = new Set();
await context.route('**/*', route => {
  const url = route.request().url();
  if (url.startsWith(origin + '/')) return route.continue();
  outside.add(url);
  return route.abort();
});
const page = await context.newPage();
const errors = [];
page.on('pageerror', e => errors.push(e.message));

try {
  // Search: each term finds exactly the suggestions that contain it.
  await page.goto(base + 'search/');
  await settle(page);
  const all = (await results(page)).length;
  for (const arg of searches) {
    const [term, numbers] = arg.split('=');
    const want = numbers.split(',').filter(Boolean).sort();
    await page.fill('#search-q', term);
    await page.press('#search-q', 'Enter');
    await settle(page);
    const got = (await results(page)).sort();
    check(JSON.stringify(got) === JSON.stringify(want), `search ${term}: found ${got.join(' ') || 'nothing'}, want ${want.join(' ')}`);
    check(new URL(page.url()).searchParams.get('q') === term, `search ${term}: the URL is ${page.url()}`);
    const marked = await page.$$eval('.results mark', ms => ms.map(m => m.textContent));
    check(marked.length > 0 && marked.every(m => m === term), `search ${term}: highlighted ${JSON.stringify(marked.slice(0, 5))}`);
    // Every result shows why it was found: the field that matched (协办单位 …).
    const unmarked = await page.$$eval('.results li', lis => lis.filter(li => !li.querySelector('mark')).map(li => li.querySelector('a').textContent));
    check(unmarked.length === 0, `search ${term}: ${unmarked.length} results show no match, such as ${unmarked.slice(0, 3)}`);
    check((await statusText(page)).includes(String(want.length)), `search ${term}: the status says "${await statusText(page)}"`);
    // Every result's deputies link to their pages, and the pages exist.
    const deputyLinks = await page.$$eval('.results li', lis => lis.map(li => [...li.querySelectorAll('.result-meta a')].map(a => a.href)));
    check(deputyLinks.every(ls => ls.length > 0 && ls.every(h => h.includes('/deputies/'))), `search ${term}: results without deputy links: ${JSON.stringify(deputyLinks.slice(0, 3))}`);
    if (deputyLinks.length > 0) {
      const res = await page.request.get(deputyLinks[0][0]);
      check(res.ok(), `search ${term}: the deputy's page ${deputyLinks[0][0]} answers ${res.status()}`);
    }
  }
  // A query typed in the other script finds the same suggestions: 停车 on
  // the 繁體 page (highlighted there as 停車), and 停車 on the 简体 page.
  if (searches.length > 0) {
    const [term, numbers] = searches[0].split('=');
    const want = JSON.stringify(numbers.split(',').filter(Boolean).sort());
    const search = async (url, q) => {
      await page.goto(url + '?q=' + encodeURIComponent(q));
      await settle(page);
      const got = JSON.stringify((await results(page)).sort());
      check(got === want, `search ${q} on ${url}: found ${got}, want ${want}`);
      return page.$$eval('.results mark', ms => ms.map(m => m.textContent));
    };
    const marked = await search(base + 'hant/search/', term);
    const traditional = marked[0];
    check(traditional && traditional !== term, `the 繁體 page highlights ${JSON.stringify(marked.slice(0, 3))} for ${term}`);
    if (traditional) await search(base + 'search/', traditional);
    await page.goto(base + 'search/?q=' + encodeURIComponent(term));
    await settle(page);
  }
  // Every form of a character finds what the others find, on both pages:
  // 里河, 裡河 and 裏河 alike, typed on the 简体 or the 繁體 page.
  for (const path of ['search/', 'hant/search/']) {
    await page.goto(base + path);
    await settle(page);
    for (const arg of variants) {
      const [queries, numbers] = arg.split('=');
      const want = JSON.stringify(numbers.split(',').filter(Boolean).sort());
      for (const q of queries.split('|')) {
        const got = JSON.stringify(await find(page, q));
        check(got === want, `${path}?q=${q}: found ${got}, want ${want}`);
      }
    }
  }
  await page.goto(base + 'search/?q=' + encodeURIComponent(searches.length ? searches[0].split('=')[0] : ''));
  await settle(page);
  await axe(page, 'search/ with results @360px');
  await tapTargets(page, 'search/ @360px');

  // An input method's uncommitted letters are not searched: no search, no
  // URL change and no announcement until the characters are committed.
  if (searches.length > 1) {
    const [first] = searches[0].split('=');
    const [second] = searches[1].split('=');
    await page.goto(base + 'search/?q=' + encodeURIComponent(first));
    await settle(page);
    // The query's counts done (on a busy machine the status said the
    // first page's results when read, and the count came during the
    // composition).
    await page.waitForFunction(q => document.getElementById('search-status').dataset.query === q, first);
    const url = page.url(), said = await statusText(page), listed = await results(page);
    const cdp = await context.newCDPSession(page);
    await page.focus('#search-q');
    // The letters replace the selected query, as typing over a selection
    // does. (Emptying the box first searched the empty query, which on a
    // busy machine landed after the composition began.)
    await page.$eval('#search-q', el => el.select());
    for (const letters of ['t', 'ti', 'tin', 'ting']) {
      await cdp.send('Input.imeSetComposition', { text: letters, selectionStart: letters.length, selectionEnd: letters.length });
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(400);
    check(await statusText(page) === said, `while composing, the status became "${await statusText(page)}"`);
    check(page.url() === url, `while composing, the URL became ${page.url()}`);
    check(JSON.stringify(await results(page)) === JSON.stringify(listed), 'while composing, the results changed');
    await cdp.send('Input.insertText', { text: second });
    await page.waitForFunction(q => document.getElementById('search-status').dataset.query === q, second);
    check((await page.inputValue('#search-q')) === second, `the committed text is "${await page.inputValue('#search-q')}"`);
    check(page.url() === url, `typing changed the URL to ${page.url()}: keystrokes are not history`);

    // History: each submitted query is a step; Back and Forward go through
    // them, with their results.
    await page.press('#search-q', 'Enter');
    await page.waitForFunction(q => new URL(location.href).searchParams.get('q') === q, second);
    const secondResults = await results(page);
    await page.goBack();
    await settle(page);
    check(new URL(page.url()).searchParams.get('q') === first && (await page.inputValue('#search-q')) === first,
      `Back after searching ${second} shows ${page.url()} with "${await page.inputValue('#search-q')}", not ${first}`);
    check(JSON.stringify(await results(page)) === JSON.stringify(listed), `Back does not show the results of ${first}`);
    await page.goForward();
    await settle(page);
    check(new URL(page.url()).searchParams.get('q') === second && JSON.stringify(await results(page)) === JSON.stringify(secondResults),
      `Forward does not come back to ${second}: ${page.url()}`);
    await cdp.detach();
  }

  // A filter narrows the results, shows in the URL, and Back undoes it.
  await page.fill('#search-q', '');
  await page.press('#search-q', 'Enter');
  await settle(page);
  const before = (await results(page)).length;
  check(before === all && all > 1, `empty search lists ${before} of ${all}`);
  const label = await page.$eval('#facet-year option:nth-child(2)', o => o.textContent);
  // On a phone the filters are behind one 筛选 control: open it, as a resident would.
  if (await page.isVisible('.filters > summary') && !(await page.$eval('details.filters', d => d.open))) await page.click('.filters > summary');
  await page.selectOption('#facet-year', { index: 1 });
  await settle(page);
  const year = new URL(page.url()).searchParams.get('year');
  const narrowed = await results(page);
  check(year && label.startsWith(year), `the year filter is not in the URL: ${page.url()} (${label})`);
  check(narrowed.length > 0 && narrowed.length < before, `the year filter gives ${narrowed.length} of ${before}`);
  check(narrowed.every(n => n.startsWith(year)), `the year filter lets through ${narrowed.filter(n => !n.startsWith(year))}`);
  check(label.includes(`（${narrowed.length}）`), `the option "${label}" does not count the ${narrowed.length} results it gives`);
  await page.goBack();
  await settle(page);
  check(!new URL(page.url()).searchParams.has('year') && (await results(page)).length === before,
    `Back does not undo the filter: ${page.url()}, ${(await results(page)).length} results`);
  // A shared URL restores the state.
  await page.goto(base + `search/?year=${year}&replied=no`);
  await settle(page);
  check(await page.$eval('#facet-year', s => s.selectedIndex) === 1, 'the year in the URL is not selected');
  const pending = await results(page);
  check(pending.length > 0 && pending.length < narrowed.length + 1, `year and replied=no give ${pending.length}`);

  // 适老化: the switch is remembered across pages and on the next visit.
  await page.goto(base);
  const sw = page.locator('#elder-switch');
  check(await sw.isVisible(), 'the 适老化 switch is not shown');
  const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await sw.click();
  check(await sw.getAttribute('aria-pressed') === 'true', 'the 适老化 switch does not say it is on');
  for (const path of ['suggestions/2019-006/', 'hant/years/2019/', 'search/?q=停车']) {
    await page.goto(base + path);
    const big = await page.evaluate(() => document.documentElement.classList.contains('elder') && parseFloat(getComputedStyle(document.documentElement).fontSize));
    check(big >= normal * 1.5, `${path}: 适老化 not applied on a new page (font ${big}px, normally ${normal}px)`);
    check(await page.getAttribute('#elder-switch', 'aria-pressed') === 'true', `${path}: the switch does not show it is on`);
    if (path.startsWith('search')) await settle(page);
    await noOverflow(page, `${path} 适老化 @360px`);
    await axe(page, `${path} 适老化 @360px`);
    await tapTargets(page, `${path} 适老化 @360px`);
  }
  await page.click('#elder-switch');
  await page.goto(base + 'units/');
  check(!(await page.evaluate(() => document.documentElement.classList.contains('elder'))), '适老化 stays on after switching it off');

  // 简繁: the switch leads to the same page in the other script, and back.
  for (const path of ['', 'suggestions/2019-006/', 'categories/chengjian/', 'search/', 'years/2019/']) {
    await page.goto(base + path);
    await page.click('.tools a[hreflang]');
    await page.waitForLoadState();
    check(page.url() === base + 'hant/' + path, `简繁 from ${path || 'home'} lands on ${page.url()}`);
    check(await page.getAttribute('html', 'lang') === 'zh-Hant', `hant/${path}: lang is not zh-Hant`);
    check(await page.textContent('.tools a[hreflang]') === '简体', `hant/${path}: the switch back reads "${await page.textContent('.tools a[hreflang]')}"`);
    await page.click('.tools a[hreflang]');
    await page.waitForLoadState();
    check(page.url() === base + path, `简繁 back from hant/${path} lands on ${page.url()}`);
  }
  // The Traditional suggestion reads in Traditional characters.
  await page.goto(base + 'hant/suggestions/2019-006/');
  const h1 = await page.textContent('h1');
  check(h1 === '關於強化老舊小區配套公共設施整治提升的建議', `hant h1: ${h1}`);
  // The Traditional search searches Traditional text, and keeps the query across the switch.
  await page.goto(base + 'hant/search/?q=' + encodeURIComponent('停車'));
  await settle(page);
  check((await results(page)).length > 0, 'the Traditional search finds nothing for 停車');
  await axe(page, 'hant/search/ with results @360px');
  check((await page.getAttribute('.tools a[hreflang]', 'href')).endsWith('/search/?q=' + encodeURIComponent('停車')),
    'the switch on the search page drops the query');

  // Printing a suggestion: no navigation, full addresses after links.
  await page.goto(base + 'suggestions/2019-006/');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  check(!(await page.isVisible('.mainnav')), 'the navigation is printed');
  const after = await page.$eval('main a[href^="/"]', a => getComputedStyle(a, '::after').content);
  check(after.includes(origin + '/'), `a printed link is followed by ${after}, not its full address`);
  await page.emulateMedia({ media: 'screen' });
} finally {
  await browser.close();
}
for (const u of outside) fail(`a request left the site: ${u}`);
for (const e of errors) fail(`script error: ${e}`);
console.log(`${problems} problems`);
process.exit(problems ? 1 : 0);
