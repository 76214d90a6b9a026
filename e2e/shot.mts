// Dev helper (not a test): screenshots the app. npx tsx e2e/shot.mts <out.png> [open-path]
import { launchApp } from './launch.ts';
const [out, open] = process.argv.slice(2);
const app = await launchApp(open ? { open } : {});
app.page.on('console', (m) => console.log('console:', m.type(), m.text()));
await app.page.locator('.app[data-state="ready"]').waitFor({ timeout: 60000 });
await app.page.locator('[data-view="3d"][data-state="ready"]').waitFor({ timeout: 60000 }).catch(() => console.log('3d not ready'));
await app.page.screenshot({ path: out! });
await app.close();
