// Builds what production runs: src/main.ts bundled into dist/main.js for plain node (dependencies
// stay in node_modules). esbuild takes a fraction of a second, so `npm start` builds every time and
// never runs a stale copy.
import { build } from "esbuild";

await build({
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
