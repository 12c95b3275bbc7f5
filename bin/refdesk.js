#!/usr/bin/env node
// The package's one bin. TypeScript runs through tsx, so there is no build step to forget.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
