// What residents see on phones, in 适老化 and on paper (issue 15), run by
// the Go tests on the demo and on a generated site:
//   node residents.mjs BASE_URL PATH...
// Each PATH is a page of a different kind; each is also opened under hant/.
// In Chromium, at 360×800 and 1280×900, with 适老化 off and on, it checks:
//   - the first screen: the page's <h1> starts at most 400 px from the top
//     at 360×800, and nothing scrolls sideways;
//   - the header: at 360 px the navigation band is hidden and the 栏目
//     menu opens (also without JavaScript) onto the search box and every
//     section; at 1280 px the band and the search box are shown; the
//     header's search box leads to the search page with the query;
//   - the notice: one line, which opens to its whole text;
//   - lists of suggestions: at 360 px each row is a card whose every
//     field is inside the screen;
//   - charts: their text is the body's size at 1280 px in both modes, and
//     follows 适老化 at 360 px;
//   - the search page's filters: behind one 筛选 control at 360 px, shown
//     at 1280 px;
//   - print (emulated): A4 margins, black on white, the chart's table and
//     not its drawing, no navigation, readable addresses; the report's
//     first printed page not half empty (with poppler's pdftotext);
//   - no request fails (the favicon included) and no console error.
// It prints one line per problem and exits 1 if any.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, ...kinds] = process.argv.slice(2);
const paths = kinds.flatMap(p => [p, 'hant/' + p]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
let problems = 0;
const fail = msg => { console.log(msg); problems++; };

async function context(width, height, elder, js = true) {
  const ctx = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js });
  if (elder) await ctx.addInitScript(() => { try { localStorage.setItem('portal-elder', '1'); } catch (e) {} });
  return ctx;
}

// watch fails on a failed request or a console error of page.
function watch(page, where) {
  page.on('response', r => { if (r.status() >= 400) fail(`${where()}: ${r.status()} for ${r.url()}`); });
  // A request the next navigation cut short (the search index) is not a failure.
  page.on('requestfailed', r => { if (!/ERR_ABORTED/.test(r.failure() && r.failure().errorText)) fail(`${where()}: request failed: ${r.url()}`); });
  page.on('console', m => { if (m.type() === 'error') fail(`${where()}: console error: ${m.text()}`); });
  page.on('pageerror', e => fail(`${where()}: script error: ${e.message}`));
}

