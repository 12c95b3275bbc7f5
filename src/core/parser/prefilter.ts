// The cheap first look at every channel message: could this be a customer-reference request? It
// only has to be fast and let every real request through; the parser or the model decides.

import type { ParseResult } from "../domain";
import { type ParseContext, parseRequest } from "./request-parser";

/** What a request is about: a reference, a customer or an advocate, or an activity they would do. */
const TOPIC =
  /\b(?:refs?|references?|customers?|champions?|advocates?|peers?|clients?|case[\s-]stud(?:y|ies)|testimonials?|customer[\s-]stor(?:y|ies)|vouch|quoted?|quotes|press|reporters?|journalists?|panels?|webinars?|roundtables?|dinners?|advisory|council|site[\s-]visits?|reviews?|feedback|speak(?:er|ing)?|talk|chat|calls?|zoom|hear\s+from|meet|intros?|present|summit|conference|keynote|meetups?|user\s+groups?|usability|research|interviews?|beta|g2|visit|phone|proof|similar|c[efimt]o|ciso|vps?|heads?\s+of)\b/i;

/** How people ask: a question, or a word that asks or says something is wanted. */
const ASKING =
  /\?|\b(?:need(?:s|ed)?|looking|anyone|any|anybody|someone|somebody|who(?:'d|'s)?|can|could|would|help|wants?|asking|asked|request(?:ed)?|ask|pls|please|find|get|give|line\s+up|connect|hook|search(?:ing)?|seek(?:ing)?|lf)\b/i;

export function mightBeReferenceRequest(text: string): boolean {
  return TOPIC.test(text) && ASKING.test(text);
}

/** The rules' answer for a channel message: the request it carries, or null. */
export function recognizeDeterministically(text: string, context: ParseContext): ParseResult | null {
  if (!mightBeReferenceRequest(text)) return null;
  const result = parseRequest(text, context);
  return result.isRequest ? result : null;
}
