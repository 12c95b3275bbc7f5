import type { Database } from "../../db/client";
import type { Matcher } from "../../services/matcher";
import type { Desk } from "../desk";
import type { SlackGateway } from "../gateway";

/** What every listener may use; built once by the composition root. */
export interface ListenerDeps {
  db: Database;
  desk: Desk;
  matcher: Matcher;
  gateway: SlackGateway;
  clock: () => Date;
}
