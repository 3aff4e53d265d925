import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startMoto, type MotoServer } from '../../support/moto';
import { seedAwsFiles, type SeededAwsFiles } from './awsFiles';
import { launchBrowser, openPage } from './browser';
import { repoRoot, startCodeServer, type CodeServer } from './codeServer';
import { Workbench } from './workbench';

/** Profile names in the suite's AWS files. */
export const E2E_PROFILES = {
  /** Access key of the emulator user `e2e-user`. */
  static: 'e2e-static',
  /** Assumes the emulator role `e2e-role` from e2e-static. */
  role: 'e2e-role',
  /** An SSO profile (never called: there is no SSO portal offline). */
  sso: 'e2e-sso',
} as const;

/** What every spec shares: one moto_server, one code-server, one browser page, for the whole run. */
export interface E2eSession {
  moto: MotoServer;
  aws: SeededAwsFiles;
  /** A throwaway copy of examples/ (named `examples`), opened as the workspace; specs may add and edit files. */
  workspace: string;
  codeServer: CodeServer;
  browser: Browser;
  workbench: Workbench;
}

let session: E2eSession | undefined;
const cleanups: Array<() => unknown> = [];

/** The shared session; call it inside hooks and tests (it exists once the root beforeAll has run). */
export function e2e(): E2eSession {
  if (!session) throw new Error('the e2e session is not running: run specs with `npm run test:e2e`');
  return session;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the e2e suite with \`npm run test:e2e\` (scripts/e2e.mjs)`);
  if (!existsSync(value)) throw new Error(`${name} points at '${value}', which is missing`);
  return value;
}

/** Mocha root hooks (loaded through test/e2e/.mocharc.json `require`). */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(240_000);
    const binary = required('GRANTWISE_CODE_SERVER');
    const vsix = required('GRANTWISE_E2E_VSIX');

    const moto = await startMoto();
    cleanups.push(() => moto.stop());
    const aws = await seedAwsFiles(moto.endpoint, {
      profile: E2E_PROFILES.static,
      userName: 'e2e-user',
      region: 'eu-west-2',
      assumeRole: { profile: E2E_PROFILES.role, roleName: 'e2e-role' },
      extraConfig: [
        `[profile ${E2E_PROFILES.sso}]`,
        'sso_session = e2e',
        'sso_account_id = 111122223333',
        'sso_role_name = Developer',
        'region = eu-west-1',
        '[sso-session e2e]',
        'sso_start_url = https://e2e.awsapps.example/start',
        'sso_region = eu-west-1',
      ].join('\n'),
    });
    cleanups.push(() => aws.remove());

    const copyRoot = mkdtempSync(join(tmpdir(), 'gw-e2e-workspace-'));
    cleanups.push(() => rmSync(copyRoot, { recursive: true, force: true }));
    const workspace = join(copyRoot, 'examples');
    cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });

    const codeServer = await startCodeServer({
      binary,
      vsix,
      workspace,
      env: aws.env,
      userSettings: {
        'grantwise.aws.endpointUrl': moto.endpoint,
        'git.enabled': false,
        // Whole log lines in the Output panel, so specs can match a line as it was written.
        '[Log]': { 'editor.wordWrap': 'off' },
      },
    });
    cleanups.push(() => codeServer.stop());

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const workbench = new Workbench(await openPage(browser, codeServer.url));
    await workbench.ready();
    session = { moto, aws, workspace, codeServer, browser, workbench };
  },

  /** A failed test leaves a screenshot named after it, and the server's output in the error. */
  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !session) return;
    const file = await session.workbench.screenshot(`failed-${test.fullTitle()}`).catch(() => undefined);
    if (file) console.error(`    screenshot: ${file}`);
  },

  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    session = undefined;
    // In reverse order of start; every cleanup runs even when one fails.
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) throw errors[0];
  },
};
