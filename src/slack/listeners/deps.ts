import type { Database } from "../../db/client";
import type { Matcher } from "../../services/matcher";
import type { Understanding } from "../../services/understanding";
import type { Workflow } from "../../workflow/request-workflow";
import type { ActivitySteps } from "../activity-steps";
import type { SlackGateway } from "../gateway";
import type { Recognizer } from "../recognizer";

/** What every listener may use; built once by the composition root. */
export interface ListenerDeps {
  db: Database;
  workflow: Workflow;
  /** Slack user IDs of the advocacy leads. */
  leads: ReadonlySet<string>;
  matcher: Matcher;
  gateway: SlackGateway;
  understanding: Understanding;
  recognizer: Recognizer;
  steps: ActivitySteps;
  /** Posts the weekly digest to the leads' channel now. */
  postDigest: () => Promise<void>;
  clock: () => Date;
}
