package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The regions a person's pose gives for each hand. */
class PoseHandRegionsTest {

    @Test
    void aHandPointingUpIsFramedAboutItsKnucklesAndByItsForearm() {
        PoseHandRegions.HandGuess g = PoseHandRegions.HandGuess.of(new double[] {100, 100}, new double[] {110, 82},
            new double[] {95, 80}, new double[] {100, 160}, 0.9, false);
        assertThat(g.regions()).hasSize(2);
        RotatedRect hand = g.regions().get(0);
        // Middle knuckle estimated as (2 index + pinky) / 3 = (100, 80.67), 19.33 px from the wrist.
        assertThat(hand.centreX()).isCloseTo(100, within(1e-9));
        assertThat(hand.centreY()).isCloseTo(242 / 3.0, within(1e-9));
        assertThat(hand.width()).isCloseTo(3 * (100 - 242 / 3.0), within(1e-9));
        assertThat(hand.rotation()).isCloseTo(0, within(1e-12));
        RotatedRect forearm = g.regions().get(1);
        assertThat(forearm.centreY()).isCloseTo(100 - 0.35 * 60, within(1e-9));
        assertThat(forearm.width()).isCloseTo(60, within(1e-9));
        assertThat(g.visibility()).isEqualTo(0.9);
        assertThat(g.wristX()).isEqualTo(100);
    }

    @Test
    void aHandPointingRightHasItsRegionsTopToTheRight() {
        PoseHandRegions.HandGuess g = PoseHandRegions.HandGuess.of(new double[] {100, 100}, new double[] {120, 108},
            new double[] {120, 96}, new double[] {40, 100}, 0.9, true); // middle knuckle (120, 100)
        for (RotatedRect r : g.regions()) {
            double[] top = r.toImage(0.5, 0);
            assertThat(top[0]).as("the region's top is toward the fingers").isGreaterThan(r.centreX() + 0.49 * r.height());
            assertThat(top[1]).isCloseTo(r.centreY(), within(1e-9));
        }
    }

    @Test
    void aWristTheNetworkDoesNotSeeGivesNoGuessAndPointsMapThroughThePersonsRegion() {
        float[] landmarks = new float[2 * PoseHandRegions.LANDMARKS * 5];
        int b = 1; // the second person of a batch
        put(landmarks, b, 15, 128, 100, 4f); // left wrist, visible
        put(landmarks, b, 17, 134, 80, 0f);
        put(landmarks, b, 19, 122, 80, 0f);
        put(landmarks, b, 13, 128, 160, 0f);
        put(landmarks, b, 16, 60, 100, -4f); // right wrist, hidden
        RotatedRect person = new RotatedRect(500, 300, 512, 512, 0); // crop pixel u -> image 244 + 2u
        List<PoseHandRegions.HandGuess> guesses = PoseHandRegions.hands(landmarks, b, person);
        assertThat(guesses).hasSize(1);
        assertThat(guesses.get(0).wristX()).isCloseTo(244 + 2 * 128, within(1e-9));
        assertThat(guesses.get(0).wristY()).isCloseTo(44 + 2 * 100, within(1e-9));
        assertThat(guesses.get(0).visibility()).isCloseTo(1 / (1 + Math.exp(-4)), within(1e-12));
        assertThat(guesses.get(0).personsRight()).as("landmark 15 is the person's left wrist").isFalse();
    }

    @Test
    void thePersonSeenTwiceCountsOnceWithTheFirstViewsHands() {
        float[] landmarks = new float[3 * PoseHandRegions.LANDMARKS * 5];
        // Person 0 and its tile view 1: noses 5 px apart, shoulders 60 px apart; the tile view puts the arms
        // elsewhere. Person 2: another person, nose 200 px away.
        for (int b = 0; b < 3; b++) {
            float dx = b == 2 ? 200 : b == 1 ? 5 : 0;
            put(landmarks, b, 0, 100 + dx, 40, 0f);
            put(landmarks, b, 11, 70 + dx, 70, 0f);
            put(landmarks, b, 12, 130 + dx, 70, 0f);
            float arm = b == 1 ? 50 : 0;
            for (int k : new int[] {15, 17, 19}) {
                put(landmarks, b, k, 60 + dx + arm, 150, 0f);
            }
            for (int k : new int[] {16, 18, 20}) {
                put(landmarks, b, k, 140 + dx - arm, 150, 0f);
            }
        }
        RotatedRect identity = new RotatedRect(128, 128, 256, 256, 0); // crop pixels are image pixels
        List<RotatedRect> regions = List.of(identity, identity, identity);
        PoseHandRegions.PeopleSeen seen = PoseHandRegions.seen(landmarks, new float[] {1, 1, 1}, regions);
        assertThat(seen.persons()).isEqualTo(2);
        assertThat(seen.handPoints()).hasSize(4);
        assertThat(seen.handPoints().get(0)[0]).as("the first view's left hand").isCloseTo(60, within(1e-4));
        assertThat(seen.handPoints().get(2)[0]).as("the other person's left hand").isCloseTo(260, within(1e-4));

        PoseHandRegions.PeopleSeen absent = PoseHandRegions.seen(landmarks, new float[] {0.1f, 0.1f, 0.1f}, regions);
        assertThat(absent.persons()).isZero();
        assertThat(absent.handPoints()).isEmpty();
    }

    private static void put(float[] landmarks, int b, int index, float x, float y, float visibilityLogit) {
        int o = b * PoseHandRegions.LANDMARKS * 5 + 5 * index;
        landmarks[o] = x;
        landmarks[o + 1] = y;
        landmarks[o + 3] = visibilityLogit;
    }
}
