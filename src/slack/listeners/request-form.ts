import type { RequestFields } from "../../core/domain";
import { requestModal } from "../blocks/request-modal";
import { encodeRequestMetadata, type RequestMetadata } from "../payloads";
import type { ListenerDeps } from "./deps";

/**
 * Opens the request modal prefilled from free text, or from fields already understood (a
 * recognition offer). Parsing here is deterministic and the roster vocabulary is cached, so this
 * stays well inside the trigger_id's three seconds: no model call comes before views.open.
 */
export async function openRequestForm(
  deps: ListenerDeps,
  triggerId: string,
  metadata: RequestMetadata,
  understood?: RequestFields,
): Promise<void> {
  const fields = understood ?? (await deps.matcher.parse(metadata.rawText)).request;
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
