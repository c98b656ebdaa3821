package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Landmarks are projected back through the region, world landmarks turned with it, handedness read per photo. */
class LandmarkDecoderTest {

    @Test
    void landmarksWorldLandmarksAndHandednessAreDecodedAsMediaPipeDoes() {
        float[] screen = new float[2 * 63];
        float[] world = new float[2 * 63];
        // Second hand of a batch of two: joint 0 at the crop centre, joint 1 at the crop's right edge, z 22.4.
        int o = 63;
        screen[o] = 112;
        screen[o + 1] = 112;
        screen[o + 2] = 22.4f;
        screen[o + 3] = 224;
        screen[o + 4] = 112;
        world[o + 3] = 0.05f; // joint 1 five centimetres along the crop's x
        world[o + 5] = -0.01f;
        List<float[]> outputs = List.of(screen, new float[] {0.1f, 0.97f}, new float[] {0.2f, 0.9f}, world);
        RotatedRect region = new RotatedRect(300, 200, 100, 100, Math.PI / 2);
        DetectedHand hand = LandmarkDecoder.decode(outputs, 1, region, false);
        double[] image = hand.image();
        assertThat(image[0]).isCloseTo(300, within(1e-9));
        assertThat(image[1]).isCloseTo(200, within(1e-9));
        assertThat(image[2]).isCloseTo(22.4 / 224 / 0.4 * 100, within(1e-5));
        assertThat(image[3]).isCloseTo(300, within(1e-9)); // the crop's +x is the image's +y after a quarter turn
        assertThat(image[4]).isCloseTo(250, within(1e-9));
        double[] w = hand.world();
        assertThat(w[3]).isCloseTo(0, within(1e-9));
        assertThat(w[4]).isCloseTo(0.05, within(1e-7));
        assertThat(w[5]).isCloseTo(-0.01, within(1e-7));
        assertThat(hand.presence()).isCloseTo(0.97, within(1e-6));
        assertThat(hand.rightProbability()).isCloseTo(0.9, within(1e-6));
        assertThat(hand.right()).isTrue();
        assertThat(LandmarkDecoder.decode(outputs, 1, region, true).rightProbability()).isCloseTo(0.1, within(1e-6));
    }
}
