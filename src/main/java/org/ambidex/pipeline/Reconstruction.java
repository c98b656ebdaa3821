package org.ambidex.pipeline;

import java.util.List;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;

/**
 * Both hands reconstructed from one image: index 0 the right hand, 1 the left.
 *
 * @param model the model that produced it ({@code internet:PATH})
 * @param imageWidth image width, pixels
 * @param imageHeight image height, pixels
 * @param bbox the box given
 * @param cropBox the box the network saw (square, enlarged)
 * @param hands right, then left
 * @param relativeRootDepth left wrist depth minus right wrist depth, metres (meaningful when both are present)
 * @param intrinsics the camera, or {@code null}
 * @param rootDepth the root depth given, metres, or {@code null}
 */
public record Reconstruction(String model, int imageWidth, int imageHeight, Bbox bbox, Bbox cropBox,
                             List<HandReconstruction> hands, double relativeRootDepth, Intrinsics intrinsics,
                             Double rootDepth) {

    public Reconstruction {
        hands = List.copyOf(hands);
        if (hands.size() != 2) {
            throw new IllegalArgumentException("a reconstruction holds the right and the left hand");
        }
    }

    public HandReconstruction right() {
        return hands.get(0);
    }

    public HandReconstruction left() {
        return hands.get(1);
    }
}
