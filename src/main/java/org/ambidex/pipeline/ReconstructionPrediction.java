package org.ambidex.pipeline;

import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.Prediction;

/** A {@link Reconstruction} as the evaluation {@link Prediction} {@code ambidex eval} scores. */
public final class ReconstructionPrediction {

    private ReconstructionPrediction() {
    }

    /**
     * The prediction {@code id} of {@code r}: both hands with their presences, camera-frame joints and vertices
     * (metres), image joints (pixels), and the model's relative root. Of several hands of a side, the most present
     * one; a hand without camera-frame joints (InterNet without intrinsics and a root depth) is given by its image
     * joints only, which the 2-D protocol scores and the 3-D ones refuse.
     */
    public static Prediction of(String id, Reconstruction r) {
        HandPrediction[] hands = new HandPrediction[2];
        for (HandReconstruction h : new HandReconstruction[] {r.right(), r.left()}) {
            if (h == null) {
                continue;
            }
            hands[h.side().index()] = new HandPrediction(h.jointsCamera(),
                h.mesh() == null ? null : h.mesh().vertices(), h.presence(), h.joints2d());
        }
        boolean metric = hands[0] != null && hands[1] != null && hands[0].joints() != null && hands[1].joints() != null;
        return new Prediction(id, hands[0], hands[1], metric ? r.relativeRoot() : null);
    }
}
