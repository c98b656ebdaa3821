package org.ambidex.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The permutations against the literal tables of SEED_SPEC.md D.4 and A.6 (taken from the seed code bases). */
class JointOrderTest {

    @Test
    void openPoseFromManoWithTipsIsTheIntagHandReordering() {
        assertThat(JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16_TIPS))
            .containsExactly(0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20);
    }

    @Test
    void manoWithTipsFromOpenPoseIsIm2HandsPreprocessJoints() {
        assertThat(JointOrder.MANO16_TIPS.gatherFrom(JointOrder.OPENPOSE))
            .containsExactly(0, 5, 6, 7, 9, 10, 11, 17, 18, 19, 13, 14, 15, 1, 2, 3, 4, 8, 12, 16, 20);
    }

    @Test
    void interHandFromManoWithTipsMatchesTheRegressorRows() {
        assertThat(JointOrder.INTERHAND.gatherFrom(JointOrder.MANO16_TIPS))
            .containsExactly(16, 15, 14, 13, 17, 3, 2, 1, 18, 6, 5, 4, 19, 12, 11, 10, 20, 9, 8, 7, 0);
    }

    @Test
    void interHandAndOpenPoseConvertBothWays() {
        assertThat(JointOrder.INTERHAND.gatherFrom(JointOrder.OPENPOSE))
            .containsExactly(4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9, 16, 15, 14, 13, 20, 19, 18, 17, 0);
        assertThat(JointOrder.OPENPOSE.gatherFrom(JointOrder.INTERHAND))
            .containsExactly(20, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 19, 18, 17, 16);
    }

    @Test
    void manoSixteenIsTheKinematicTreeAndHasNoTips() {
        assertThat(JointOrder.MANO16.size()).isEqualTo(16);
        assertThat(JointOrder.MANO16.gatherFrom(JointOrder.MANO16_TIPS))
            .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThatThrownBy(() -> JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("THUMB_TIP");
        // MANO parents [-1,0,1,2,0,4,5,0,7,8,0,10,11,0,13,14] are the named joints' parents.
        int[] manoParents = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};
        for (int k = 1; k < 16; k++) {
            HandJoint joint = JointOrder.MANO16.joints().get(k);
            assertThat(JointOrder.MANO16.indexOf(joint.parent())).as("parent of %s", joint).isEqualTo(manoParents[k]);
        }
    }

    @Test
    void interHandSkeletonNamesAndParentsFollowTheSkeletonFile() {
        assertThat(JointOrder.interHand42Name(0)).isEqualTo("r_thumb4");
        assertThat(JointOrder.interHand42Name(3)).isEqualTo("r_thumb1");
        assertThat(JointOrder.interHand42Name(7)).isEqualTo("r_index1");
        assertThat(JointOrder.interHand42Name(20)).isEqualTo("r_wrist");
        assertThat(JointOrder.interHand42Name(21)).isEqualTo("l_thumb4");
        assertThat(JointOrder.interHand42Name(41)).isEqualTo("l_wrist");
        // skeleton.txt parents: 0->1, 1->2, 2->3, 3->20 (right), 21->22, ..., 24->41 (left).
        int[] rightParents = {1, 2, 3, 20, 5, 6, 7, 20, 9, 10, 11, 20, 13, 14, 15, 20, 17, 18, 19, 20, -1};
        for (HandSide side : HandSide.values()) {
            for (int i = 0; i < 21; i++) {
                HandJoint joint = HandJoint.fromInterHandName(JointOrder.interHand42Name(side.index() * 21 + i));
                int expected = rightParents[i] < 0 ? -1 : rightParents[i] + 21 * side.index();
                int actual = joint.parent() == null ? -1 : JointOrder.interHand42Index(side, joint.parent());
                assertThat(actual).isEqualTo(expected);
            }
        }
        assertThat(JointOrder.gatherFromInterHand42(HandSide.LEFT)[0]).isEqualTo(41);
        assertThat(JointOrder.gatherFromInterHand42(HandSide.RIGHT)[4]).isEqualTo(0);
    }

    @Test
    void convertMovesWholeRowsAndRoundTrips() {
        double[] op = new double[21 * 3];
        for (int i = 0; i < op.length; i++) {
            op[i] = i;
        }
        double[] ih = JointOrder.INTERHAND.convert(op, JointOrder.OPENPOSE, 3);
        assertThat(ih[0]).isEqualTo(12); // thumb tip = OpenPose 4, x
        assertThat(ih[20 * 3 + 2]).isEqualTo(2); // wrist z
        for (JointOrder o : new JointOrder[] {JointOrder.MANO16_TIPS, JointOrder.INTERHAND}) {
            assertThat(JointOrder.OPENPOSE.convert(o.convert(op, JointOrder.OPENPOSE, 3), o, 3)).containsExactly(op);
        }
        assertThatThrownBy(() -> JointOrder.INTERHAND.convert(new double[5], JointOrder.OPENPOSE, 3))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAndSidesParse() {
        assertThat(JointOrder.fromCliName("OpenPose")).isEqualTo(JointOrder.OPENPOSE);
        assertThat(JointOrder.fromCliName("mano")).isEqualTo(JointOrder.MANO16_TIPS);
        assertThat(JointOrder.fromCliName("nope")).isNull();
        assertThat(FingertipSet.fromCliName("smplx").vertices()).containsExactly(744, 320, 443, 554, 671);
        assertThat(FingertipSet.INTAGHAND.vertex(Finger.MIDDLE)).isEqualTo(444);
        assertThat(FingertipSet.INTERHAND.vertices()).containsExactly(745, 317, 445, 556, 673);
        assertThat(HandSide.fromFileName("MANO_RIGHT.pkl")).isEqualTo(HandSide.RIGHT);
        assertThat(HandSide.fromFileName("mano_left.npz")).isEqualTo(HandSide.LEFT);
        assertThat(HandSide.fromFileName("ambidex-open-hand-right.npz")).isEqualTo(HandSide.RIGHT);
        assertThat(HandSide.fromFileName("hands.npz")).isNull();
        assertThat(HandSide.fromFileName("leftright.npz")).isNull();
        assertThat(HandSide.LEFT.index()).isEqualTo(1);
        assertThat(HandJoint.of(Finger.RING, 4)).isEqualTo(HandJoint.RING_TIP);
    }
}
