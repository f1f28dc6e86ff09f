// Accessibility check of built pages, run by the Go end-to-end test:
//   node a11y.mjs BASE_URL PATH...
// For each page, at 360 px and 1280 px wide, it runs axe-core's WCAG 2.1 A
// and AA rules in Debian's Chromium, checks that nothing overflows the page
// sideways and that no page makes a request outside the site. It prints
// one line per problem and exits 1 if any.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, ...paths] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
let problems = 0;
const origin = new URL(base).origin;
const outside = new Set();
try {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    // Nothing may be asked of another site (no CDN, font or counter).
    await page.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith(origin + '/')) return route.continue();
      outside.add(url);
      return route.abort();
    });
    for (const path of paths) {
      const url = base + path;
      const resp = await page.goto(url);
      // no-such-page/ stands for a missing page: the 404 page must come with status 404.
      const expected = path.startsWith('no-such-page') ? 404 : 200;
      if (!resp || resp.status() !== expected) {
        console.log(`${path} @${width}px: HTTP ${resp && resp.status()}`);
        problems++;
        continue;
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
      });
      for (const v of violations) {
        console.log(`${path} @${width}px: ${v}`);
        problems++;
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) {
        console.log(`${path} @${width}px: the page is ${overflow}px wider than the screen`);
        problems++;
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
for (const url of outside) {
  console.log(`a page asked another site for ${url}`);
  problems++;
}
console.log(`${problems} problems in ${paths.length} pages`);
process.exit(problems ? 1 : 0);
