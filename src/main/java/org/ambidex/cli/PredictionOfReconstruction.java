package org.ambidex.cli;

import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.Prediction;
import org.ambidex.geom.Vec3;
import org.ambidex.pipeline.HandReconstruction;
import org.ambidex.pipeline.Reconstruction;

/** A reconstruction as an evaluation {@link Prediction} (both hands with their presences, camera metres). */
final class PredictionOfReconstruction {

    private PredictionOfReconstruction() {
    }

    /**
     * The prediction {@code id} of {@code r}; a hand without camera-frame joints (InterNet without intrinsics and
     * root depth) is left out.
     */
    static Prediction of(String id, Reconstruction r) {
        HandPrediction[] hands = new HandPrediction[2];
        for (HandReconstruction h : r.hands()) {
            if (h.jointsCamera() == null) {
                continue;
            }
            hands[h.side().index()] = new HandPrediction(h.jointsCamera(),
                h.mesh() == null ? null : h.mesh().vertices(), h.presence(), h.joints2d());
        }
        Vec3 relative = null;
        if (hands[0] != null && hands[1] != null) {
            relative = Vec3.of(hands[1].joints(), 0).minus(Vec3.of(hands[0].joints(), 0));
        }
        return new Prediction(id, hands[0], hands[1], relative);
    }
}
