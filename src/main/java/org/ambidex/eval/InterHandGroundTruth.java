package org.ambidex.eval;

import java.util.Iterator;
import java.util.List;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;

/**
 * Ground truth for evaluation from InterHand2.6M-format samples ({@link Sample}, InterHand2.6M joint order):
 * each hand the frame's hand type shows, or whose annotation has a valid joint, becomes a {@link HandTruth}
 * with its 21 joints and validity in the OpenPose order; the sample id is the COCO annotation id, as a decimal
 * string.
 *
 * <p>The joints are the dataset's triangulated annotation. Protocols whose reference regresses ground-truth
 * joints from MANO meshes (IntagHand, DIR, Zhang) therefore see slightly different ground truth; reports say so.
 * No ground-truth vertices are attached (they need the hand model's forward pass).
 */
public final class InterHandGroundTruth {

    private InterHandGroundTruth() {
    }

    /** The evaluation view of one sample. */
    public static GroundTruthSample of(Sample s) {
        HandTruth[] hands = new HandTruth[2];
        for (int h = 0; h < 2; h++) {
            if (!s.handType().has(h) && !anyValid(s, h)) {
                // The official evaluation uses every valid joint whatever the hand type says, so a hand the type
                // leaves out is kept when the annotation marks some of its joints valid.
                continue;
            }
            double[] joints = new double[3 * Hands.JOINTS];
            boolean[] valid = new boolean[Hands.JOINTS];
            int[] from42 = JointOrder.gatherFromInterHand42(HandSide.ofIndex(h));
            for (int op = 0; op < Hands.JOINTS; op++) {
                Vec3 p = s.jointCam(from42[op]);
                joints[3 * op] = p.x();
                joints[3 * op + 1] = p.y();
                joints[3 * op + 2] = p.z();
                valid[op] = s.valid(from42[op]);
            }
            hands[h] = new HandTruth(joints, valid, null);
        }
        return new GroundTruthSample(Long.toString(s.annotationId()), s.handType(), s.handTypeValid(),
            hands[Hands.RIGHT], hands[Hands.LEFT], s.camera().intrinsics());
    }

    private static boolean anyValid(Sample s, int hand) {
        for (int k = 0; k < Hands.JOINTS; k++) {
            if (s.valid(Sample.handOffset(hand) + k)) {
                return true;
            }
        }
        return false;
    }

    /** A lazy view of a list of samples (each converted when iterated). */
    public static Iterable<GroundTruthSample> view(List<Sample> samples) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < samples.size();
            }

            @Override
            public GroundTruthSample next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return of(samples.get(i++));
            }
        };
    }

    /**
     * An index over an opened dataset: the annotation ids are collected in one pass; samples are read again
     * (from the dataset's frame index) when asked for.
     */
    public static GroundTruthIndex index(InterHandDataset dataset) {
        String[] ids = new String[dataset.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Long.toString(dataset.get(i).annotationId());
        }
        return new GroundTruthIndex() {
            @Override
            public int size() {
                return ids.length;
            }

            @Override
            public String id(int i) {
                return ids[i];
            }

            @Override
            public GroundTruthSample get(int i) {
                return of(dataset.get(i));
            }
        };
    }
}
