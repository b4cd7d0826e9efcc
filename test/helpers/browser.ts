// Debian's chromium driven by playwright-core, for the web chat's browser tests: started on first use,
// so every test fails (none is skipped) when chromium is missing; closed once the file is done.
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** The file's browser and a way to close it. */
export function browserForTests(): { browser: () => Promise<Browser>; close: () => Promise<void> } {
  let launched: Promise<Browser> | undefined;
  return {
    browser() {
      launched ??= chromium
        .launch({
          executablePath: CHROMIUM,
          headless: true,
          // Without the background-networking flags chromium keeps reaching for Google's hosts, which this network refuses.
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        })
        .catch((error: Error) => {
          throw new Error(`The browser tests need chromium at ${CHROMIUM} (apt-get install chromium): ${error.message}`, { cause: error });
        });
      return launched;
    },
    async close() {
      await (await launched?.catch(() => undefined))?.close();
    },
  };
}
