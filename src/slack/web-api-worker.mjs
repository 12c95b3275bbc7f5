// Worker threads start from a JavaScript file: this one loads the TypeScript worker through tsx.
import { tsImport } from "tsx/esm/api";

await tsImport("./web-api-worker.ts", import.meta.url);
