package org.ambidex.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tile hands away from every hand of a photo's few people are dropped; hands the whole photo showed, hands at a
 * person's wrist, and any hand in a photo of more people stay.
 */
class PeoplesHandsFilterTest {

    private static final RotatedRect REGION = new RotatedRect(0, 0, 10, 10, 0);

    @Test
    void tileHandsAwayFromThePeoplesHandsGoInAPhotoOfFewPeople() {
        DetectedHand whole = hand(100, 100, 40, 0.99);
        DetectedHand atWrist = hand(300, 400, 30, 0.7);
        DetectedHand onAFoot = hand(200, 700, 15, 0.8);
        List<double[]> handPoints = List.of(new double[] {105, 95}, new double[] {310, 380});
        PoseHandRegions.PeopleSeen onePerson = new PoseHandRegions.PeopleSeen(List.of(), handPoints, 1);
        assertThat(HandFinder.atPeoplesHands(List.of(whole, atWrist, onAFoot), List.of(whole), onePerson))
            .containsExactly(whole, atWrist);

        PoseHandRegions.PeopleSeen crowd = new PoseHandRegions.PeopleSeen(List.of(), handPoints,
            HandFinder.FEW_PEOPLE + 1);
        assertThat(HandFinder.atPeoplesHands(List.of(whole, atWrist, onAFoot), List.of(whole), crowd))
            .as("in a group the pose network's people are not everyone").hasSize(3);
        PoseHandRegions.PeopleSeen nobody = new PoseHandRegions.PeopleSeen(List.of(), List.of(), 0);
        assertThat(HandFinder.atPeoplesHands(List.of(whole, onAFoot), List.of(whole), nobody)).hasSize(2);

        // The whole photo's hand stays even far from every wrist (the pose network may misplace an arm).
        PoseHandRegions.PeopleSeen elsewhere = new PoseHandRegions.PeopleSeen(List.of(),
            List.of(new double[] {900, 900}), 1);
        assertThat(HandFinder.atPeoplesHands(List.of(whole, onAFoot), List.of(whole), elsewhere))
            .containsExactly(whole);
    }

    @Test
    void nearMeansWithinTwoHandLengthsOfTheHandsCentre() {
        DetectedHand h = hand(100, 100, 20, 0.9);
        // Centre (100, 100), 20 px long: reach 2 x 20 + 10 = 50 px.
        assertThat(HandFinder.nearAPersonsHand(h, List.<double[]>of(new double[] {149, 100}))).isTrue();
        assertThat(HandFinder.nearAPersonsHand(h, List.<double[]>of(new double[] {151, 100}))).isFalse();
    }

    /** A hand whose 21 image points spread over a square of {@code size} about {@code (cx, cy)}. */
    private static DetectedHand hand(double cx, double cy, double size, double presence) {
        double[] image = new double[63];
        for (int j = 0; j < 21; j++) {
            image[3 * j] = cx - size / 2 + size * (j % 5) / 4;
            image[3 * j + 1] = cy - size / 2 + size * (j / 5) / 4.0;
        }
        image[3 * 20] = cx + size / 2;
        image[3 * 20 + 1] = cy + size / 2;
        return new DetectedHand(image, new double[63], presence, 0.5, REGION);
    }
}
