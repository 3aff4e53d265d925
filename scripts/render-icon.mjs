// Renders the 128×128 marketplace icon (media/grantwise.png) from the activity-bar SVG, so the two never
// drift apart. Headless Debian chromium via playwright-core (which gives it a fresh temp profile); run by
// hand after editing media/grantwise.svg.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'media/grantwise.svg'), 'utf8');
const CHROMIUM = '/usr/bin/chromium';

// The glyph is drawn in currentColor; the badge gives it contrast on light and dark marketplace pages.
const html = `<!doctype html><html><head><style>
  html, body { margin: 0; background: transparent; }
  .badge { width: 128px; height: 128px; border-radius: 26px; display: grid; place-items: center;
           background: linear-gradient(160deg, #2b6cb0 0%, #1a3f6b 100%); color: #ffffff; }
  .badge svg { width: 96px; height: 96px; }
</style></head><body><div class="badge">${svg}</div></body></html>`;

const browser = await chromium
  .launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  .catch((e) => {
    throw new Error(`render-icon: cannot launch ${CHROMIUM} (apt-get install chromium): ${e.message}`);
  });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const png = await page.locator('.badge').screenshot({ omitBackground: true });
  writeFileSync(join(root, 'media/grantwise.png'), png);
  console.log(`render-icon: media/grantwise.png ${png.length} bytes`);
} finally {
  await browser.close();
}
