package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;
import org.ambidex.nets.twohand.JointFeatureSampler;
import org.ambidex.tensor.Scalars;

/**
 * One DIR refinement stage ({@code Joint2BoneFeature}) on a decoder map X (B,F,S,S):
 * <ol>
 *   <li>each hand's joint features: X sampled under the previous stage's joints (bilinear, zeros outside,
 *       {@code align_corners=False}) through {@code img2joint_*.filters} (Conv1d F to E, BN, ReLU, Conv1d), plus
 *       {@code pos_emb_*} of the joints / 0.15 m; then {@code gcn_*} (four {@link GraphLayer}s), plus
 *       {@code global_pos_emb} of the joints placed about the midpoint ({@code xyz/0.15 -+ offset/2});</li>
 *   <li>{@code interaction}: the {@link JointTransformer} over both hands' 42 tokens, to J channels;</li>
 *   <li>{@code regressor}: the {@link RegressorOffset} gives this stage's hands and offset;</li>
 *   <li>the joint features through {@code proj_feat_emb} are rasterised along the 20 bones of this stage's 2-D
 *       joints (see {@link #bones}) and {@code fusion} (Conv3x3 40J to F, BN, ReLU, Conv1x1) makes the map the
 *       decoder adds back.</li>
 * </ol>
 * {@code img_gird (S*S, 2)} holds the cell centres (u, v) in cells, row-major.
 */
final class Joint2BoneFeature extends TorchModule {

    /** Metres per unit of the network's normalised coordinates. */
    static final float UNIT = 0.15f;
    private static final int[] PARENT = {0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19};
    private static final int[] CHILD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    private static final int BONES = PARENT.length;
    private static final float PAIRWISE_EPS = 1e-6f;

    private final Sequential gcnLeft;
    private final Sequential gcnRight;
    private final Sequential imageLeft;
    private final Sequential imageRight;
    private final Sequential positionLeft;
    private final Sequential positionRight;
    private final Sequential globalPosition;
    private final JointTransformer interaction;
    private final Sequential projection;
    private final Sequential fusion;
    private final RegressorOffset regressor;
    private final Parameter grid;
    private final int size;
    private final float distance;

    Joint2BoneFeature(int features, int embedding, int jointChannels, int size, float distance) {
        gcnLeft = graph("gcn_left", embedding);
        gcnRight = graph("gcn_right", embedding);
        imageLeft = filters("img2joint_left", features, embedding);
        imageRight = filters("img2joint_right", features, embedding);
        positionLeft = child("pos_emb_left", mlp(3, embedding));
        positionRight = child("pos_emb_right", mlp(3, embedding));
        globalPosition = child("global_pos_emb", mlp(3, embedding));
        interaction = child("interaction", new JointTransformer(2 * PGraphConv.JOINTS, embedding, jointChannels, 4));
        projection = child("proj_feat_emb", mlp(jointChannels, jointChannels));
        fusion = child("fusion", new Sequential(new Conv2d(jointChannels * BONES * 2, features, 3, 1, 1, true),
            new BatchNorm2d(features), Functional.relu(), new Conv2d(features, features, 1, 1, 0, true)));
        regressor = child("regressor", new RegressorOffset(PGraphConv.JOINTS * jointChannels));
        grid = parameter("img_gird", Parameter.Type.OTHER, 0f, false, (long) size * size, 2);
        this.size = size;
        this.distance = distance;
    }

    /** SemGCN's {@code ResSimplePGCN}: its four layers under {@code gconv_layers}. */
    private Sequential graph(String name, int c) {
        return child(name, new GraphStack(c)).layers;
    }

    private Sequential filters(String name, int in, int out) {
        ImageToJoint m = child(name, new ImageToJoint(mlp(in, out)));
        return m.filters;
    }

    private static Sequential mlp(int in, int out) {
        return new Sequential(new Conv1d(in, out), new BatchNorm2d(out), Functional.relu(), new Conv1d(out, out));
    }

    ManoPcaLayer layer(int hand) {
        return regressor.layer(hand);
    }

