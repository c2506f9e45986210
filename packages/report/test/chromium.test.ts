// The real thing: report.html opened from file:// in headless Chromium (Debian's package).
// It must render, draw every plot with a visible, non-empty path, log no console errors and
// make no network request. Skips, saying so, where Chromium is not installed.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { DEMO_PLOT_IDS, writeReport } from '@ringside/report';
import { sampleReport } from './sample-report.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TEST_TIMEOUT_MS = 55_000;

const skip = existsSync(CHROMIUM) ? false : 'SKIPPED: chromium not installed (scripts/setup.sh installs it)';
if (skip !== false) console.log(skip);

test(
  'report.html renders in headless Chromium, offline and without errors',
  { skip, timeout: TEST_TIMEOUT_MS },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringside-chromium-'));
    const report = sampleReport();
    const { htmlPath } = await writeReport(join(dir, 'out'), report);
    const pageUrl = pathToFileURL(htmlPath).href;
    console.log(`chromium: ${CHROMIUM} ${ARGS.join(' ')}; page ${pageUrl}`);
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: 30_000,
      viewport: { width: 1200, height: 900 },
    });
    try {
      const requests: string[] = [];
      const consoleErrors: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          consoleErrors.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
      await page.goto(pageUrl, { waitUntil: 'load', timeout: 20_000 });

      assert.equal(await page.title(), report.title);
      assert.equal(await page.locator('h1').textContent(), report.title);
      for (const id of DEMO_PLOT_IDS) {
        const plot = page.locator(`svg.plot[data-plot="${id}"]`);
        assert.equal(await plot.count(), 1, `one ${id} plot`);
        const box = await plot.boundingBox();
        assert.ok(
          box !== null && box.width > 0 && box.height > 0,
          `${id} has a bounding box: ${JSON.stringify(box)}`,
        );
        // Measured by the browser's own geometry, not by our string: a path that draws something.
        const longest = await plot
          .locator('path')
          .evaluateAll((paths) =>
            Math.max(
              0,
              ...paths.map((p) =>
                (p.getAttribute('d') ?? '').trim() === ''
                  ? 0
                  : (p as unknown as { getTotalLength(): number }).getTotalLength(),
              ),
            ),
          );
        assert.ok(longest > 0, `${id} has a non-empty path (longest ${longest})`);
      }
      const headline = await page.locator('#headline').textContent();
      assert.ok(headline?.includes('4,812,331'), 'headline figures are shown');
      const nonFile = requests.filter((url) => !url.startsWith('file://'));
      assert.deepEqual(nonFile, [], 'no network requests');
      assert.deepEqual(requests, [pageUrl], 'the page loads nothing but itself');
      assert.deepEqual(consoleErrors, [], 'no console errors');
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
