package org.ambidex.hand.open;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;

/** The left model is the mirror image of the right one, in geometry and in the meaning of its parameters. */
class OpenHandMirrorTest {

    /** The right model with random pose blend shapes, so their mirroring is exercised too. */
    private static OpenHandModelData rightWithPosedirs() {
        OpenHandModelData r = GeneratedModel.right();
        double[] posedirs = new double[r.posedirs().length];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < posedirs.length; i++) {
            posedirs[i] = 0.002 * (random.nextDouble() - 0.5);
        }
        return new OpenHandModelData(r.vTemplate(), r.faces(), r.jRegressor(), r.weights(), posedirs, r.shapedirs(),
            r.handsComponents(), r.handsMean(), r.parents(), r.tipVertices(), r.jointAxes(), r.jointLimits(),
            r.metaJson());
    }

    @Test
    void posingTheLeftModelWithMirroredParametersGivesTheMirroredRightHand() {
        OpenHandModelData right = rightWithPosedirs();
        OpenHandModelData left = right.mirrored("{}");
        SplittableRandom random = new SplittableRandom(5);
        double[] pose = new double[48];
        for (int i = 0; i < 48; i++) {
            pose[i] = 0.8 * (random.nextDouble() - 0.5);
        }
        double[] betas = new double[10];
        for (int i = 0; i < 10; i++) {
            betas[i] = 2 * random.nextDouble() - 1;
        }
        double[] mirroredPose = pose.clone();
        for (int i = 0; i < 48; i++) {
            if (i % 3 != 0) {
                mirroredPose[i] = -mirroredPose[i];
            }
        }
        double[] r = SimpleLbs.forward(right, betas, pose).vertices();
        double[] l = SimpleLbs.forward(left, betas, mirroredPose).vertices();
        for (int i = 0; i < r.length; i++) {
            double expected = i % 3 == 0 ? -r[i] : r[i];
            assertThat(l[i]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void anatomicalAnglesMeanTheSameMotionOnBothHands() {
        OpenHandModelData right = GeneratedModel.right();
        OpenHandModelData left = right.mirrored("{}");
        double[] r = SimpleLbs.forward(right, new double[10], NamedPoses.toPose(right, NamedPoses.fist())).vertices();
        double[] l = SimpleLbs.forward(left, new double[10], NamedPoses.toPose(left, NamedPoses.fist())).vertices();
        for (int i = 0; i < r.length; i++) {
            assertThat(l[i]).isCloseTo(i % 3 == 0 ? -r[i] : r[i], within(1e-12));
        }
        // The PCA mean pose mirrors like any axis-angle pose (MANO's left hands_mean is (x, -y, -z) too).
        for (int k = 0; k < 45; k++) {
            assertThat(left.handsMean()[k]).isEqualTo(k % 3 == 0 ? right.handsMean()[k] : -right.handsMean()[k]);
        }
    }

    @Test
    void leftMeshIsStillClosedAndOutwardOriented() {
        OpenHandModelData left = GeneratedModel.right().mirrored("{}");
        assertThat(MeshChecks.edgeProblems(left.faces())).isEmpty();
        assertThat(MeshChecks.signedVolume(left.vTemplate(), left.faces()))
            .isCloseTo(MeshChecks.signedVolume(GeneratedModel.right().vTemplate(), GeneratedModel.right().faces()),
                within(1e-12));
    }

    @Test
    void leftHandModelIsLoadedAsTheMirrorOfTheCommittedRightOne() {
        HandModel left = OpenHandModel.load(HandSide.LEFT);
        HandModel right = OpenHandModel.load(HandSide.RIGHT);
        assertThat(left.side()).isEqualTo(HandSide.LEFT);
        assertThat(left.metadataJson().orElseThrow()).contains("\"side\":\"left\"");
        double[] lv = left.vTemplate().toDoubleArray();
        double[] rv = right.vTemplate().toDoubleArray();
        for (int i = 0; i < lv.length; i++) {
            assertThat(lv[i]).isEqualTo(i % 3 == 0 ? -rv[i] : rv[i]);
        }
        assertThat(left.extras()).containsKeys("joint_axes", "joint_limits");
        assertThat(left.ownTipVertices()).isPresent();
    }
}
