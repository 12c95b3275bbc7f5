import { addDays, daysBetween } from "./dates";
import type { Motivation } from "./domain";
import {
  ANSWER_MEAN_LIFETIME_DAYS,
  type AnswerEntry,
  DEFAULT_FATIGUE_PER_ASK,
  logit,
  type ProgramCalibration,
  priorYes,
  sigmoid,
} from "./learning";
import { motivationFit } from "./motivation";

// Calibrated priors: the motivation table says who enjoys what, not how often this program's people
// say yes. The program's own answers fit two numbers, a shift of every prior and the fall in a yes
// per recent ask, by penalised logistic regression (a few Newton steps on a 2×2 system). The
// penalties keep a young program near the table and the default fatigue; answers fade as they age,
// so the fit follows a program that changes.

/** Asks counted for tiredness: the cap's quarter. */
export const FATIGUE_WINDOW_DAYS = 91;
/** How far the data must pull before the shift moves (prior sd, log-odds) and the fatigue (prior sd). */
const SHIFT_PRIOR_SD = 0.5;
const FATIGUE_PRIOR_SD = 0.15;
const NEWTON_STEPS = 12;
const MAX_FATIGUE_PER_ASK = 1.5;

export interface CalibrationInput {
  motivations: readonly Motivation[];
  answers: readonly AnswerEntry[];
  /** ISO dates each ask reached them. */
  asks: readonly string[];
}

/** Asks in the quarter up to `date` (inclusive), the one being answered left out. */
export function asksBefore(asks: readonly string[], date: string): number {
  const after = addDays(date, -FATIGUE_WINDOW_DAYS);
  let count = 0;
  for (const day of asks) if (day > after && day <= date) count++;
  return Math.max(0, count - 1);
}

export function calibrateProgram(champions: readonly CalibrationInput[], today: string): ProgramCalibration {
  const base: number[] = [];
  const tired: number[] = [];
  const yes: number[] = [];
  const weight: number[] = [];
  for (const champion of champions) {
    for (const entry of champion.answers) {
      const age = daysBetween(entry.date, today);
      if (age < 0) continue;
      base.push(logit(priorYes(motivationFit(champion.motivations, entry.activityType))));
      tired.push(asksBefore(champion.asks, entry.date));
      yes.push(entry.answer === "accepted" ? 1 : 0);
      weight.push(Math.exp(-age / ANSWER_MEAN_LIFETIME_DAYS));
    }
  }
  let shift = 0;
  let fatigue = DEFAULT_FATIGUE_PER_ASK;
  for (let step = 0; step < NEWTON_STEPS; step++) {
    // Gradient and Hessian of the penalised log-likelihood in (shift, fatigue).
    let gShift = -shift / SHIFT_PRIOR_SD ** 2;
    let gFatigue = -(fatigue - DEFAULT_FATIGUE_PER_ASK) / FATIGUE_PRIOR_SD ** 2;
    let hShift = -1 / SHIFT_PRIOR_SD ** 2;
    let hFatigue = -1 / FATIGUE_PRIOR_SD ** 2;
    let hCross = 0;
    for (let index = 0; index < base.length; index++) {
      const n = tired[index] ?? 0;
      const w = weight[index] ?? 0;
      const p = sigmoid((base[index] ?? 0) + shift - fatigue * n);
      const residual = w * ((yes[index] ?? 0) - p);
      const curvature = w * p * (1 - p);
      gShift += residual;
      gFatigue -= residual * n;
      hShift -= curvature;
      hFatigue -= curvature * n * n;
      hCross += curvature * n;
    }
    const determinant = hShift * hFatigue - hCross * hCross;
    shift -= (hFatigue * gShift - hCross * gFatigue) / determinant;
    fatigue -= (hShift * gFatigue - hCross * gShift) / determinant;
    fatigue = Math.min(MAX_FATIGUE_PER_ASK, Math.max(0, fatigue));
  }
  return { shift, fatiguePerAsk: fatigue, evidence: weight.reduce((sum, w) => sum + w, 0) };
}
