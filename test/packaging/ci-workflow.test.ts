// The GitHub workflow cannot run on these machines; this keeps it in step with what can be
// checked here: the README's test command, .ci/run, the smoke test and electron-builder.yml.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './build-app.ts';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, unknown>;
}
interface Job {
  readonly container?: string;
  readonly strategy?: { matrix: { os?: string[]; include?: Record<string, string>[] } };
  readonly steps: readonly Step[];
}

const workflow = yaml.load(read('.github/workflows/ci.yml')) as { jobs: Record<string, Job> };
const builder = yaml.load(read('electron-builder.yml')) as {
  productName: string;
  linux: { executableName: string };
};
const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run.trim()] : []));
const readmeTestCommand = /```sh\n[^\n]*\n([^\n#]*?)\s*#/.exec(read('README.md'))![1]!;

describe('the CI workflow', () => {
  it('runs .ci/run itself on Linux, in the Debian release of the project’s CI machines', () => {
    const linux = workflow.jobs['test-linux']!;
    expect(linux.container).toBe('debian:12');
    expect(runs(linux)).toContain('bash .ci/run');
  });

  it('installs, with Chromium, a Japanese font for the Japanese screenshots', () => {
    const packages = /^APT_PACKAGES="([^"]*)"/m.exec(read('.ci/run'))![1]!.split(' ');
    expect(packages).toContain('chromium');
    expect(packages).toContain('fonts-ipaexfont-gothic');
    expect(existsSync(join(ROOT, 'docs', 'images', 'screen-overview-ja-light.png'))).toBe(true);
  });

  it('runs the README’s test command verbatim on macOS and Windows', () => {
    expect(readmeTestCommand).toBe('npm ci && npm test');
    const job = workflow.jobs.test!;
    expect(job.strategy?.matrix.os).toEqual(['macos-latest', 'windows-latest']);
    expect(runs(job)).toContain(readmeTestCommand);
  });

  it('launches the app under a display, builds the installers, then launches the packed app', () => {
    const app = workflow.jobs.app!;
    const commands = runs(app);
    const smoke = '${{ matrix.display }} npx vitest run test/smoke';
    expect(commands.filter((run) => run === smoke)).toHaveLength(2);
    expect(commands.indexOf('npm run dist')).toBeGreaterThan(commands.indexOf(smoke));
    expect(commands.lastIndexOf(smoke)).toBeGreaterThan(commands.indexOf('npm run dist'));
    expect(existsSync(join(ROOT, 'test', 'smoke', 'app-launch.test.ts'))).toBe(true);
    const packed = app.steps.find((step) => step.env?.CLOUDMETER_SMOKE_EXECUTABLE);
    expect(packed?.run).toBe(smoke);
  });

  it('points the packed smoke test at the executables electron-builder.yml names', () => {
    const byOs = new Map(workflow.jobs.app!.strategy!.matrix.include!.map((row) => [row.os, row]));
    const { productName } = builder;
    expect(byOs.get('ubuntu-latest')!.display).toMatch(/xvfb-run/);
    expect(byOs.get('ubuntu-latest')!.packed).toBe(
      `dist/linux-unpacked/${builder.linux.executableName}`,
    );
    expect(byOs.get('macos-latest')!.packed).toBe(
      `dist/mac-arm64/${productName}.app/Contents/MacOS/${productName}`,
    );
    expect(byOs.get('windows-latest')!.packed).toBe(`dist/win-unpacked/${productName}.exe`);
  });
});
