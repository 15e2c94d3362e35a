// `npm test`: every check the project has, in one command, with one summary line at the end.
// Static checks (types, lint, format) count as one test each; then vitest runs the suites.
// Every step runs even if an earlier one failed, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (tool: string) =>
  join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${tool}.cmd` : tool);
const reports = join(root, 'reports');
const vitestReport = join(reports, 'vitest.json');

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const STATIC_STEPS: readonly Step[] = [
  {
    name: 'typecheck: main, preload, shared',
    command: bin('tsc'),
    args: ['-p', 'tsconfig.node.json'],
  },
  { name: 'typecheck: renderer', command: bin('tsc'), args: ['-p', 'tsconfig.web.json'] },
  { name: 'typecheck: tests', command: bin('tsc'), args: ['-p', 'tsconfig.test.json'] },
  {
    name: 'lint (with the import boundaries)',
    command: bin('eslint'),
    args: ['--max-warnings', '0', '.'],
  },
  { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
];

function run(step: Step): boolean {
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const result = spawnSync(step.command, step.args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

mkdirSync(reports, { recursive: true });
rmSync(vitestReport, { force: true });

const staticResults = STATIC_STEPS.map((step) => ({ step, ok: run(step) }));
const vitestOk = run({
  name: 'vitest',
  command: bin('vitest'),
  args: [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestReport}`,
    ...process.argv.slice(2),
  ],
});

let passed = staticResults.filter((r) => r.ok).length;
let failed = staticResults.length - passed;
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
  };
  passed += report.numPassedTests;
  // A suite that fails to load has no failed test of its own: count it so it cannot hide.
  failed += report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
  if (!vitestOk && report.numFailedTests === 0 && report.numFailedTestSuites === 0) failed += 1;
} else {
  failed += 1;
}

for (const { step, ok } of staticResults) if (!ok) console.log(`✘ failed: ${step.name}`);
writeFileSync(join(reports, 'summary.json'), `${JSON.stringify({ passed, failed })}\n`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
