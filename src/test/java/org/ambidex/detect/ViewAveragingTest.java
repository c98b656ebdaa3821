package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The box search's averaging of a hand over several views of its region ({@link HandFinder#averaged}). */
class ViewAveragingTest {

    private static final RotatedRect FRAMED = RotatedRect.square(100, 100, 80);

    @Test
    void viewsOfTheHandAverageByPresenceAndOtherHandsAreLeftOut() {
        DetectedHand hand = hand(100, 100, 0.9, 0.7);
        DetectedHand near = hand(104, 98, 0.6, 0.2);      // the same hand, seen 4 px right, 2 px up
        DetectedHand nearer = hand(99, 101, 0.2, 1.0);     // and 1 px left, 1 px down
        DetectedHand other = hand(300, 40, 1.0, 0.0);      // another hand: must not pull the mean
        DetectedHand out = HandFinder.averaged(hand, List.of(near, other, nearer), FRAMED);
        // (0.6 * 104 + 0.2 * 99) / 0.8 and (0.6 * 98 + 0.2 * 101) / 0.8, for every joint
        for (int j = 0; j < DetectedHand.JOINTS; j++) {
            assertThat(out.image()[3 * j]).isCloseTo(102.75 + 2 * j, within(1e-9));
            assertThat(out.image()[3 * j + 1]).isCloseTo(98.75 + j, within(1e-9));
            assertThat(out.world()[3 * j]).isCloseTo((0.6 * 1.04 + 0.2 * 0.99) / 0.8 + 0.02 * j, within(1e-12));
        }
        assertThat(out.rightProbability()).isCloseTo((0.6 * 0.2 + 0.2 * 1.0) / 0.8, within(1e-12));
        assertThat(out.presence()).as("the hand's own presence").isEqualTo(0.9);
        assertThat(out.region()).isEqualTo(FRAMED);
    }

    @Test
    void aViewTheNetworkBarelySeesStillCountsWithASmallWeight() {
        DetectedHand hand = hand(100, 100, 0.3, 0.5);
        DetectedHand unseen = hand(102, 100, 0.0, 0.5);
        DetectedHand out = HandFinder.averaged(hand, List.of(unseen), FRAMED);
        assertThat(out.image()[0]).isCloseTo(102, within(1e-9));
    }

    @Test
    void aHandNoViewAgreesWithIsKept() {
        DetectedHand hand = hand(100, 100, 0.8, 0.5);
        assertThat(HandFinder.averaged(hand, List.of(hand(400, 300, 1.0, 0.5)), FRAMED)).isSameAs(hand);
        assertThat(HandFinder.averaged(hand, List.of(), FRAMED)).isSameAs(hand);
    }

    /** A hand 40 px across whose joint j is at (x + 2j, y + j), world (x / 100 + 0.02 j, y / 100, 0). */
    private static DetectedHand hand(double x, double y, double presence, double right) {
        double[] image = new double[3 * DetectedHand.JOINTS];
        double[] world = new double[3 * DetectedHand.JOINTS];
        for (int j = 0; j < DetectedHand.JOINTS; j++) {
            image[3 * j] = x + 2 * j;
            image[3 * j + 1] = y + j;
            world[3 * j] = x / 100 + 0.02 * j;
            world[3 * j + 1] = y / 100;
        }
        return new DetectedHand(image, world, presence, right, FRAMED);
    }
}
