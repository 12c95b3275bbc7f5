import { requestModal } from "../blocks/request-modal";
import { encodeRequestMetadata, type RequestMetadata } from "../payloads";
import type { ListenerDeps } from "./deps";

/**
 * Opens the request modal prefilled from free text. Parsing is deterministic and the roster
 * vocabulary is cached, so this stays well inside the trigger_id's three seconds.
 */
export async function openRequestForm(
  deps: ListenerDeps,
  triggerId: string,
  metadata: RequestMetadata,
): Promise<void> {
  const { request: fields } = await deps.matcher.parse(metadata.rawText);
  await deps.gateway.openView(
    triggerId,
    requestModal({
      fields,
      notes: "",
      products: await deps.matcher.products(),
      privateMetadata: encodeRequestMetadata(metadata),
    }),
  );
}
