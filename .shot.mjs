import { chromium } from '@playwright/test';
const [url, out, ...actions] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 393, height: 851 }, deviceScaleFactor: 1, locale: 'zh-CN' });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
await page.goto(url);
await page.waitForTimeout(1500);
for (const a of actions) { await eval(`(async () => { ${a} })()`); await page.waitForTimeout(300); }
const h = await page.evaluate(() => document.documentElement.scrollHeight);
for (let y = 0, i = 0; y < h && i < 3; y += 1000, i++) await page.screenshot({ path: out.replace('.png', `_${i}.png`), fullPage: true, clip: { x: 0, y, width: 393, height: Math.min(1000, h - y) } });
await browser.close();
