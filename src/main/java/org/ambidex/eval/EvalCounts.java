package org.ambidex.eval;

/**
 * What an evaluation matched and left out.
 *
 * @param groundTruthSamples ground-truth samples offered
 * @param predictions predictions offered
 * @param evaluatedSamples samples with both that the protocol evaluated
 * @param singleSamples evaluated single-hand samples
 * @param interactingSamples evaluated interacting samples
 * @param samplesWithoutPrediction ground-truth samples no prediction answered (left out)
 * @param predictionsWithoutGroundTruth predictions whose id has no ground truth (ignored)
 * @param handsWithoutPrediction ground-truth hands in evaluated samples with no predicted hand (left out)
 * @param samplesOutsideProtocol matched samples the protocol does not use (e.g. single-hand frames under an
 *     interacting-only protocol)
 * @param samplesWithoutMano matched samples left out because a hand lacks the MANO parameters its ground truth is
 *     regressed from (IntagHand, DIR with a hand model: the reference's data selection drops them)
 * @param handsWithoutMano hands left out of evaluated samples for lack of MANO parameters (Zhang et al. with a hand
 *     model: the reference marks that hand invalid)
 */
public record EvalCounts(long groundTruthSamples, long predictions, long evaluatedSamples, long singleSamples,
                         long interactingSamples, long samplesWithoutPrediction, long predictionsWithoutGroundTruth,
                         long handsWithoutPrediction, long samplesOutsideProtocol,
                         long samplesWithoutMano, long handsWithoutMano) {
}
