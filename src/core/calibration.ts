// Does the yes-probability mean what it says? Asks grouped by the probability predicted when they
// were made, beside the share that were accepted.

export interface Prediction {
  predicted: number;
  accepted: boolean;
}

export interface CalibrationBin {
  /** Predicted probabilities in [from, to). */
  from: number;
  to: number;
  asks: number;
  meanPredicted: number;
  actual: number;
}

export interface Calibration {
  asks: number;
  meanPredicted: number;
  actual: number;
  bins: CalibrationBin[];
}

/** Five bins of a fifth each: enough asks per bin to mean something in a program's year. */
const BIN_WIDTH = 0.2;

export function calibration(predictions: readonly Prediction[]): Calibration {
  const bins = Array.from({ length: Math.round(1 / BIN_WIDTH) }, (_, index) => ({
    from: Math.round(index * BIN_WIDTH * 100) / 100,
    to: Math.round((index + 1) * BIN_WIDTH * 100) / 100,
    asks: 0,
    predictedSum: 0,
    accepted: 0,
  }));
  let predictedSum = 0;
  let accepted = 0;
  for (const prediction of predictions) {
    // The epsilon keeps an edge where it belongs: 0.6 / 0.2 is 2.9999… in floating point.
    const bin = bins[Math.min(bins.length - 1, Math.floor(prediction.predicted / BIN_WIDTH + 1e-9))];
    if (!bin) continue;
    bin.asks++;
    bin.predictedSum += prediction.predicted;
    predictedSum += prediction.predicted;
    if (prediction.accepted) {
      bin.accepted++;
      accepted++;
    }
  }
  const asks = predictions.length;
  return {
    asks,
    meanPredicted: asks === 0 ? 0 : predictedSum / asks,
    actual: asks === 0 ? 0 : accepted / asks,
    bins: bins
      .filter((bin) => bin.asks > 0)
      .map((bin) => ({
        from: bin.from,
        to: bin.to,
        asks: bin.asks,
        meanPredicted: bin.predictedSum / bin.asks,
        actual: bin.accepted / bin.asks,
      })),
  };
}