    /** Writes the cell centres into {@code img_gird} (a fresh network; a checkpoint brings its own). */
    void resetGrid() {
        float[] g = new float[size * size * 2];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                g[(i * size + j) * 2] = j + 0.5f;
                g[(i * size + j) * 2 + 1] = i + 0.5f;
            }
        }
        grid.getArray().set(FloatBuffer.wrap(g));
    }

    /** This stage's hands and the map (B,F,S,S) it adds to the decoder. */
    Result run(ParameterStore store, NDArray map, DirStage previous, boolean training) {
        NDArray offset = previous.offset().stopGradient().expandDims(1);                 // (B,1,3)
        NDArray xyzL = previous.left().joints().stopGradient();
        NDArray xyzR = previous.right().joints().stopGradient();
        NDArray fl = jointFeatures(store, map, previous.left().jointUv().stopGradient(), xyzL, imageLeft,
            positionLeft, gcnLeft, training)
            .add(embed(globalPosition, store, Scalars.div(xyzL, UNIT).sub(Scalars.div(offset, 2)), training));
        NDArray fr = jointFeatures(store, map, previous.right().jointUv().stopGradient(), xyzR, imageRight,
            positionRight, gcnRight, training)
            .add(embed(globalPosition, store, Scalars.div(xyzR, UNIT).add(Scalars.div(offset, 2)), training));
        NDArray both = Forward.of(interaction, store, NDArrays.concat(new NDList(fl, fr), 1), training);
        fl = both.get(":, 0:21");
        fr = both.get(":, 21:42");
        DirStage stage = regressor.run(store, fl, fr, previous, training);
        NDArray bonesL = bones(store, stage.left().jointUv(), embed(projection, store, fl, training), training);
        NDArray bonesR = bones(store, stage.right().jointUv(), embed(projection, store, fr, training), training);
        NDArray added = Forward.of(fusion, store, NDArrays.concat(new NDList(bonesL, bonesR), 1), training);
        return new Result(stage, added);
    }

    /** A refinement stage's hands and the map it adds to the decoder. */
    record Result(DirStage stage, NDArray map) {
    }

    private static NDArray jointFeatures(ParameterStore store, NDArray map, NDArray uv, NDArray xyz,
                                         Sequential image, Sequential position, Sequential gcn, boolean training) {
        NDArray sampled = JointFeatureSampler.sample(map, uv).transpose(0, 2, 1);       // (B,F,21)
        NDArray fromImage = Forward.of(image, store, sampled, training).transpose(0, 2, 1);
        NDArray fromPosition = embed(position, store, Scalars.div(xyz, UNIT), training);
        return Forward.of(gcn, store, fromPosition.add(fromImage), training);
    }

    /** A channel MLP of Conv1d layers applied to (B,N,C) tokens. */
    private static NDArray embed(Sequential mlp, ParameterStore store, NDArray tokens, boolean training) {
        return Forward.of(mlp, store, tokens.transpose(0, 2, 1), training).transpose(0, 2, 1);
    }

    /**
     * The reference's {@code bone_proj}: for each cell centre p and bone (a, b) of the joints in cells
     * ({@code (uv + 1) / 2 * S}), the point-to-segment distance; where it is below {@code distance} cells the
     * cell gets {@code fa (1 - |p-a| / (|p-a| + |p-b|)) + fb (1 - |p-b| / (|p-a| + |p-b|))} of the end joints'
     * features (distances as {@code pairwise_distance}, with its 1e-6), elsewhere zero. Output (B, 20 C, S, S),
     * channels bone-major.
     */
    private NDArray bones(ParameterStore store, NDArray uv, NDArray features, boolean training) {
        NDManager m = uv.getManager();
        long b = uv.getShape().get(0);
        long c = features.getShape().get(2);
        NDArray cells = Scalars.mul(Scalars.div(uv.add(1), 2), size);
        NDArray parent = m.create(toLongs(PARENT));
        NDArray child = m.create(toLongs(CHILD));
        NDArray a = cells.get(new NDIndex(":, {}", parent)).expandDims(1);                 // (B,1,20,2)
        NDArray e = cells.get(new NDIndex(":, {}", child)).expandDims(1);
        NDArray p = store.getValue(grid, uv.getDevice(), training).reshape(1, (long) size * size, 1, 2);
        NDArray dba = e.sub(a);
        NDArray d = dba.div(hypot(dba.get("..., 0:1"), dba.get("..., 1:2")));          // (B,1,20,2)
        NDArray s = a.sub(p).mul(d).sum(new int[] {-1});                                  // (B,S2,20)
        NDArray t = p.sub(e).mul(d).sum(new int[] {-1});
        NDArray h = Scalars.maximum(s.maximum(t), 0f);
        NDArray pa = p.sub(a);
        NDArray across = pa.get("..., 0").mul(d.get("..., 1")).sub(pa.get("..., 1").mul(d.get("..., 0")));
        NDArray near = hypot(h, across).lt(distance).expandDims(-1);                     // (B,S2,20,1)
        NDArray da = pairwise(p, a);
        NDArray db = pairwise(p, e);
        NDArray wa = da.div(da.add(db)).neg().add(1).expandDims(-1);
        NDArray wb = db.div(da.add(db)).neg().add(1).expandDims(-1);
        // Zeroing the weights outside the mask gives the reference's zeros (features are finite) without a
        // full-size mask: the (B,S2,20,C) blend is the largest array of the network's second stage.
        NDArray zero = wa.zerosLike();
        wa = NDArrays.where(near, wa, zero);
        wb = NDArrays.where(near, wb, zero);
        NDArray fa = features.get(new NDIndex(":, {}", parent)).expandDims(1);           // (B,1,20,C)
        NDArray fb = features.get(new NDIndex(":, {}", child)).expandDims(1);
        NDArray f = fa.mul(wa).add(fb.mul(wb));                                          // (B,S2,20,C)
        return f.reshape(b, size, size, BONES * c).transpose(0, 3, 1, 2);
    }

    private static NDArray hypot(NDArray x, NDArray y) {
        return x.square().add(y.square()).sqrt();
    }

    private static NDArray pairwise(NDArray x, NDArray y) {
        return x.sub(y).add(PAIRWISE_EPS).square().sum(new int[] {-1}).sqrt();
    }

    private static long[] toLongs(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        throw new UnsupportedOperationException("Joint2BoneFeature runs through run()");
    }

    /** SemGCN's {@code ResSimplePGCN} (despite the name, no residual): {@code gconv_layers.0..3}. */
    private static final class GraphStack extends TorchModule {
        private final Sequential layers;

        GraphStack(int c) {
            layers = child("gconv_layers", new Sequential(new GraphLayer(c, c), new GraphLayer(c, c),
                new GraphLayer(c, c), new GraphLayer(c, c)));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return layers.forward(store, inputs, training, params);
        }
    }

    /** DIR's {@code ImgFeature2JointFeature}: its channel MLP under {@code filters}. */
    private static final class ImageToJoint extends TorchModule {
        private final Sequential filters;

        ImageToJoint(Sequential filters) {
            this.filters = child("filters", filters);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            return filters.forward(store, inputs, training, params);
        }
    }
}
