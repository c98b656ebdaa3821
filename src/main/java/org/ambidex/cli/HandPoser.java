package org.ambidex.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.ArrayHandPoser;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandParamArrays;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.JointOrder;
import org.ambidex.hand.PosedHandArrays;
import org.ambidex.io.mesh.Mesh;

/**
 * Runs a parameters file ({@link PoseParamsFile}) through an {@link ArrayHandPoser}: the work {@code ambidex pose}
 * and {@code ambidex render} share.
 */
final class HandPoser {

    /** Results per forward batch, to bound memory for long parameter lists. */
    private static final int CHUNK = 512;
    /** Most shape coefficients any model takes (MANO has 10; the file format allows up to 300, as SMPL-X). */
    private static final int MAX_BETAS = 300;

    /**
     * Posed hands, one per parameters entry, in file order.
     *
     * @param hand the model used
     * @param vertices per entry, (V, 3) metres
     * @param joints per entry, (21, 3) metres, in the requested joint order
     * @param jointOrder the order of {@code joints}
     */
    record Posed(HandModel hand, List<double[]> vertices, List<double[]> joints, JointOrder jointOrder) {

        /** Entry {@code i} as a mesh named {@code name}. */
        Mesh mesh(int i, String name) {
            return Mesh.of(name, vertices.get(i), hand.faces().toIntArray());
        }

        int size() {
            return vertices.size();
        }
    }

    private HandPoser() {
    }

    /**
     * Poses every entry of {@code params} with the model {@code handModel} supplies, joints in {@code jointOrder}.
     * The parameters are read first, so a mistake there is reported without loading the model.
     */
    static Posed pose(HandPoseOptions options, Supplier<HandModel> handModel, Path params, JointOrder jointOrder) {
        options.check();
        List<PoseParamsFile.Entry> entries = PoseParamsFile.read(params, options.handPoseLength(), MAX_BETAS);
        HandModel hand = handModel.get();
        PoseParamsFile.checkBetas(params, entries, hand.shapeCount());
        List<double[]> vertices = new ArrayList<>(entries.size());
        List<double[]> joints = new ArrayList<>(entries.size());
        try (ArrayHandPoser poser = new ArrayHandPoser(hand)) {
            for (int start = 0; start < entries.size(); start += CHUNK) {
                List<PoseParamsFile.Entry> chunk = entries.subList(start, Math.min(entries.size(), start + CHUNK));
                // A batch needs one global-orientation representation: batch each kind separately.
                for (int length : new int[] {3, 6, 9}) {
                    List<Integer> group = new ArrayList<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        if (chunk.get(i).globalOrient().length == length) {
                            group.add(start + i);
                        }
                    }
                    if (!group.isEmpty()) {
                        runBatch(options, params, poser, entries, group, jointOrder, vertices, joints);
                    }
                }
            }
        }
        return new Posed(hand, vertices, joints, jointOrder);
    }

    private static void runBatch(HandPoseOptions options, Path params, ArrayHandPoser poser,
                                 List<PoseParamsFile.Entry> entries, List<Integer> indices, JointOrder jointOrder,
                                 List<double[]> vertices, List<double[]> joints) {
        List<PoseParamsFile.Entry> group = indices.stream().map(entries::get).toList();
        int b = group.size();
        int betaCount = Math.max(1, group.stream().mapToInt(e -> e.betas().length).max().orElse(0));
        double[][] betas = new double[b][];
        double[][] orient = new double[b][];
        double[][] pose = new double[b][];
        double[][] transl = new double[b][];
        for (int i = 0; i < b; i++) {
            PoseParamsFile.Entry e = group.get(i);
            betas[i] = Arrays.copyOf(e.betas(), betaCount);
            orient[i] = e.globalOrient();
            pose[i] = e.handPose();
            transl[i] = e.transl();
        }
        PosedHandArrays posed;
        try {
            posed = poser.pose(new HandParamArrays(betas, orient, pose,
                options.pca == null ? HandPoseKind.AXIS_ANGLE : HandPoseKind.PCA, transl, options.flatHandMean),
                options.tips, jointOrder);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new BadInputException(params, "cannot pose these parameters: " + e.getMessage(), e);
        }
        for (int i = 0; i < b; i++) {
            int index = indices.get(i);
            double[] vi = posed.vertices(i);
            checkFinite(params, vi, index);
            set(vertices, index, vi);
            set(joints, index, posed.joints(i));
        }
    }

    private static void checkFinite(Path params, double[] values, int index) {
        for (double d : values) {
            if (!Double.isFinite(d)) {
                throw new BadInputException(params, "entry " + index + " gives non-finite vertices (a degenerate 6-D "
                    + "or rotation-matrix global_orient?)");
            }
        }
    }

    private static void set(List<double[]> list, int index, double[] value) {
        while (list.size() <= index) {
            list.add(null);
        }
        list.set(index, value);
    }
}
