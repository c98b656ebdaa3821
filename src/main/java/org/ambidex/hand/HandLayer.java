package org.ambidex.hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.ambidex.tensor.VectorArrays;

/**
 * The MANO-compatible hand layer: linear blend skinning of a {@link HandModel} on DJL arrays, batched and
 * differentiable with respect to every input (it is built from NDArray operations only, so DJL's
 * {@code GradientCollector} differentiates it). It computes exactly what the smplx MANO layer computes
 * (SEED_SPEC.md D.2, D.3): shape blend, joint regression, Rodrigues rotations (with smplx's {@code +1e-8}
 * inside the angle norm), pose blend over the features {@code R_k - I} of joints 1..15, forward kinematics,
 * skinning, translation.
 *
 * <p>The model's constant arrays live in a sub-manager of the manager given at construction, in the layer's
 * data type (float32 or float64) and on that manager's device; {@link #close()} frees them. Outputs are
 * attached to the manager of the input {@code globalOrient}; intermediates are freed after each call.
 * Inputs of another floating type are cast to the layer's type. A layer may be used from several threads.
 */
public final class HandLayer implements AutoCloseable {

    private static final int J = HandModel.JOINTS;

    private final HandModel model;
    private final NDManager constants;
    private final DataType dataType;
    private final int vertexCount;
    private final int shapeCount;
    private final int[] parents;
    private final List<int[]> levels;
    private final int chains;
    private final NDArray vTemplate;        // (V*3)
    private final NDArray shapedirsT;       // (S, V*3)
    private final NDArray jTemplate;        // (16, 3)
    private final NDArray jShapedirsT;      // (S, 48)
    private final NDArray posedirsT;        // (135, V*3)
    private final NDArray weightsT;         // (16, V)
    private final NDArray relativeToParentT; // (16, 16): transposed map J -> (J_k - J_parent(k); J_0 for the root)
    private final NDArray components;       // (45, 45)
    private final NDArray componentsInverse; // (45, 45)
    private final NDArray handsMean;        // (45)
    private final NDArray identity;         // (3, 3)
    private final NDArray skewBasis;        // (3, 9): a -> skew(a), row-major
    private final NDArray homogeneousRow;   // (1, 1, 1, 4): 0 0 0 1
    private final ConcurrentMap<Integer, NDArray> leadingComponents = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, NDArray> indexArrays = new ConcurrentHashMap<>();

    /**
     * A layer for {@code model} computing in {@code dataType} ({@link DataType#FLOAT32} or
     * {@link DataType#FLOAT64}) on the device of {@code manager}.
     */
    public HandLayer(HandModel model, NDManager manager, DataType dataType) {
        this(model, manager, dataType, true);
    }

    /** As the public constructor; {@code chainFastPath} false forces the general tree kinematics (for tests). */
    HandLayer(HandModel model, NDManager manager, DataType dataType, boolean chainFastPath) {
        this.model = Objects.requireNonNull(model, "model");
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("the hand layer computes in float32 or float64, not " + dataType);
        }
        this.dataType = dataType;
        this.constants = manager.newSubManager();
        this.constants.setName("hand-layer-" + model.name());
        int v = model.vertexCount();
        int s = model.shapeCount();
        this.vertexCount = v;
        this.shapeCount = s;
        this.parents = model.parents();
        this.levels = levels(parents);
        this.chains = chainFastPath ? chainCount(parents) : 0;

        double[] template = model.vTemplate().toDoubleArray();
        double[] shapedirs = model.shapedirs().toDoubleArray(); // (V,3,S)
        double[] regressor = model.jRegressor().toDoubleArray(); // (16,V)
        double[] posedirs = model.posedirs().toDoubleArray(); // (V,3,135)
        double[] weights = model.weights().toDoubleArray(); // (V,16)

