import { chromium } from 'playwright-core';
const [,, file, out, sel] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run','--disable-sync'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto('file://' + file);
await p.locator(sel).first().screenshot({ path: out });
await b.close();
