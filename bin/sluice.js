#!/usr/bin/env node
// The `sluice` command: runs the compiled CLI (build with `npm run build`).
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2))).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