try {
  for (const elder of [false, true]) {
    const mode = elder ? '适老化' : 'plain';
    for (const [width, height] of [[360, 800], [1280, 900]]) {
      const ctx = await context(width, height, elder);
      const page = await ctx.newPage();
      let at = '';
      watch(page, () => at);
      for (const path of paths) {
        at = `${path} @${width}px ${mode}`;
        await page.goto(base + path);
        const r = await page.evaluate(() => {
          const h1 = document.querySelector('h1');
          const visible = el => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          const notice = document.querySelector('.notice > summary');
          const body = parseFloat(getComputedStyle(document.querySelector('main')).fontSize);
          const charts = [...document.querySelectorAll('.chart-svg')].map(svg =>
            parseFloat(svg.getAttribute('font-size')) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
          const cards = [...document.querySelectorAll('table.rows tbody tr')].slice(0, 20).flatMap(tr =>
            [...tr.children].filter(visible).map(c => c.getBoundingClientRect()).map(b => [b.left, b.right]));
          return {
            h1: h1 ? h1.getBoundingClientRect().top : null,
            // The home page's h1 is for screen readers: its content starts below the header.
            start: (document.querySelector('main > :not(.visually-hidden)') || h1).getBoundingClientRect().top,
            visuallyHidden: h1 && h1.classList.contains('visually-hidden'),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            band: visible(document.querySelector('.mainnav')),
            menu: visible(document.querySelector('.navmenu > summary')),
            searchbox: visible(document.querySelector('.masthead-inner > .searchbox')),
            isSearch: !!document.querySelector('#search-app'),
            filtersOpen: document.querySelector('details.filters') ? document.querySelector('details.filters').open : null,
            notice: notice ? notice.getBoundingClientRect().height / parseFloat(getComputedStyle(notice).lineHeight) : null,
            body, charts, cards, vw: document.documentElement.clientWidth,
          };
        });
        if (r.h1 === null) { fail(`${at}: no h1`); continue; }
        if (width === 360) {
          const top = r.visuallyHidden ? r.start : r.h1;
          if (top > 400) fail(`${at}: the heading starts at ${Math.round(top)} px, more than 400 px down the first screen`);
          if (r.band) fail(`${at}: the navigation band is shown on a phone`);
          if (!r.menu) fail(`${at}: no 栏目 menu on a phone`);
          for (const [left, right] of r.cards) {
            if (left < 0 || right > r.vw + 0.5) { fail(`${at}: a field of a suggestion's card is outside the screen (${Math.round(left)}–${Math.round(right)})`); break; }
          }
          if (r.isSearch && r.filtersOpen !== false) fail(`${at}: the filters are not behind the 筛选 control`);
        } else {
          if (!r.band || r.menu) fail(`${at}: the navigation band is not shown, or the phone menu is`);
          if (!r.isSearch && !r.searchbox) fail(`${at}: no search box in the header`);
          if (r.isSearch && r.filtersOpen !== true) fail(`${at}: the filters are closed on a wide screen`);
          for (const px of r.charts) {
            if (Math.abs(px - r.body) > 1.5) { fail(`${at}: chart text is ${px.toFixed(1)} px, the body's ${r.body} px`); break; }
          }
        }
        if (elder) {
          for (const px of r.charts) {
            if (px < r.body - 0.5) { fail(`${at}: chart text ${px.toFixed(1)} px is smaller than 适老化's ${r.body} px`); break; }
          }
        }
        if (r.overflow > 0) fail(`${at}: the page is ${r.overflow} px wider than the screen`);
        if (r.notice !== null && r.notice > 1.9) fail(`${at}: the notice takes ${r.notice.toFixed(1)} lines, not one`);
      }

      // The notice opens to its whole text; the header's search box searches.
      at = `notice @${width}px ${mode}`;
      await page.goto(base + kinds[0]);
      const closed = await page.evaluate(() => document.querySelector('.notice-text').getBoundingClientRect().height);
      await page.click('.notice > summary');
      const open = await page.evaluate(() => document.querySelector('.notice-text').getBoundingClientRect().height);
      if (!(open > closed * 1.5)) fail(`${at}: opening the notice does not show its whole text (${closed} → ${open} px)`);
      at = `header search @${width}px ${mode}`;
      if (width === 360) await page.click('.navmenu > summary');
      const box = width === 360 ? '#menu-q' : '#site-q';
      await page.fill(box, '老旧小区');
      await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press(box, 'Enter')]);
      if (new URL(page.url()).searchParams.get('q') !== '老旧小区') fail(`${at}: the search box led to ${page.url()}`);
      await page.waitForFunction(q => document.getElementById('search-status').dataset.query === q, '老旧小区', { timeout: 60000 })
        .catch(() => fail(`${at}: the search page did not search for the query of the header's box`));
      await ctx.close();
    }

    // Without JavaScript the 栏目 menu still opens onto every section.
    const ctx = await context(360, 800, false, false);
    const page = await ctx.newPage();
    await page.goto(base + kinds[0]);
    await page.click('.navmenu > summary');
    const links = await page.evaluate(() => [...document.querySelectorAll('.navmenu-panel nav a')].filter(a => a.getClientRects().length).length);
    const band = await page.evaluate(() => document.querySelectorAll('.mainnav a').length);
    if (links === 0 || links !== band) fail(`menu without JavaScript: ${links} sections shown, the navigation has ${band}`);
    await ctx.close();
  }

  // Print: emulate the print medium on a report (chart and table) and a suggestion.
  const ctx = await context(1280, 900, false);
  const page = await ctx.newPage();
  await page.emulateMedia({ media: 'print' });
  for (const path of paths) {
    const at = `${path} in print`;
    await page.goto(base + path);
    const r = await page.evaluate(() => {
      const shown = el => el.getClientRects().length > 0;
      const rgb = c => c.match(/\d+(\.\d+)?/g).map(Number);
      const bad = [];
      for (const el of document.querySelectorAll('body *')) {
        if (!shown(el) || !el.childNodes.length) continue;
        const s = getComputedStyle(el);
        const [r, g, b, a] = rgb(s.backgroundColor);
        if ((a === undefined || a > 0) && (r < 240 || g < 240 || b < 240) && !el.closest('.bar')) bad.push('background ' + s.backgroundColor + ' on ' + el.tagName + '.' + el.className);
        if ([...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) {
          const [tr, tg, tb] = rgb(s.color);
          if (Math.max(tr, tg, tb) > 90 || Math.abs(tr - tg) > 20 || Math.abs(tr - tb) > 20) bad.push('text ' + s.color + ' in ' + el.tagName + '.' + el.className);
        }
      }
      return {
        bad: [...new Set(bad)].slice(0, 5),
        svg: [...document.querySelectorAll('.chart-svg')].filter(shown).length,
        tables: [...document.querySelectorAll('.chart table')].filter(shown).length,
        charts: document.querySelectorAll('.chart').length,
        nav: [...document.querySelectorAll('.mainnav, .navmenu, .searchbox, .tools, .to-top, .print-button')].filter(shown).length,
        encoded: [...document.querySelectorAll('main a[href]')].some(a => /%[0-9A-F]{2}/i.test(getComputedStyle(a, '::after').content)),
      };
    });
    for (const b of r.bad) fail(`${at}: not black on white: ${b}`);
    if (r.svg) fail(`${at}: ${r.svg} chart drawings print (the tables should)`);
    if (r.tables !== r.charts) fail(`${at}: ${r.tables} of ${r.charts} charts' tables print`);
    if (r.nav) fail(`${at}: ${r.nav} navigation or tool elements print`);
    if (r.encoded) fail(`${at}: a printed address is percent-encoded`);
  }
  // The page box: A4 with margins, in the stylesheet.
  const a4 = await page.evaluate(() => [...document.styleSheets].some(sh => [...sh.cssRules].some(r =>
    r.constructor.name === 'CSSPageRule' && /A4/i.test(r.style.size) && r.style.margin)));
  if (!a4) fail('print: no @page rule with size A4 and margins');
  // The report's first sheet is not half empty: printed to PDF, the text
  // of its first page reaches its last quarter (read with poppler's
  // pdftotext, when it is installed).
  const report = kinds.find(p => /^reports\/\d+\/$/.test(p));
  if (report) {
    await page.goto(base + report);
    const file = join(tmpdir(), `residents-${process.pid}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true });
    try {
      const bbox = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-bbox', file, '-']).toString();
      const height = Number((bbox.match(/<page width="[\d.]+" height="([\d.]+)"/) || [])[1]);
      const bottom = Math.max(...[...bbox.matchAll(/yMax="([\d.]+)"/g)].map(m => Number(m[1])));
      if (!(bottom > height * 0.75)) fail(`print: the report's first page ends its text at ${Math.round(bottom)} of ${Math.round(height)} pt: it is half empty`);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e; // no pdftotext: not checked
    } finally {
      rmSync(file, { force: true });
    }
  }
  await ctx.close();
} finally {
  await browser.close();
}
console.log(`${problems} problems in ${paths.length} pages`);
process.exit(problems ? 1 : 0);