        this.vTemplate = constant(template, v * 3);
        this.shapedirsT = constant(transpose(shapedirs, v * 3, s), s, v * 3);
        // Joint regression is linear, so the joints of the shaped mesh are the regressed template plus the
        // regressed shape directions times the betas: no (16 x V) product per call.
        double[] jt = new double[J * 3];
        double[] jsd = new double[s * J * 3];
        for (int j = 0; j < J; j++) {
            for (int vi = 0; vi < v; vi++) {
                double r = regressor[j * v + vi];
                if (r == 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    jt[j * 3 + c] += r * template[vi * 3 + c];
                    for (int l = 0; l < s; l++) {
                        jsd[l * J * 3 + j * 3 + c] += r * shapedirs[(vi * 3 + c) * s + l];
                    }
                }
            }
        }
        this.jTemplate = constant(jt, J, 3);
        this.jShapedirsT = constant(jsd, s, J * 3);
        this.posedirsT = constant(transpose(posedirs, v * 3, HandModel.POSE_FEATURES), HandModel.POSE_FEATURES, v * 3);
        this.weightsT = constant(transpose(weights, v, J), J, v);
        double[] rel = new double[J * J];
        for (int k = 0; k < J; k++) {
            rel[k * J + k] = 1;
            if (parents[k] >= 0) {
                rel[k * J + parents[k]] = -1;
            }
        }
        this.relativeToParentT = constant(transpose(rel, J, J), J, J);
        this.components = constant(model.handsComponents().toDoubleArray(), 45, 45);
        this.componentsInverse = constant(model.handsComponentsInverse(), 45, 45);
        this.handsMean = constant(model.handsMean().toDoubleArray(), 45);
        this.identity = constant(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        this.skewBasis = constant(new double[] {
            0, 0, 0, 0, 0, -1, 0, 1, 0,   // x
            0, 0, 1, 0, 0, 0, -1, 0, 0,   // y
            0, -1, 0, 1, 0, 0, 0, 0, 0}, 3, 9); // z
        this.homogeneousRow = constant(new double[] {0, 0, 0, 1}, 1, 1, 1, 4);
    }

