import { createRequire } from "node:module";
import type * as Bolt from "@slack/bolt";

// The parts of Bolt the app runs, taken from Bolt's own files rather than its package entry, which
// also loads the Express and AWS Lambda receivers (express, body-parser, the MIME database: about a
// quarter of Bolt's load time, on every start) that the app never uses. Types come from
// "@slack/bolt" as usual; these are the same classes its entry re-exports.

const require = createRequire(import.meta.url);

export const App: typeof Bolt.App = require("@slack/bolt/dist/App").default;
export type App = Bolt.App;

export const HTTPReceiver: typeof Bolt.HTTPReceiver =
  require("@slack/bolt/dist/receivers/HTTPReceiver").default;
export type HTTPReceiver = Bolt.HTTPReceiver;

export const HTTPModuleFunctions: typeof Bolt.HTTPModuleFunctions = require("@slack/bolt/dist/receivers/HTTPModuleFunctions");
