#!/usr/bin/env node
// Runs the TypeScript sources directly: Node 24 strips types natively. The project's own Node 24
// (the `node` devDependency) comes first on PATH under npm and npx.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `cloudmeter needs Node 24 or later (this is ${process.version}); run it with npx cloudmeter\n`,
  );
  process.exit(3);
}
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
