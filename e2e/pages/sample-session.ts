import { expect, test } from '@playwright/test';
import { launchApp, type LaunchedApp } from '../launch.ts';
import { AppPage } from './app-page.ts';

export interface Session {
  app: LaunchedApp;
  ui: AppPage;
}

/**
 * Launches the app on the bundled sample (its own data folder, so no saved work carries over) and, when done,
 * closes it and checks that the page logged no errors. By default once per test; `perFile` launches it once
 * for the whole file (its tests then run in order, each going on from where the last left the app, and the
 * rest are skipped after a failure): the launch and the sample's import are most of a short test's time.
 */
export function onSampleApp(options: { perFile?: boolean } = {}): Session {
  const session = {} as Session;
  const launch = async () => {
    session.app = await launchApp();
    session.ui = new AppPage(session.app.page);
    await session.ui.waitReady();
  };
  const close = async () => {
    await session.app.close();
    expect(session.ui.consoleErrors).toEqual([]);
  };
  if (options.perFile) {
    test.describe.configure({ mode: 'serial' });
    test.beforeAll(launch);
    test.afterAll(close);
  } else {
    test.beforeEach(launch);
    test.afterEach(close);
  }
  return session;
}
