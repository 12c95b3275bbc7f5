import { type BenchGap, gapWords } from "../../core/bench";
import { regionLabel } from "./request-modal";

/** Where last quarter's requests outran the champions with room, one line each ("… recruit."). */
export const benchLines = (bench: readonly BenchGap[]): string[] =>
  bench.map((gap) => gapWords(gap, regionLabel));

export const BENCH_HEADING =
  "*Bench ahead of demand* (requests in the last quarter against champions with asks left)";
