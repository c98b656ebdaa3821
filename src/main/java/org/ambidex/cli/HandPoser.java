package org.ambidex.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.mesh.Mesh;

/**
 * Runs a parameters file ({@link PoseParamsFile}) through the hand layer in float64: the work {@code ambidex pose}
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
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(hand, manager, DataType.FLOAT64)) {
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
                        runBatch(options, params, layer, manager, entries, group, hand, jointOrder, vertices, joints);
                    }
                }
            }
        }
        return new Posed(hand, vertices, joints, jointOrder);
    }

    private static void runBatch(HandPoseOptions options, Path params, HandLayer layer, NDManager manager,
                                 List<PoseParamsFile.Entry> entries, List<Integer> indices, HandModel hand,
                                 JointOrder jointOrder, List<double[]> vertices, List<double[]> joints) {
        List<PoseParamsFile.Entry> group = indices.stream().map(entries::get).toList();
        int b = group.size();
        int orientLength = group.get(0).globalOrient().length;
        int betaCount = Math.max(1, group.stream().mapToInt(e -> e.betas().length).max().orElse(0));
        double[] betas = new double[b * betaCount];
        double[] orient = new double[b * orientLength];
        int poseLength = group.get(0).handPose().length;
        double[] pose = new double[b * poseLength];
        double[] transl = new double[b * 3];
        for (int i = 0; i < b; i++) {
            PoseParamsFile.Entry e = group.get(i);
            System.arraycopy(e.betas(), 0, betas, i * betaCount, e.betas().length);
            System.arraycopy(e.globalOrient(), 0, orient, i * orientLength, orientLength);
            System.arraycopy(e.handPose(), 0, pose, i * poseLength, poseLength);
            System.arraycopy(e.transl(), 0, transl, i * 3, 3);
        }
        try (NDManager scope = manager.newSubManager()) {
            Shape orientShape = orientLength == 9 ? new Shape(b, 3, 3) : new Shape(b, orientLength);
            HandParams p = new HandParams(scope.create(betas, new Shape(b, betaCount)),
                scope.create(orient, orientShape), scope.create(pose, new Shape(b, poseLength)),
                options.pca == null ? HandPoseKind.AXIS_ANGLE : HandPoseKind.PCA, scope.create(transl, new Shape(b, 3)),
                options.flatHandMean);
            HandOutput o;
            try {
                o = layer.forward(p, options.tips, jointOrder);
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw new BadInputException(params, "cannot pose these parameters: " + e.getMessage(), e);
            }
            double[] v = o.vertices().toDoubleArray();
            double[] k = o.keypoints().toDoubleArray();
            int vn = hand.vertexCount() * 3;
            int kn = jointOrder.size() * 3;
            for (int i = 0; i < b; i++) {
                int index = indices.get(i);
                double[] vi = Arrays.copyOfRange(v, i * vn, (i + 1) * vn);
                double[] ki = Arrays.copyOfRange(k, i * kn, (i + 1) * kn);
                checkFinite(params, vi, index);
                set(vertices, index, vi);
                set(joints, index, ki);
            }
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
