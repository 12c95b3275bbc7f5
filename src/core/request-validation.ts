import type { RequestFields } from "./domain";

/**
 * Problems a person must fix before a request is stored, keyed by the form field they belong to.
 * Empty when the request can go ahead.
 */
export function requestProblems(fields: RequestFields, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (fields.deadline && fields.deadline < today) problems.deadline = "The deadline is in the past.";
  const describesSomeone =
    fields.prospect_company ||
    fields.industry ||
    fields.region ||
    fields.persona ||
    fields.products.length > 0;
  if (!describesSomeone) {
    problems.prospect =
      "Tell me who the prospect is, or what kind of customer would help (industry, region, role…).";
  }
  return problems;
}
