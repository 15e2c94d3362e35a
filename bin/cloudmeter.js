#!/usr/bin/env node
// Runs the TypeScript sources directly: Node 24 strips types natively. The project's own Node 24
// (the `node` devDependency) comes first on PATH under npm and npx.
import { fileURLToPath } from 'node:url';

const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  // Kept to syntax any Node since 14 parses, so that an old Node gets this far and explains.
  const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
  const quoted = process.argv
    .slice(2)
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`));
  const args = quoted.length > 0 ? ` ${quoted.join(' ')}` : '';
  process.stderr.write(
    `cloudmeter needs Node 24 or later; this is Node ${process.version}.\n` +
      `Cloudmeter brings its own Node 24. In ${root} run\n` +
      `  npx cloudmeter${args}\n` +
      `or\n` +
      `  npm run cloudmeter${args && ` --${args}`}\n`,
  );
  process.exit(3);
}
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
