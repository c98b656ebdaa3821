package org.ambidex.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.Finger;
import org.ambidex.hand.HandJoint;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.mesh.Rgb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SkinRegionsTest {

    static ArrayHandPoser[] posers = new ArrayHandPoser[2];
    static HandRig[] rigs = new HandRig[2];
    static SkinRegions[] regions = new SkinRegions[2];

    @BeforeAll
    static void build() {
        for (HandSide side : HandSide.values()) {
            HandModel model = HandModelLoader.resolve(HandModelLoader.OPEN, side, true);
            int h = side.index();
            posers[h] = new ArrayHandPoser(model);
            rigs[h] = new HandRig(posers[h]);
            regions[h] = SkinRegions.of(rigs[h]);
        }
    }

    @AfterAll
    static void close() {
        for (ArrayHandPoser p : posers) {
            p.close();
        }
    }

    @Test
    void theLeftHandsRegionsMirrorTheRightHands() {
        // The left model is the right one mirrored, so every vertex must carry the same weights: a sign slip in
        // the volar normal or the thumb's nail direction of one side shows up here.
        assertThat(regions[1].vertexCount()).isEqualTo(regions[0].vertexCount());
        for (int i = 0; i < regions[0].vertexCount(); i++) {
            assertThat(regions[1].palm(i)).as("palm %d", i).isCloseTo(regions[0].palm(i), within(1e-4f));
            assertThat(regions[1].nail(i)).as("nail %d", i).isCloseTo(regions[0].nail(i), within(1e-4f));
        }
    }

    @Test
    void fingersCurlTowardTheSkinMarkedAsPalm() {
        for (int h = 0; h < 2; h++) {
            HandSide side = HandSide.values()[h];
            double[] rest = posed(h, FingerPreset.FLAT.angles(new SplittableRandom(1), 0));
            double[] fist = posed(h, FingerPreset.FIST.angles(new SplittableRandom(1), 0));
            // centroids of the palm-marked and the dorsal skin in the rest pose
            Vec3 volarSide = centroid(rest, h, true);
            Vec3 dorsalSide = centroid(rest, h, false);
            Vec3 towardPalm = volarSide.minus(dorsalSide).normalized();
            int tip = tipVertex(rest, h, Finger.MIDDLE);
            Vec3 moved = Vec3.of(fist, 3 * tip).minus(Vec3.of(rest, 3 * tip));
            assertThat(moved.norm()).as("%s middle tip moves", side).isGreaterThan(0.03);
            // a curled tip also moves back toward the wrist; its move toward the palm side must still be centimetres
            assertThat(moved.dot(towardPalm)).as("%s curls toward the palm (m)", side).isGreaterThan(0.02);
        }
    }

    @Test
    void everyFingerHasANailOnItsLastPhalanxAwayFromThePalm() {
        double[] rest = posers[0].model().vTemplate().toDoubleArray();
        for (Finger finger : Finger.values()) {
            Vec3 tip = rigs[0].restPoint(HandJoint.of(finger, 4));
            Vec3 joint = rigs[0].restPoint(HandJoint.of(finger, 3));
            double phalanx = tip.distance(joint);
            int count = 0;
            for (int i = 0; i < regions[0].vertexCount(); i++) {
                if (regions[0].nail(i) < 0.5) {
                    continue;
                }
                Vec3 p = Vec3.of(rest, 3 * i);
                if (nearestTip(p) != finger) {
                    continue;
                }
                count++;
                assertThat(p.distance(tip)).as("%s nail vertex %d", finger, i).isLessThan(phalanx);
                assertThat(regions[0].palm(i)).as("%s nail vertex %d on the back", finger, i).isLessThan(0.5f);
            }
            assertThat(count).as("%s nail vertices", finger).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void palmsAndNailsAreLighterThanTheBackOfTheHand() {
        Rgb dark = new Rgb(0.42, 0.29, 0.20);
        byte[] colours = Appearance.skinColours(dark, regions[0], new SplittableRandom(3));
        assertThat(colours).hasSize(3 * regions[0].vertexCount());
        assertThat(Appearance.skinColours(dark, regions[0], new SplittableRandom(3))).isEqualTo(colours);
        int back = -1;
        int palm = -1;
        int nail = -1;
        for (int i = 0; i < regions[0].vertexCount(); i++) {
            if (back < 0 && regions[0].palm(i) == 0 && regions[0].nail(i) == 0) {
                back = i;
            } else if (palm < 0 && regions[0].palm(i) == 1) {
                palm = i;
            } else if (nail < 0 && regions[0].nail(i) == 1) {
                nail = i;
            }
        }
        assertThat(new int[] {back, palm, nail}).doesNotContain(-1);
        assertThat(colours[3 * back] & 0xFF).isEqualTo(Rgb.to8Bit(dark.r()));
        assertThat(colours[3 * back + 1] & 0xFF).isEqualTo(Rgb.to8Bit(dark.g()));
        assertThat(colours[3 * back + 2] & 0xFF).isEqualTo(Rgb.to8Bit(dark.b()));
        assertThat(luma(colours, palm)).isGreaterThan(luma(colours, back) + 40);
        assertThat(luma(colours, nail)).isGreaterThan(luma(colours, back) + 60);
    }

    private static int luma(byte[] c, int i) {
        return ((c[3 * i] & 0xFF) * 3 + (c[3 * i + 1] & 0xFF) * 6 + (c[3 * i + 2] & 0xFF)) / 10;
    }

    private static Finger nearestTip(Vec3 p) {
        Finger best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Finger f : Finger.values()) {
            double d = p.distance(rigs[0].restPoint(HandJoint.of(f, 4)));
            if (d < bestDistance) {
                bestDistance = d;
                best = f;
            }
        }
        return best;
    }

    private static double[] posed(int h, double[][] angles) {
        return new PosedHand(posers[h], HandSide.values()[h], rigs[h].fingerPose(angles), new double[10])
            .localVertices;
    }

    private static Vec3 centroid(double[] vertices, int h, boolean palm) {
        Vec3 sum = Vec3.ZERO;
        int n = 0;
        for (int i = 0; i < regions[h].vertexCount(); i++) {
            if (palm ? regions[h].palm(i) > 0.9 : regions[h].palm(i) < 0.01) {
                sum = sum.plus(Vec3.of(vertices, 3 * i));
                n++;
            }
        }
        return sum.times(1.0 / n);
    }

    private static int tipVertex(double[] vertices, int h, Finger finger) {
        Vec3 tip = rigs[h].restPoint(HandJoint.of(finger, 4));
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < vertices.length / 3; i++) {
            double d = Vec3.of(vertices, 3 * i).distance(tip);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
