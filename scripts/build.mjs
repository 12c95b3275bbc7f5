// Builds what production runs: src/main.ts bundled into dist/main.js for plain node (dependencies
// stay in node_modules). esbuild takes a fraction of a second, so `npm start` builds every time and
// never runs a stale copy. It also keeps the embedded database's template current (a new DATA_DIR
// starts as a copy of it: src/db/pglite-template.ts); making one takes seconds, so that happens only
// when the migrations or PGlite changed.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { NODE_BUILD } from "./esbuild-options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  ...NODE_BUILD,
  entryPoints: { main: "src/main.ts", "pglite-template": "src/db/pglite-template.ts" },
  absWorkingDir: root,
  outdir: "dist",
});

const { currentTemplate } = await import(new URL("../dist/pglite-template.js", import.meta.url).href);
if (!currentTemplate()) {
  try {
    execFileSync(process.execPath, ["--import", "tsx", "scripts/bake-pglite-template.ts"], {
      cwd: root,
      stdio: "inherit",
    });
  } catch {
    // Only a first start is slower without it: PGlite creates a new DATA_DIR's database itself.
    console.warn("Could not make the embedded database's template; new DATA_DIRs are created without it.");
  }
}
