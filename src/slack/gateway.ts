import type { HomeView, KnownBlock, View } from "@slack/types";
import type { FilesCompleteUploadExternalResponse, WebClient } from "@slack/web-api";

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

export interface FileUpload {
  filename: string;
  title: string;
  bytes: Buffer;
  /** Posted with the file, as its message. */
  initialComment?: string;
  threadTs?: string;
}

export interface ImageUpload {
  filename: string;
  title: string;
  bytes: Buffer;
  /** Read to screen readers in place of the image. */
  altText: string;
}

/** The Web API calls the app makes, behind one interface so flows read as what they do. */
export interface SlackGateway {
  /** Posts to a channel, a user's DM (channel = user ID) or a thread. */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<{ channel: string; ts: string }>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** Visible to `user` only; plain text or a message with blocks. */
  ephemeral(channel: string, user: string, message: string | SlackMessage, threadTs?: string): Promise<void>;
  delete(channel: string, ts: string): Promise<void>;
  /** The blocks of the message at `ts` in `channel` (a thread reply too), or null when there is none. */
  messageBlocks(channel: string, ts: string): Promise<unknown[] | null>;
  /** Opens a modal; returns its view ID (for a later update). */
  openView(triggerId: string, view: View): Promise<string>;
  /** Replaces an open modal; `hash` makes it fail rather than overwrite a newer version. */
  updateView(viewId: string, view: View, hash?: string): Promise<void>;
  /** Replaces the user's App Home tab. */
  publishHome(userId: string, view: HomeView): Promise<void>;
  /** The DM channel with a user (files are shared in a conversation, not to a user ID). */
  openDm(userId: string): Promise<string>;
  /** Uploads a file and shares it in a channel; returns the file's ID. */
  uploadFile(channel: string, file: FileUpload): Promise<string>;
  /**
   * Uploads an image without sharing it anywhere: it stays the app's own until a message in
   * `channel` shows it in an image block (`slack_file: { id }`). `channel` only picks the
   * workspace (the file is private to the bot that uploaded it); returns the file's ID.
   */
  uploadImage(channel: string, image: ImageUpload): Promise<string>;
}

/** The ID of the file files.uploadV2 uploaded: one completeUploadExternal answer per message. */
function uploadedFileId(uploaded: unknown): string {
  // The SDK types the wrapper's result loosely.
  const completed = (uploaded as { files?: FilesCompleteUploadExternalResponse[] }).files ?? [];
  return completed[0]?.files?.[0]?.id ?? "";
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
    async ephemeral(channel, user, message, threadTs) {
      const { text, blocks } = typeof message === "string" ? { text: message, blocks: undefined } : message;
      await client.chat.postEphemeral({
        channel,
        user,
        text,
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    },
    async delete(channel, ts) {
      await client.chat.delete({ channel, ts });
    },
    async messageBlocks(channel, ts) {
      const found = await client.conversations.replies({
        channel,
        ts,
        latest: ts,
        oldest: ts,
        inclusive: true,
      });
      const message = found.messages?.find((candidate) => candidate.ts === ts);
      return message ? ((message.blocks as unknown[] | undefined) ?? []) : null;
    },
    async openView(triggerId, view) {
      // As the JSON Slack receives anyway: given an object, the client walks all of it for a debug
      // line it never prints, about a fifth of a /reference's CPU.
      const opened = await client.views.open({
        trigger_id: triggerId,
        view: JSON.stringify(view) as unknown as View,
      });
      return opened.view?.id ?? "";
    },
    async updateView(viewId, view, hash) {
      await client.views.update({ view_id: viewId, view, ...(hash ? { hash } : {}) });
    },
    async publishHome(userId, view) {
      await client.views.publish({ user_id: userId, view });
    },
    async openDm(userId) {
      const opened = await client.conversations.open({ users: userId });
      return opened.channel?.id ?? "";
    },
    async uploadFile(channel, file) {
      // files.getUploadURLExternal, the bytes to the URL it returns, then files.completeUploadExternal.
      const uploaded = await client.files.uploadV2({
        ...(file.threadTs ? { channel_id: channel, thread_ts: file.threadTs } : { channel_id: channel }),
        file: file.bytes,
        filename: file.filename,
        title: file.title,
        ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
      });
      return uploadedFileId(uploaded);
    },
    async uploadImage(_channel, image) {
      // No channel_id: files.completeUploadExternal then shares the file nowhere.
      const uploaded = await client.files.uploadV2({
        file: image.bytes,
        filename: image.filename,
        title: image.title,
        alt_text: image.altText,
      });
      const id = uploadedFileId(uploaded);
      if (!id) throw new Error("Slack completed the upload without naming the file");
      return id;
    },
  };
}
