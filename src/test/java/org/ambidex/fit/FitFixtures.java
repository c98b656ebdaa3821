package org.ambidex.fit;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.ambidex.hand.HandSide;

/** Paths of the MANO-format test fixtures (synthetic files with the official structure). */
final class FitFixtures {

    private FitFixtures() {
    }

    static String manoPath(HandSide side) {
        String name = side == HandSide.RIGHT ? "MANO_RIGHT.npz" : "MANO_LEFT.npz";
        try {
            return Path.of(FitFixtures.class.getResource("/fixtures/mano-format/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
