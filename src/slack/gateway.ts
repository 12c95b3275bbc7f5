import type { KnownBlock, View } from "@slack/types";
import type { WebClient } from "@slack/web-api";

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

/** The Web API calls the app makes, behind one interface so flows read as what they do. */
export interface SlackGateway {
  /** Posts to a channel, a user's DM (channel = user ID) or a thread. */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<{ channel: string; ts: string }>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  ephemeral(channel: string, user: string, text: string, threadTs?: string): Promise<void>;
  openView(triggerId: string, view: View): Promise<void>;
}

export function webGateway(client: WebClient): SlackGateway {
  return {
    async post(channel, message, threadTs) {
      const result = await client.chat.postMessage({
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
      });
      return { channel: result.channel ?? channel, ts: result.ts ?? "" };
    },
    async update(channel, ts, message) {
      await client.chat.update({
        channel,
        ts,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      });
    },
    async ephemeral(channel, user, text, threadTs) {
      await client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
    },
    async openView(triggerId, view) {
      await client.views.open({ trigger_id: triggerId, view });
    },
  };
}
