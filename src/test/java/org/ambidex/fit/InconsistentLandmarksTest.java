package org.ambidex.fit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Landmarks whose world and image points disagree (fixtures/fit/inconsistent-landmarks.json: MediaPipe's landmarks of
 * a hand in a render, its provenance in the file) must still give a hand in front of the camera at a depth its image
 * size allows, not one shrunk to a point far away, which the robust image loss once preferred (2e10 m).
 */
class InconsistentLandmarksTest {

    static Stream<FitOptions> options() {
        return Stream.of(FitOptions.defaults(), FitOptions.mediaPipe());
    }

    @ParameterizedTest
    @MethodSource("options")
    void theHandStaysWhereItsImageSizePutsIt(FitOptions options) throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/fit/inconsistent-landmarks.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        double[] k = new ObjectMapper().treeToValue(fixture.get("intrinsics"), double[].class);
        double[] world = new ObjectMapper().treeToValue(fixture.get("world"), double[].class);
        double[] image = new ObjectMapper().treeToValue(fixture.get("image"), double[].class);
        HandFit fit = new HandFitter(TestModels.open(HandSide.LEFT), options)
            .fit(HandLandmarks.fromUvz(HandSide.LEFT, world, image), new Intrinsics(k[0], k[1], k[2], k[3]));
        // The landmarks span about 100 px at a focal length of 720 px: an adult hand is 0.1-2 m away.
        double wristDepth = fit.joints()[2];
        assertThat(wristDepth).isBetween(0.1, 2.0);
        assertThat(fit.imageRmsPx()).isFinite().isLessThan(100);
        for (double v : fit.vertices()) {
            assertThat(v).isFinite();
        }
    }
}