    public HandModel model() {
        return model;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The forward pass with the default fingertips ({@link FingertipSet#INTAGHAND}) and OpenPose order. */
    public HandOutput forward(HandParams params) {
        return forward(params, FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
    }

    /**
     * The forward pass: vertices, joints, keypoints from fingertip set {@code tips} in {@code order}, per-joint
     * rotations and skinning transforms. Differentiable with respect to every input array.
     *
     * @throws IllegalArgumentException when betas has more entries than the model has shape directions
     */
    public HandOutput forward(HandParams params, FingertipSet tips, JointOrder order) {
        Objects.requireNonNull(tips, "tips");
        Objects.requireNonNull(order, "order");
        if (params.betas() != null && params.betas().getShape().get(1) > shapeCount) {
            throw new IllegalArgumentException("the model has " + shapeCount + " shape directions, got "
                + params.betas().getShape().get(1) + " betas");
        }
        NDManager target = params.globalOrient().getManager();
        long b = params.batchSize();
        try (NDManager scope = target.newSubManager()) {
            NDList inputs = params.arrays();
            inputs.tempAttach(scope);
            NDArray globalOrient = cast(params.globalOrient());
            NDArray handPose = cast(params.handPose());

            // Shape blend and rest joints.
            NDArray vShaped;
            NDArray joints;
            if (params.betas() != null) {
                NDArray betas = cast(params.betas());
                int n = (int) betas.getShape().get(1);
                vShaped = betas.matMul(leading(shapedirsT, n, scope)).add(vTemplate); // (B, V*3)
                joints = betas.matMul(leading(jShapedirsT, n, scope)).reshape(b, J, 3).add(jTemplate);
            } else {
                vShaped = scope.zeros(new Shape(b, vertexCount * 3L), dataType).add(vTemplate);
                joints = scope.zeros(new Shape(b, J, 3), dataType).add(jTemplate);
            }

            // Finger pose as axis-angle, hand mean added unless flat.
            NDArray fingers = params.handPoseKind() == HandPoseKind.PCA
                ? handPose.matMul(pcaRows((int) handPose.getShape().get(1))) : handPose;
            if (!params.flatHandMean()) {
                fingers = fingers.add(handsMean);
            }
            NDArray rotations; // (B,16,3,3)
            NDArray fingerRotations; // (B,15,3,3)
            if (globalOrient.getShape().dimension() == 2 && globalOrient.getShape().get(1) == 3) {
                // One Rodrigues call for all 16 joints.
                rotations = rodrigues(NDArrays.concat(new NDList(globalOrient, fingers), 1).reshape(b * J, 3))
                    .reshape(b, J, 3, 3);
                fingerRotations = rotations.get(":, 1:");
            } else {
                fingerRotations = rodrigues(fingers.reshape(b * 15, 3)).reshape(b, 15, 3, 3);
                NDArray rootRotation = rootRotation(globalOrient, b).reshape(b, 1, 3, 3);
                rotations = NDArrays.concat(new NDList(rootRotation, fingerRotations), 1);
            }

            // Pose blend shapes.
            NDArray poseFeature = fingerRotations.sub(identity).reshape(b, HandModel.POSE_FEATURES);
            NDArray vPosed = poseFeature.matMul(posedirsT).add(vShaped).reshape(b, vertexCount, 3);

            // Forward kinematics, level by level of the tree.
            NDArray relJoints = joints.transpose(0, 2, 1).matMul(relativeToParentT).transpose(0, 2, 1);
            NDArray[] global = chains > 0 ? chainKinematics(rotations, relJoints, b) : treeKinematics(rotations, relJoints);
            NDArray rg = global[0]; // (B,16,3,3)
            NDArray tg = global[1]; // (B,16,3)

            // Skinning: A_k = [Rg | tg - Rg J], T_v = sum_k w_vk A_k.
            NDArray at = tg.sub(rg.matMul(joints.expandDims(-1)).squeeze(-1));
            NDArray rigid = NDArrays.concat(new NDList(rg, at.expandDims(-1)), -1); // (B,16,3,4)
            NDArray perVertex = rigid.reshape(b, J, 12).transpose(0, 2, 1).matMul(weightsT) // (B,12,V)
                .transpose(0, 2, 1).reshape(b, vertexCount, 3, 4);
            NDArray vertices = perVertex.get(":, :, :, :3").mul(vPosed.expandDims(2)).sum(new int[] {3})
                .add(perVertex.get(":, :, :, 3"));
            NDArray posedJoints = tg;
            if (params.transl() != null) {
                NDArray t = cast(params.transl()).expandDims(1);
                vertices = vertices.add(t);
                posedJoints = posedJoints.add(t);
            }

            NDArray tipIndex = indexConstant("tips " + tips, model.tipVertices(tips));
            NDArray tipPoints = vertices.get(new NDIndex(":, {}", tipIndex));
            NDArray withTips = NDArrays.concat(new NDList(posedJoints, tipPoints), 1); // MANO16_TIPS
            NDArray keypoints = withTips.get(new NDIndex(":, {}",
                indexConstant("order " + order, order.gatherFrom(JointOrder.MANO16_TIPS))));
            NDArray transforms = NDArrays.concat(new NDList(rigid,
                scope.zeros(new Shape(b, J, 1, 4), dataType).add(homogeneousRow)), 2);

            HandOutput out = new HandOutput(vertices, posedJoints, keypoints, order, tips, rotations, transforms);
            for (NDArray a : new NDArray[] {vertices, posedJoints, keypoints, rotations, transforms}) {
                a.attach(target);
            }
            return out;
        }
    }

    /** Forward kinematics for any tree, level by level: global rotations (B,16,3,3) and positions (B,16,3). */
    private NDArray[] treeKinematics(NDArray rotations, NDArray relJoints) {
        NDList localR = rotations.split(J, 1);   // 16 x (B,1,3,3)
        NDList localT = relJoints.split(J, 1);   // 16 x (B,1,3)
        NDArray[] globalR = new NDArray[J];
        NDArray[] globalT = new NDArray[J];
        globalR[0] = localR.get(0);
        globalT[0] = localT.get(0);
        for (int[] level : levels) {
            NDList pr = new NDList();
            NDList pt = new NDList();
            NDList lr = new NDList();
            NDList lt = new NDList();
            for (int k : level) {
                pr.add(globalR[parents[k]]);
                pt.add(globalT[parents[k]]);
                lr.add(localR.get(k));
                lt.add(localT.get(k));
            }
            NDArray parentR = NDArrays.concat(pr, 1);
            NDArray newR = parentR.matMul(NDArrays.concat(lr, 1));
            NDArray newT = parentR.matMul(NDArrays.concat(lt, 1).expandDims(-1)).squeeze(-1)
                .add(NDArrays.concat(pt, 1));
            NDList rs = newR.split(level.length, 1);
            NDList ts = newT.split(level.length, 1);
            for (int i = 0; i < level.length; i++) {
                globalR[level[i]] = rs.get(i);
                globalT[level[i]] = ts.get(i);
            }
        }
        return new NDArray[] {NDArrays.concat(new NDList(globalR), 1), NDArrays.concat(new NDList(globalT), 1)};
    }

    /**
     * Forward kinematics for MANO's tree shape (joints 1..15 are {@link #chains} chains of equal length, each
     * stored contiguously and hanging from the root): all chains advance together, one level per step.
     */
    private NDArray[] chainKinematics(NDArray rotations, NDArray relJoints, long b) {
        int length = (J - 1) / chains;
        NDArray rootR = rotations.get(":, 0:1");                                     // (B,1,3,3)
        NDArray rootT = relJoints.get(":, 0:1");                                     // (B,1,3)
        NDArray chainR = rotations.get(":, 1:").reshape(b, chains, length, 3, 3);
        NDArray chainT = relJoints.get(":, 1:").reshape(b, chains, length, 3, 1);
        NDArray parentR = rootR;
        NDArray parentT = rootT;
        NDList rs = new NDList();
        NDList ts = new NDList();
        for (int l = 0; l < length; l++) {
            NDArray r = chainR.get(":, :, " + l);                                   // (B,F,3,3)
            NDArray t = chainT.get(":, :, " + l);                                   // (B,F,3,1)
            NDArray newT = parentR.matMul(t).squeeze(-1).add(parentT);              // (B,F,3)
            parentR = parentR.matMul(r);
            parentT = newT;
            rs.add(parentR.expandDims(2));
            ts.add(newT.expandDims(2));
        }
        NDArray r = NDArrays.concat(rs, 2).reshape(b, J - 1, 3, 3);
        NDArray t = NDArrays.concat(ts, 2).reshape(b, J - 1, 3);
        return new NDArray[] {NDArrays.concat(new NDList(rootR, r), 1), NDArrays.concat(new NDList(rootT, t), 1)};
    }

    /** The number of equal chains hanging contiguously from the root (MANO: 5 of 3), or 0 for another tree. */
    private static int chainCount(int[] parents) {
        for (int chains = 1; chains < parents.length; chains++) {
            if ((parents.length - 1) % chains != 0) {
                continue;
            }
            int length = (parents.length - 1) / chains;
            boolean ok = true;
            for (int k = 1; k < parents.length && ok; k++) {
                int position = (k - 1) % length;
                ok = parents[k] == (position == 0 ? 0 : k - 1);
            }
            if (ok) {
                return chains;
            }
        }
        return 0;
    }

    /**
     * PCA coefficients (B,45) of a full axis-angle finger pose (B,45), i.e. the rotations the layer applies:
     * {@code (pose - hands_mean unless flat) @ inverse(hands_components)}. A {@link HandPoseKind#PCA} input of
     * these coefficients with the same {@code flatHandMean} reproduces {@code pose}. Differentiable.
     */
    public NDArray axisAngleToPca(NDArray handPose, boolean flatHandMean) {
        NDManager target = handPose.getManager();
        try (NDManager scope = target.newSubManager()) {
            handPose.tempAttach(scope);
            NDArray p = cast(handPose);
            if (!flatHandMean) {
                p = p.sub(handsMean);
            }
            NDArray coefficients = p.matMul(componentsInverse);
            coefficients.attach(target);
            return coefficients;
        }
    }

    /** Rotation matrices (N,3,3) of axis-angle vectors (N,3), exactly as smplx's {@code batch_rodrigues}. */
    NDArray rodrigues(NDArray axisAngle) {
        long n = axisAngle.getShape().get(0);
        NDArray angle = axisAngle.add(1e-8).square().sum(new int[] {1}, true).sqrt(); // (N,1)
        NDArray dir = axisAngle.div(angle);
        NDArray cos = angle.cos().expandDims(2);
        NDArray sin = angle.sin().expandDims(2);
        NDArray k = skew(dir, n);
        return k.mul(sin).add(k.matMul(k).mul(cos.neg().add(1))).add(identity);
    }

    private NDArray rootRotation(NDArray globalOrient, long b) {
        Shape s = globalOrient.getShape();
        if (s.dimension() == 3) {
            return globalOrient;
        }
        if (s.get(1) == 3) {
            return rodrigues(globalOrient);
        }
        // 6-D (manopth rot6d): x = n(a1), z = n(x cross a2), y = z cross x; columns (x, y, z).
        NDArray a1 = globalOrient.get(":, 0:3");
        NDArray a2 = globalOrient.get(":, 3:6");
        NDArray x = normalize(a1);
        NDArray z = normalize(VectorArrays.cross(x, a2));
        NDArray y = VectorArrays.cross(z, x);
        return NDArrays.stack(new NDList(x, y, z), 2).reshape(b, 3, 3);
    }

    private static NDArray normalize(NDArray v) {
        return v.div(v.square().sum(new int[] {1}, true).sqrt());
    }


    private NDArray skew(NDArray dir, long n) {
        // K = skew(dir) as one product with a constant 3x9 basis (entries 0 and +-1: exact).
        return dir.matMul(skewBasis).reshape(n, 3, 3);
    }

    /**
     * An index array kept for the layer's lifetime, in storage PyTorch owns. Indexing saves its index tensor for
     * the backward pass; an array made directly from Java data aliases a Java buffer that is freed once the array
     * object is closed and collected, so backward would read freed memory.
     */
    private NDArray indexConstant(String key, int[] values) {
        return indexArrays.computeIfAbsent(key, k -> {
            NDArray wrapped = constants.create(toLongs(values));
            NDArray owned = wrapped.duplicate();
            java.lang.ref.Reference.reachabilityFence(wrapped);
            wrapped.close();
            owned.attach(constants);
            // Kept for the layer's lifetime: not closed with an NDScope the first call may run in.
            NDScope.unregister(owned);
            return owned;
        });
    }

    private NDArray pcaRows(int n) {
        return leadingComponents.computeIfAbsent(n, k -> {
            NDArray rows = components.get("0:" + k);
            rows.attach(constants);
            NDScope.unregister(rows);
            return rows;
        });
    }

    private static NDArray leading(NDArray rowsConstant, int n, NDManager scope) {
        if (n == rowsConstant.getShape().get(0)) {
            return rowsConstant;
        }
        NDArray rows = rowsConstant.get("0:" + n);
        rows.attach(scope);
        return rows;
    }

    private NDArray cast(NDArray a) {
        return a.getDataType() == dataType ? a : a.toType(dataType, false);
    }

    private NDArray constant(double[] values, long... shape) {
        NDArray a = constants.create(values, new Shape(shape));
        if (dataType == DataType.FLOAT32) {
            NDArray f = a.toType(DataType.FLOAT32, false);
            a.close();
            return f;
        }
        return a;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private static long[] toLongs(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }

    /** Joints grouped by depth in the tree (depth 1, 2, ...), each group in increasing index order. */
    private static List<int[]> levels(int[] parents) {
        int[] depth = new int[parents.length];
        int max = 0;
        for (int k = 1; k < parents.length; k++) {
            depth[k] = depth[parents[k]] + 1;
            max = Math.max(max, depth[k]);
        }
        List<int[]> levels = new ArrayList<>();
        for (int d = 1; d <= max; d++) {
            final int level = d;
            levels.add(java.util.stream.IntStream.range(0, parents.length).filter(k -> depth[k] == level).toArray());
        }
        return levels;
    }

    @Override
    public void close() {
        constants.close();
    }
}
