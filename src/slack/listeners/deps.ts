import type { Database } from "../../db/client";
import type { Matcher } from "../../services/matcher";
import type { Understanding } from "../../services/understanding";
import type { ActivitySteps } from "../activity-steps";
import type { Desk } from "../desk";
import type { SlackGateway } from "../gateway";
import type { Recognizer } from "../recognizer";

/** What every listener may use; built once by the composition root. */
export interface ListenerDeps {
  db: Database;
  desk: Desk;
  matcher: Matcher;
  gateway: SlackGateway;
  understanding: Understanding;
  recognizer: Recognizer;
  steps: ActivitySteps;
  /** Posts the weekly digest to the leads' channel now. */
  postDigest: () => Promise<void>;
  clock: () => Date;
}
