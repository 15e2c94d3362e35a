import { describe, it } from 'vitest';
import { browserSkipReason } from './browser.ts';

/**
 * `describe` for tests that need Chromium: skipped with a clear message where it is missing,
 * but failing under CI, where a missing browser must not pass for a green run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  const reason = browserSkipReason;
  if (reason === null) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs Chromium on CI', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  console.warn(reason);
  describe.skip(name, body);
}
