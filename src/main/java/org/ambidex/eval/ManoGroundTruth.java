package org.ambidex.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.JointOrder;
import org.ambidex.hand.PosedHandArrays;

/**
 * Ground truth regressed from each hand's MANO parameters, as the IntagHand, DIR and Zhang et al. evaluations
 * make theirs (SEED_SPEC.md C.3-C.5, A.11): the hand model (left shapedirs fixed by the loader) posed with the
 * camera-frame parameters ({@link Sample#manoCamera()}, SEED_SPEC.md A.8 method 2; finger pose plus the hand mean,
 * as smplx with {@code flat_hand_mean=False}; IntagHand's 45-component PCA round trip is the same pose), giving the
 * mesh, the skeleton joints with tips ({@link ManoHand#skeletonJoints()}) and the mesh-regressed joints
 * ({@link ManoHand#meshJoints()}).
 *
 * <p>Computes in float64, one forward pass per side for a batch of frames. Holds one {@link ArrayHandPoser} per
 * side; close it to free them. Not thread-safe.
 */
public final class ManoGroundTruth implements AutoCloseable {

    /** Frames per forward pass when streaming samples. */
    static final int BATCH = 64;

    private final ArrayHandPoser[] posers = new ArrayHandPoser[2];
    private final ManoJointRegressor regressor;

    /** @param right the right-hand model; @param left the left-hand model (shapedirs already fixed) */
    public ManoGroundTruth(HandModel right, HandModel left) {
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(left, "left");
        regressor = new ManoJointRegressor(right, left);
        posers[Hands.RIGHT] = new ArrayHandPoser(right);
        posers[Hands.LEFT] = new ArrayHandPoser(left);
    }

    /** The mesh joint regressor of these models (for predicted meshes). */
    public ManoJointRegressor regressor() {
        return regressor;
    }

    /** The hands of one frame ({@code cameraParams}: camera frame, metres). */
    public ManoTruth compute(ManoPair cameraParams) {
        return compute(List.of(cameraParams)).get(0);
    }

    /** The hands of several frames, one forward pass per side. */
    public List<ManoTruth> compute(List<ManoPair> frames) {
        ManoHand[][] hands = new ManoHand[2][frames.size()];
        for (int h = 0; h < 2; h++) {
            List<Integer> which = new ArrayList<>();
            List<ManoParams> params = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                ManoParams p = frames.get(i).get(h);
                if (p != null) {
                    which.add(i);
                    params.add(p);
                }
            }
            if (params.isEmpty()) {
                continue;
            }
            ManoHand[] out = forward(h, params);
            for (int k = 0; k < out.length; k++) {
                hands[h][which.get(k)] = out[k];
            }
        }
        List<ManoTruth> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            out.add(new ManoTruth(hands[Hands.RIGHT][i], hands[Hands.LEFT][i]));
        }
        return out;
    }

    private ManoHand[] forward(int hand, List<ManoParams> params) {
        int b = params.size();
        double[][] orient = new double[b][];
        double[][] fingers = new double[b][];
        double[][] betas = new double[b][];
        double[][] trans = new double[b][];
        for (int i = 0; i < b; i++) {
            ManoParams p = params.get(i);
            orient[i] = p.rootPose();
            fingers[i] = p.fingerPose();
            betas[i] = p.shape();
            trans[i] = p.trans();
        }
        // The dataset's finger poses are offsets from the hand mean: flatHandMean false adds it back.
        HandParamArrays in = new HandParamArrays(betas, orient, fingers, HandPoseKind.AXIS_ANGLE, trans, false);
        PosedHandArrays out = posers[hand].pose(in, FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
        ManoHand[] hands = new ManoHand[b];
        for (int i = 0; i < b; i++) {
            double[] verts = out.vertices(i);
            hands[i] = new ManoHand(verts, out.joints(i), regressor.joints(hand, verts));
        }
        return hands;
    }

    /**
     * The evaluation view of InterHand2.6M-format samples ({@link InterHandGroundTruth#of(Sample)}) with their
     * MANO-derived hands attached, computed {@value #BATCH} frames at a time as the samples stream by.
     *
     * @throws IllegalStateException (when iterated) for a sample without camera-frame MANO parameters: the reader
     *     must be opened with a MANO conversion
     */
    public Iterable<GroundTruthSample> view(Iterable<Sample> samples) {
        return () -> new Iterator<>() {
            private final Iterator<Sample> source = samples.iterator();
            private final List<GroundTruthSample> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                fill();
                return next < ready.size();
            }

            @Override
            public GroundTruthSample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(next++);
            }

            private void fill() {
                ready.clear();
                next = 0;
                List<Sample> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && source.hasNext()) {
                    batch.add(source.next());
                }
                List<ManoPair> params = new ArrayList<>(batch.size());
                for (Sample s : batch) {
                    if (s.manoCamera() == null) {
                        throw new IllegalStateException("sample " + s.annotationId() + " has no camera-frame MANO "
                            + "parameters: open the dataset with a MANO conversion");
                    }
                    params.add(s.manoCamera());
                }
                List<ManoTruth> hands = compute(params);
                for (int i = 0; i < batch.size(); i++) {
                    ready.add(InterHandGroundTruth.of(batch.get(i)).withMano(hands.get(i)));
                }
            }
        };
    }

    @Override
    public void close() {
        for (ArrayHandPoser poser : posers) {
            poser.close();
        }
    }
}
