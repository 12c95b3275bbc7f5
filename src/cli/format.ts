import { activityLabel } from "../core/activities";
import { formatDay } from "../core/dates";
import type { RequestFields } from "../core/domain";
import type { Proposal } from "../services/matcher";

/** One line per field the request carries, for people reading a terminal. */
export function formatRequest(request: RequestFields): string {
  const lines: [string, string | null][] = [
    ["prospect", request.prospect_company],
    ["industry", request.industry],
    ["size", request.company_size],
    ["region", request.region],
    ["products", request.products.join(", ") || null],
    ["persona", request.persona],
    ["activities", request.activities.map(activityLabel).join(", ") || null],
    ["deadline", request.deadline],
  ];
  return lines.map(([label, value]) => `  ${label.padEnd(10)} ${value ?? "—"}`).join("\n");
}

/** `bold` marks each candidate's name (colour on a terminal; nothing by default). */
export function formatProposal(proposal: Proposal, bold: (text: string) => string = (text) => text): string {
  const out = [`Request:\n${formatRequest(proposal.request)}`, ""];
  if (proposal.candidates.length === 0) {
    out.push(`No champion fits (${proposal.considered} considered). ${formatExclusions(proposal)}`);
  }
  proposal.candidates.forEach((candidate, index) => {
    const what = candidate.event
      ? `${activityLabel(candidate.activity)} — ${candidate.event.name}, ${formatDay(candidate.event.date)}`
      : activityLabel(candidate.activity);
    const flags = candidate.flags.length > 0 ? `  [${candidate.flags.join(", ")}]` : "";
    out.push(`${index + 1}. ${bold(candidate.name)} <${candidate.email}>: ${what}`);
    out.push(
      `   score ${candidate.score.toFixed(3)} · load ${candidate.load.toFixed(1)} of ${candidate.capacity}${flags}`,
    );
    for (const reason of candidate.reasons) out.push(`   - ${reason}`);
  });
  if (proposal.candidates.length > 0) out.push("", formatExclusions(proposal));
  return `${out.join("\n")}\n`;
}

function formatExclusions(proposal: Proposal): string {
  const parts = Object.entries(proposal.excluded).map(
    ([reason, count]) => `${count} ${reason.replaceAll("_", " ")}`,
  );
  return parts.length > 0 ? `Not eligible: ${parts.join(", ")}.` : "Everyone on the roster was eligible.";
}

/** The spec's JSON contract for `match --json` (plus event, fit and exclusion counts). */
export function proposalJson(proposal: Proposal) {
  return {
    request: proposal.request,
    candidates: proposal.candidates.map((candidate) => ({
      email: candidate.email,
      name: candidate.name,
      activity: candidate.activity,
      event: candidate.event,
      score: candidate.score,
      fit: candidate.fit,
      yes: candidate.yes,
      load: candidate.load,
      capacity: candidate.capacity,
      flags: candidate.flags,
      reasons: candidate.reasons,
    })),
    considered: proposal.considered,
    excluded: proposal.excluded,
  };
}
