import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

// A real headless Chromium from the system's packages (Debian's `chromium`), driven by
// playwright-core, which never downloads a browser of its own. CI installs the package and sets
// REQUIRE_BROWSER=1, so a missing browser fails there; on a laptop without it, the browser tests
// are skipped with a line that says how to get them.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const browserAvailable = existsSync(CHROMIUM_PATH);

if (!browserAvailable && process.env.REQUIRE_BROWSER === "1")
  throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH}: apt-get install chromium`);
if (!browserAvailable)
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Root in a container has no sandbox; the rest keep Chromium off a network it cannot reach.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
