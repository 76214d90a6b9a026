import { expect, test } from '@playwright/test';
import { launchApp, type LaunchedApp } from '../launch.ts';
import { AppPage } from './app-page.ts';

export interface Session {
  app: LaunchedApp;
  ui: AppPage;
}

/**
 * Launches the app on the bundled sample before each test of the file (its own data folder, so no saved work
 * carries over) and, after each, closes it and checks that the page logged no errors.
 */
export function onSampleApp(): Session {
  const session = {} as Session;
  test.beforeEach(async () => {
    session.app = await launchApp();
    session.ui = new AppPage(session.app.page);
    await session.ui.waitReady();
  });
  test.afterEach(async () => {
    await session.app.close();
    expect(session.ui.consoleErrors).toEqual([]);
  });
  return session;
}
