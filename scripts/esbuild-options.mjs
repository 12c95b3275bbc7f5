// How the app is built for node (scripts/build.mjs), and the benches' apps built as it is
// (bench/ack.ts): bundled, dependencies left in node_modules.
/** @type {import("esbuild").BuildOptions} */
export const NODE_BUILD = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // Stack traces name src/ files and lines (node --enable-source-maps). Without the sources' text in
  // the map, which traces never show: node parses the map at every start, and the 1.3 MB map with
  // the sources cost about 140 ms of a start (1.09 s against 0.95 s on a migrated server).
  sourcemap: true,
  sourcesContent: false,
  logLevel: "warning",
};
