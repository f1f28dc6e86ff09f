// Live reload in a real browser, run by the Go test TestLiveReloadInBrowser:
//   node live.mjs SITE_URL SITE_FOLDER
// It opens a suggestion's page in Debian's Chromium while `serve` runs, then
// edits the site's files as a webmaster would: the page must reload with the
// new text, show a broken file's problem over the page, reload by itself once
// it is fixed, and take a new stylesheet without reloading. It prints what
// failed and exits 1.
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const [base, site] = process.argv.slice(2);
const suggestion = join(site, 'content/suggestions/2019/001.md');
const stylesheet = join(site, 'static/css/site.css');
const original = readFileSync(suggestion, 'utf8');
const wait = { timeout: 30000 };

// save writes the file as editors do: a temporary file renamed over it.
function save(file, text) {
  writeFileSync(file + '.tmp', text);
  renameSync(file + '.tmp', file);
}

function step(name) {
  console.log(`- ${name}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(base + 'suggestions/2019-001/');

  step('an edit reloads the page with the new text');
  const edited = original.replace('title = "', 'title = "已修改：');
  save(suggestion, edited);
  await page.waitForFunction(() => document.querySelector('h1').textContent.includes('已修改：'), null, wait);

  step('a broken file shows its problem over the page, which keeps the last good text');
  save(suggestion, edited.replace('year = 2019', 'year = "2019"'));
  await page.waitForFunction(() => {
    const box = document.getElementById('portal-problem');
    return box && box.textContent.includes('001.md:4:8') && box.textContent.includes('year = "2019"');
  }, null, wait);
  if (!(await page.textContent('h1')).includes('已修改：')) throw new Error('the last good text is gone');

  step('a page opened now shows the problem at once');
  const other = await browser.newPage();
  await other.goto(base);
  await other.waitForSelector('#portal-problem', wait);
  await other.close();

  step('the fix reloads the page and the problem is gone');
  save(suggestion, original);
  await page.waitForFunction(
    () => !document.getElementById('portal-problem') && !document.querySelector('h1').textContent.includes('已修改：'), null, wait);

  step('a new stylesheet applies without a reload');
  await page.evaluate(() => { window.notReloaded = true; });
  save(stylesheet, readFileSync(stylesheet, 'utf8') + '\nbody { background-color: rgb(1, 2, 3); }\n');
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)', null, wait);
  if (!(await page.evaluate(() => window.notReloaded))) throw new Error('the page reloaded for a stylesheet');
} catch (e) {
  console.log(`failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
