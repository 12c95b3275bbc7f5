import type { App } from "@slack/bolt";
import { registerActivityComplete } from "./actions/activity-complete";
import { registerActivitySchedule } from "./actions/activity-schedule";
import { registerInvitationAnswer } from "./actions/invitation-answer";
import { registerInvitationRecord } from "./actions/invitation-record";
import { registerProposalApprove } from "./actions/proposal-approve";
import { registerProposalCompose } from "./actions/proposal-compose";
import { registerProposalReject } from "./actions/proposal-reject";
import { registerProposalSwap } from "./actions/proposal-swap";
import { registerRequestOffer } from "./actions/request-offer";
import { registerAdvocacyCommand } from "./commands/advocacy";
import { registerReferenceCommand } from "./commands/reference";
import type { ListenerDeps } from "./deps";
import { registerChannelMessage } from "./events/channel-message";
import { registerDirectMessage } from "./events/direct-message";
import { registerRequestShortcut } from "./shortcuts/request-reference";
import { registerInvitationComposeSubmit } from "./views/invitation-compose-submit";
import { registerOutcomeSubmit } from "./views/outcome-submit";
import { registerRequestSubmit } from "./views/request-submit";

/** Registers every listener, grouped by Slack surface. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerReferenceCommand(app, deps);
  registerAdvocacyCommand(app, deps);
  registerRequestShortcut(app, deps);
  registerRequestSubmit(app, deps);
  registerOutcomeSubmit(app, deps);
  registerInvitationComposeSubmit(app, deps);
  registerProposalApprove(app, deps);
  registerProposalCompose(app, deps);
  registerProposalReject(app, deps);
  registerProposalSwap(app, deps);
  registerInvitationAnswer(app, deps);
  registerInvitationRecord(app, deps);
  registerActivitySchedule(app, deps);
  registerActivityComplete(app, deps);
  registerRequestOffer(app, deps);
  registerDirectMessage(app, deps);
  registerChannelMessage(app, deps);
}
