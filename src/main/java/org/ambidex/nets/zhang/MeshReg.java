package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * The mesh regressor ({@code mesh_reg}, the reference's {@code MeshRegNet}): {@link MeshResNet}, pose-aware attention
 * on layer4, per-hand {@link ManoBranch}es, the {@link PlacementBranch}, and {@value #STAGES} cascaded stages, each
 * registering the previous joints onto the heat-map argmax, masking a feature level (layer4, layer3, layer2) with
 * Gaussians at the registered joints, reducing it with a {@link PlainBottleneck} and regressing a new pose and shape
 * from both hands' previous parameters, the feature and the placement.
 *
 * <p>Inputs: the ImageNet-normalised image {@code (B,3,256,256)}, the down-sampled heat maps
 * {@code (B,672,32,32)}, the joints' argmax and maximum {@code xyc (B,42,3)} (64-grid cells; right hand's 21, then
 * the left's) and the attention maps {@code (B,2,8,8)}. Output, by {@link #index}: the placement {@code (B,4)}, then
 * for every stage (initial, then the refinements) and hand (right, left) the pose {@code (B,48)}, shape
 * {@code (B,10)}, vertices {@code (B,778,3)} and joints {@code (B,21,3)} in mm (v2: smplx's 16 joints, then the
 * tips thumb, index, middle, ring, pinky; v1: manopth's OpenPose order, centred on the middle MCP), and the rest-pose
 * joints in mm (v2: {@code (B,16,3)}, the reference's {@code T_pose}; v1: manopth's {@code (B,21,3)}).
 */
final class MeshReg extends TorchModule {

    static final int STAGES = 3;
    static final int FEATURE = 2048;
    /** Tip vertices appended to smplx's 16 joints: thumb, index, middle, ring, pinky. */
    static final int[] TIPS = {745, 317, 444, 556, 673};
    static final int POSE = 0;
    static final int SHAPE = 1;
    static final int VERTS = 2;
    static final int JOINTS = 3;
    static final int TPOSE = 4;
    /** Arrays per hand and stage in the output. */
    static final int PER_HAND = 5;

    private final ZhangVariant variant;
    private final MeshResNet base;
    private final TorchModule[] mano = new TorchModule[2];
    private final ManoBranch[] branch = new ManoBranch[2];
    private final PlacementBranch trans;
    private final ManoBranch[][] cascadeBranch = new ManoBranch[2][STAGES];
    private final PlainBottleneck[][] cascadeFeature = new PlainBottleneck[2][STAGES];

    MeshReg(int heatChannels, ZhangVariant variant) {
        this.variant = variant;
        base = child("base_net", new MeshResNet(heatChannels, variant));
        mano[0] = variant == ZhangVariant.V2 ? new SmplxMano() : new ManopthMano(true);
        mano[1] = variant == ZhangVariant.V2 ? new SmplxMano() : new ManopthMano(false);
        child("mano_layer", new Modules(new String[] {"r", "l"}, mano[0], mano[1]));
        branch[1] = child("left_mano_branch", new ManoBranch(FEATURE));
        branch[0] = child("right_mano_branch", new ManoBranch(FEATURE));
        trans = child("trans_branch", new PlacementBranch(FEATURE));
        int cascadeIn = FEATURE + 2 * (ManoBranch.SHAPE + ManoBranch.POSE) + 4;
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < STAGES; i++) {
                cascadeBranch[h][i] = new ManoBranch(cascadeIn);
                int c = FEATURE >> i;
                int stride = 1 << i;
                cascadeFeature[h][i] = new PlainBottleneck(c, c / 2, FEATURE, stride,
                    new Conv2d(c, FEATURE, 1, stride, 0, false));
            }
        }
        child("cascaded_left_mano_branch_list", Modules.list(cascadeBranch[1]));
        child("cascaded_right_mano_branch_list", Modules.list(cascadeBranch[0]));
        child("cascaded_left_feature_extractor_list", Modules.list(cascadeFeature[1]));
        child("cascaded_right_feature_extractor_list", Modules.list(cascadeFeature[0]));
    }

    /** The MANO layer of hand {@code h} (0 right, 1 left): a {@link SmplxMano} (v2) or a {@link ManopthMano} (v1). */
    TorchModule mano(int h) {
        return mano[h];
    }

    /** Where {@code what} ({@link #POSE} ... {@link #JOINTS}) of hand {@code h} at {@code stage} is in the output. */
    static int index(int stage, int h, int what) {
        return 1 + (stage * 2 + h) * PER_HAND + what;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray image = inputs.get(0);
        NDArray xyc = inputs.get(2);
        NDArray attention = inputs.get(3);
        NDList levels = base.forward(store, new NDList(image, inputs.get(1)), training, params);
        NDArray layer4 = levels.get(2);
        NDArray feature = spatialMean(layer4);
        NDList out = new NDList();
        out.add(trans.forward(store, new NDList(feature), training, params).singletonOrThrow());
        NDArray placement = out.get(0);
        NDList[] hands = new NDList[2];
        for (int h = 0; h < 2; h++) {
            NDArray attended = spatialMean(layer4.mul(attention.get(":, " + h + ":" + (h + 1))));
            hands[h] = hand(store, h, branch[h].forward(store, new NDList(attended), training, params), training);
        }
        out.addAll(hands[0]);
        out.addAll(hands[1]);
        for (int i = 0; i < STAGES; i++) {
            NDArray level = levels.get(2 - i);
            int size = Math.toIntExact(level.getShape().get(2));
            NDList[] next = new NDList[2];
            for (int h = 0; h < 2; h++) {
                NDList own = hands[h];
                NDList other = hands[1 - h];
                NDArray mask = HeatmapRegistration.mask(xyc.get(":, " + 21 * h + ":" + (21 * h + 21)),
                    own.get(JOINTS), size);
                NDArray f = spatialMean(cascadeFeature[h][i].forward(store, new NDList(level.mul(mask.expandDims(1))),
                    training, params).singletonOrThrow());
                NDArray in = NDArrays.concat(new NDList(other.get(SHAPE), other.get(POSE), own.get(SHAPE),
                    own.get(POSE), f, placement), 1);
                next[h] = hand(store, h, cascadeBranch[h][i].forward(store, new NDList(in), training, params),
                    training);
            }
            hands = next;
            out.addAll(hands[0]);
            out.addAll(hands[1]);
        }
        return out;
    }

    /** Pose, shape, vertices and joints (mm) of hand {@code h} from a branch's pose and shape. */
    private NDList hand(ParameterStore store, int h, NDList poseShape, boolean training) {
        NDArray pose = poseShape.get(0);
        NDArray shape = poseShape.get(1);
        NDList mesh = mano[h].forward(store, new NDList(pose, shape), training, null);
        if (variant == ZhangVariant.V1) {
            return new NDList(pose, shape, mesh.get(0), mesh.get(1), mesh.get(2)); // manopth: mm, OpenPose order
        }
        NDArray verts = mesh.get(0);
        NDList joints = new NDList(mesh.get(1));
        for (int tip : TIPS) {
            joints.add(verts.get(":, " + tip + ":" + (tip + 1) + ", :"));
        }
        return new NDList(pose, shape, Scalars.mul(verts, 1000f), Scalars.mul(NDArrays.concat(joints, 1), 1000f),
            Scalars.mul(mesh.get(2), 1000f));
    }

    /** {@code x.mean([2, 3])} of {@code (B, C, H, W)}: {@code (B, C)}. */
    static NDArray spatialMean(NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }
}
