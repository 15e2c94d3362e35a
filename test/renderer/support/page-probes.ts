import type { Page } from 'playwright-core';

/** What the tests read off a page that no role or label tells: pixels, chart.js's own state. */

const canvasOf = (page: Page, testId: string) => page.getByTestId(testId).first().locator('canvas');

type PixelReader = (canvas: HTMLCanvasElement) => Uint8ClampedArray;

/**
 * Gives the page `__pixelsOf(canvas)`: a canvas's pixels, read from a copy. Reading the page's
 * own canvas back more than once makes Chromium warn (willReadFrequently), which the tests
 * count as a problem; and the page's CSP allows no `new Function` to pass code in another way.
 */
function installPixelReader(page: Page): Promise<void> {
  return page.evaluate(() => {
    const host = window as unknown as { __pixelsOf?: PixelReader };
    host.__pixelsOf ??= (canvas) => {
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(canvas, 0, 0);
      return context.getImageData(0, 0, copy.width, copy.height).data;
    };
  });
}

/** How many pixels of a figure's canvas chart.js has painted. */
export async function paintedPixels(page: Page, testId: string): Promise<number> {
  await installPixelReader(page);
  return canvasOf(page, testId).evaluate((canvas: HTMLCanvasElement) => {
    const data = (window as unknown as { __pixelsOf: PixelReader }).__pixelsOf(canvas);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });
}

/** How many pixels of a figure's canvas have exactly the colour of a CSS custom property now. */
export async function pixelsOfThemeColour(
  page: Page,
  testId: string,
  property: string,
): Promise<number> {
  await installPixelReader(page);
  return canvasOf(page, testId).evaluate((canvas: HTMLCanvasElement, name: string) => {
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
    const data = (window as unknown as { __pixelsOf: PixelReader }).__pixelsOf(canvas);
    let count = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) count++;
    return count;
  }, property);
}

/**
 * The chart.js chart now on a figure's canvas, as a handle to compare later: chart.js keeps its
 * per-chart state on the canvas (`$chartjs`) from creation to destruction.
 */
export async function chartIdentity(page: Page, testId: string) {
  const key = `__chart_${testId}`;
  await canvasOf(page, testId).evaluate((canvas, name) => {
    (window as unknown as Record<string, unknown>)[name] = (
      canvas as unknown as Record<string, unknown>
    ).$chartjs;
  }, key);
  return {
    /** Whether the same chart is still there (updated, not destroyed and created again). */
    same: () =>
      canvasOf(page, testId).evaluate(
        (canvas, name) =>
          (canvas as unknown as Record<string, unknown>).$chartjs !== undefined &&
          (canvas as unknown as Record<string, unknown>).$chartjs ===
            (window as unknown as Record<string, unknown>)[name],
        key,
      ),
  };
}

/** Waits for two frames: what an event changed has rendered and painted. */
export function nextFrames(page: Page): Promise<unknown> {
  return page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

/**
 * Latin words left in the page's text once data is taken out, for a page in another language:
 * what the provider or the core says in English (notices, error details, code), the given
 * names and phrases, and identifiers (anything with a digit, dot, hyphen or colon).
 */
export async function untranslatedWords(
  page: Page,
  data: { readonly phrases: readonly string[]; readonly words: readonly string[] },
): Promise<string[]> {
  const text = await page.evaluate(() => {
    const root = document.body.cloneNode(true) as HTMLElement;
    for (const own of root.querySelectorAll('.notices, .detail, code, script, style')) own.remove();
    // Every <option> would be in the text of its <select>; only the chosen one is read.
    for (const select of root.querySelectorAll('select')) select.replaceChildren();
    for (const select of document.querySelectorAll('select')) {
      const chosen = select.selectedOptions[0]?.textContent;
      if (chosen) root.append(document.createElement('span'), chosen);
    }
    // Text node by text node: adjacent elements' words must not run together ("CSVJSON").
    const texts: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      texts.push(node.textContent ?? '');
    return texts.join(' ');
  });
  let rest = ` ${text} `;
  for (const phrase of [...data.phrases].sort((a, b) => b.length - a.length))
    rest = rest.split(phrase).join(' ');
  // Identifiers: region codes, domains, addresses, ids, URLs (a digit, or inner . - : / @).
  rest = rest.replace(/[\w]+(?:[-.:/@]+[\w]+)+|[A-Za-z_]*\d\w*/g, ' ');
  const allowed = new Set(data.words);
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])].filter((word) => !allowed.has(word));
}
