import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from './codeServer';

export const RESULTS_DIR = join(repoRoot, 'test-results');

/** Matches a string exactly, or a RegExp as given. */
function exactly(text: string | RegExp): RegExp {
  return typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
}

const paneHeader = (view: string) => `.pane-header[aria-label="${view} Section"]`;

/**
 * Drives the VS Code workbench the way a user does (activity bar, Command Palette, Quick Open, keyboard),
 * so a spec states behaviour, not DOM details. Every method waits for its effect; none sleeps blindly.
 */
export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits until the workbench has rendered and the extension host is up (status bar shown). */
  async ready(timeout = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout });
  }

  /** The activity-bar entry whose name starts with `title` (its label may carry a keybinding). */
  activityBarItem(title: string): Locator {
    return this.page
      .locator('.part.activitybar')
      .getByRole('tab', { name: new RegExp(`^${title}( \\(.*\\))?$`) });
  }

  /**
   * Opens a view container from the activity bar; leaves it open if it already is. Clicks only a tab that
   * is not selected: clicking the selected one closes it, and after a reload VS Code may restore the
   * container at any moment.
   */
  async openViewContainer(title: string): Promise<void> {
    const sideBarTitle = this.page
      .locator('.part.sidebar .composite.title .title-label h2')
      .filter({ hasText: new RegExp(`^${title}$`, 'i') });
    const tab = this.activityBarItem(title);
    await until(async () => {
      if (await sideBarTitle.isVisible()) return true;
      if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      return false;
    }, `the ${title} view container to open`);
  }

  /** The header of a view in the side bar, e.g. "Accounts". */
  viewHeader(name: string): Locator {
    return this.page.locator('.part.sidebar').locator(paneHeader(name));
  }

  /** The whole pane (header and body) of a view in the side bar. */
  view(name: string): Locator {
    return this.page.locator('.part.sidebar .pane').filter({ has: this.page.locator(paneHeader(name)) });
  }

  async expandView(name: string): Promise<void> {
    const header = this.viewHeader(name);
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await this.page.locator(`.part.sidebar ${paneHeader(name)}[aria-expanded="true"]`).waitFor();
  }

  /** A tree item in a view, by its accessible label ("label description", e.g. "e2e-sso SSO · eu-west-1"). */
  treeItem(view: string, label: string | RegExp): Locator {
    return this.view(view).getByRole('treeitem', { name: exactly(label) });
  }

  /** Every visible tree item label in a view, top to bottom. */
  async treeItems(view: string): Promise<string[]> {
    const rows = this.view(view).getByRole('treeitem');
    return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(
      Boolean,
    );
  }

  /** Waits for a tree item in a view and returns its label; on timeout the error lists what is there. */
  async waitForTreeItem(view: string, label: string | RegExp): Promise<string> {
    const pattern = exactly(label);
    let seen: string[] = [];
    return until(
      async () => {
        seen = await this.treeItems(view);
        return seen.find((l) => pattern.test(l));
      },
      () => `a tree item ${pattern} in ${view}, which shows ${JSON.stringify(seen)}`,
    );
  }

  /**
   * Expands a tree item once it has children (an item may become expandable only after a command ran on
   * it, as a profile does after Check Identity) and waits until it is open.
   */
  async expandTreeItem(item: Locator): Promise<void> {
    const twistie = item.locator('.monaco-tl-twistie');
    await until(async () => {
      const state = await item.getAttribute('aria-expanded');
      if (state !== 'false') return state === 'true';
      // One click, then let the tree re-render before looking again, so a slow render is not toggled back.
      await twistie.click();
      return until(
        async () => (await item.getAttribute('aria-expanded')) === 'true',
        'expansion',
        3000,
      ).catch(() => false);
    }, 'the tree item to become expandable and open');
  }

  /** Clicks an inline action (the icons shown on hover) of a tree item, by its title. */
  async runInlineAction(item: Locator, title: string): Promise<void> {
    await item.hover();
    await item.locator(`.actions .action-label[aria-label^="${title}"]`).click();
  }

  /** Opens a tree item's context menu and picks an entry by its title. */
  async runContextMenu(item: Locator, title: string): Promise<void> {
    await item.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.getByRole('menuitem', { name: exactly(title) });
    // VS Code menus ignore a click that lands right after they open; focus the entry and press Enter.
    await entry.hover();
    await entry.focus();
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
  }

  /** Runs a command from the Command Palette by its full title, e.g. "Grantwise: Show Log". */
  async runCommand(title: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) });
    await row.first().click();
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) by its path relative to the workspace folder. */
  async openFile(relativePath: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(relativePath);
    const name = relativePath.split('/').pop()!;
    await this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(name) }) })
      .first()
      .waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /** The focused text editor in the editor area. */
  activeEditor(): Locator {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor of the active editor (1-based line and column, as the Go to Line box takes them). */
  async goTo(line: number, column: number): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.part.statusbar').getByText(`Ln ${line}, Col ${column}`).waitFor();
  }

  /** The text of the hover at a position (1-based), as the "Show or Focus Hover" command shows it. */
  async hoverText(line: number, column: number, contains?: string | RegExp): Promise<string> {
    await this.goTo(line, column);
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await hover.waitFor();
    if (contains) await hover.filter({ hasText: contains }).waitFor();
    return hover.innerText();
  }

  /** The titles of the code actions (quick fixes and refactorings) offered at a position (1-based). */
  async codeActions(line: number, column: number, contains?: string | RegExp): Promise<string[]> {
    await this.goTo(line, column);
    await this.page.keyboard.press('Control+.');
    const list = this.page.locator('.action-widget .monaco-list');
    await list.waitFor();
    if (contains) await list.locator('.monaco-list-row', { hasText: contains }).first().waitFor();
    const rows = list.locator('.monaco-list-row.action');
    return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(
      Boolean,
    );
  }

  /**
   * Applies a code action offered at a position (1-based) by its exact title. Moves the focus with the
   * arrow keys and presses Enter: the action widget, like VS Code's menus, ignores a click that lands right
   * after it opened.
   */
  async applyCodeAction(line: number, column: number, title: string): Promise<void> {
    const titles = await this.codeActions(line, column, title);
    if (!titles.includes(title))
      throw new Error(`no code action '${title}' here; offered: ${JSON.stringify(titles)}`);
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    await until(
      async () => {
        if ((await focused.count()) && (await focused.first().getAttribute('aria-label')) === title)
          return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      `code action '${title}' to take the focus`,
      10_000,
    );
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
  }

  /** The labels the suggest widget offers at a position (1-based), once one of them shows `contains`. */
  async completions(line: number, column: number, contains: string | RegExp): Promise<string[]> {
    await this.goTo(line, column);
    await this.runCommand('Trigger Suggest');
    const rows = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await rows.filter({ hasText: contains }).first().waitFor();
    const labels = await rows.locator('.label-name').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** The Problems panel rows' accessible labels; with `contains`, first waits for a row that shows it. */
  async problems(contains?: string | RegExp): Promise<string[]> {
    await this.runCommand('Problems: Focus on Problems View');
    const panel = this.page.locator('.part.panel .markers-panel');
    await panel.waitFor();
    const rows = panel.locator('.monaco-list-row');
    if (contains) await rows.filter({ hasText: contains }).first().waitFor();
    return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(
      Boolean,
    );
  }

  /** The text of the Output panel after running `command` (e.g. "Grantwise: Show Log"), once it matches. */
  async outputText(command: string, matches: RegExp = /\S/): Promise<string> {
    await this.runCommand(command);
    const lines = this.page.locator('.part.panel .output-view .monaco-editor .view-lines');
    await lines.waitFor();
    // Monaco renders spaces as U+00A0; give callers plain text.
    const read = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
    return until(async () => {
      const text = await read();
      return matches.test(text) ? text : undefined;
    }, `the output to match ${matches}`);
  }

  /** Texts of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /** Closes a context menu or Quick Open / Command Palette left open, so the next keyboard input goes where it should. */
  async closeQuickInput(): Promise<void> {
    if (await this.page.locator('.context-view .monaco-menu').isVisible())
      await this.page.keyboard.press('Escape');
    if (await this.page.locator('.quick-input-widget').isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
  }

  /** Saves a screenshot of the page as test-results/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

/** Polls `probe` until it returns something truthy, then returns that; fails naming what it waited for. */
export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}
