package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;
import org.ambidex.tensor.VectorArrays;

/**
 * manopth's {@code ManoLayer} as DIR configures it: root rotation from 6 numbers through the robust
 * Gram-Schmidt variant (both directions weigh equally), 45 PCA coefficients over {@code th_selected_comps} plus
 * {@code th_hands_mean} (not flat), betas always given, joints = the 16 posed joints and five fingertip vertices
 * in OpenPose order (left middle tip 445, right 444, as manopth), everything relative to the wrist, in the
 * units of the buffers (metres in DIR).
 *
 * <p>The data are the layer's ten {@code th_*} buffers, read from the checkpoint (DIR's file holds six such
 * layers); {@code th_betas}, {@code th_comps} and {@code th_faces} are kept for the state dict only. The
 * kinematic tree is manopth's fixed one: five chains of three joints (index, middle, pinky, ring, thumb)
 * hanging from the wrist, walked level by level as manopth walks them.
 *
 * <p>{@link #decode}: pose (B,51) = 6-D root and 45 coefficients, betas (B,10) to vertices (B,778,3) and joints
 * (B,21,3).
 */
public final class ManoPcaLayer extends TorchModule {

    /** Vertices of the MANO mesh. */
    public static final int VERTICES = 778;
    /** Triangles of the MANO mesh. */
    public static final int FACES = 1538;
    /** Pose inputs: 6-D root rotation and 45 PCA coefficients. */
    public static final int POSE = 51;
    /** Shape inputs. */
    public static final int BETAS = 10;
    private static final int JOINTS = 16;

    private final HandSide side;
    private final Parameter betas;
    private final Parameter shapedirs;
    private final Parameter posedirs;
    private final Parameter vTemplate;
    private final Parameter jRegressor;
    private final Parameter weights;
    private final Parameter faces;
    private final Parameter handsMean;
    private final Parameter comps;
    private final Parameter selectedComps;

    ManoPcaLayer(HandSide side) {
        this.side = side;
        betas = buffer("th_betas", 1, BETAS);
        shapedirs = buffer("th_shapedirs", VERTICES, 3, BETAS);
        posedirs = buffer("th_posedirs", VERTICES, 3, 135);
        vTemplate = buffer("th_v_template", 1, VERTICES, 3);
        jRegressor = buffer("th_J_regressor", JOINTS, VERTICES);
        weights = buffer("th_weights", VERTICES, JOINTS);
        faces = buffer("th_faces", FACES, 3); // int64 in the file; held as exact floats (see DirCheckpoint)
        handsMean = buffer("th_hands_mean", 1, 45);
        comps = buffer("th_comps", 45, 45);
        selectedComps = buffer("th_selected_comps", 45, 45);
    }

    private Parameter buffer(String name, long... shape) {
        return parameter(name, Parameter.Type.OTHER, 0f, false, shape);
    }

    public HandSide side() {
        return side;
    }

    /** The mesh's triangles (1538 x 3 vertex indices) as the buffer holds them. */
    public int[] faces() {
        float[] f = faces.getArray().toFloatArray();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Math.round(f[i]);
        }
        return out;
    }

    /** The PCA basis the layer applies (45 x 45, row-major; the first rows are the components used). */
    public float[] selectedComponents() {
        return selectedComps.getArray().toFloatArray();
    }

    /** The joint regressor (16 x 778), row-major. */
    public float[] jointRegressor() {
        return jRegressor.getArray().toFloatArray();
    }

    /**
     * Vertices (B,778,3) and joints (B,21,3, OpenPose order), both relative to the wrist, and the wrist (B,1,3)
     * they were moved by (the rest pose's: the root joint does not move when posed).
     */
    public NDList decode(ParameterStore store, NDArray pose, NDArray shape, boolean training) {
        NDManager m = pose.getManager();
        long b = pose.getShape().get(0);
        NDArray mean = value(store, handsMean, pose, training);
        NDArray fingers = mean.add(pose.get(":, 6:51").matMul(value(store, selectedComps, pose, training)));
        NDArray rots = quaternionRodrigues(fingers.reshape(b * 15, 3)).reshape(b, 15, 3, 3);
        NDArray poseMap = rots.sub(m.eye(3)).reshape(b, 135);
        NDArray rootRot = robustRotation(pose.get(":, 0:6"));

        NDArray vShaped = value(store, shapedirs, pose, training).matMul(shape.transpose())
            .transpose(2, 0, 1).add(value(store, vTemplate, pose, training));              // (B,778,3)
        NDArray j = value(store, jRegressor, pose, training).matMul(vShaped);                 // (B,16,3)
        NDArray vPosed = vShaped.add(value(store, posedirs, pose, training).matMul(poseMap.transpose())
            .transpose(2, 0, 1));

        NDArray rootJ = j.get(":, 0, :").reshape(b, 3, 1);
        NDArray root = homogeneous(NDArrays.concat(new NDList(rootRot, rootJ), 2));          // (B,4,4)
        NDArray parent = root.expandDims(1).repeat(1, 5).reshape(b * 5, 4, 4);
        NDList transforms = new NDList(root.expandDims(1));
        NDArray previous = rootJ.transpose(0, 2, 1);                                          // (B,1,3)
        for (int level = 0; level < 3; level++) {
            NDArray idx = indices(m, level + 1, level + 4, level + 7, level + 10, level + 13);
            NDArray rotIdx = indices(m, level, level + 3, level + 6, level + 9, level + 12);
            NDArray levelJ = j.get(new NDIndex(":, {}", idx));                                // (B,5,3)
            NDArray rel = NDArrays.concat(new NDList(rots.get(new NDIndex(":, {}", rotIdx)),
                levelJ.sub(previous).expandDims(3)), 3);                                      // (B,5,3,4)
            parent = parent.matMul(homogeneous(rel.reshape(b * 5, 3, 4)));
            transforms.add(parent.reshape(b, 5, 4, 4));
            previous = levelJ;
        }
        // manopth's order: wrist, then for each chain its three joints (levels interleaved above)
        NDArray results = NDArrays.concat(transforms, 1)
            .get(new NDIndex(":, {}", indices(m, 0, 1, 6, 11, 2, 7, 12, 3, 8, 13, 4, 9, 14, 5, 10, 15)));
        NDArray jh = NDArrays.concat(new NDList(j, m.zeros(new Shape(b, JOINTS, 1))), 2);
        NDArray moved = results.matMul(jh.expandDims(3));                                     // (B,16,4,1)
        NDArray skinning = results.sub(NDArrays.concat(new NDList(m.zeros(new Shape(b, JOINTS, 4, 3)), moved), 3))
            .transpose(0, 2, 3, 1);                                                           // (B,4,4,16)
        NDArray t = skinning.matMul(value(store, weights, pose, training).transpose());       // (B,4,4,778)
        NDArray rest = NDArrays.concat(new NDList(vPosed.transpose(0, 2, 1), m.ones(new Shape(b, 1, VERTICES))), 1);
        NDArray verts = t.mul(rest.expandDims(1)).sum(new int[] {2}).transpose(0, 2, 1).get(":, :, 0:3");
        NDArray posed = results.get(":, :, 0:3, 3");                                          // (B,16,3)
        FingertipSet tipSet = side == HandSide.LEFT ? FingertipSet.INTERHAND : FingertipSet.INTAGHAND;
        NDArray tips = verts.get(new NDIndex(":, {}", indices(m, tipSet.vertices())));
        NDArray joints = NDArrays.concat(new NDList(posed, tips), 1)
            .get(new NDIndex(":, {}", indices(m, JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16_TIPS))));
        NDArray centre = joints.get(":, 0:1, :");
        return new NDList(verts.sub(centre), joints.sub(centre), centre);
    }

    private static NDArray value(ParameterStore store, Parameter p, NDArray like, boolean training) {
        return store.getValue(p, like.getDevice(), training);
    }

    private static NDArray indices(NDManager m, int... values) {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = values[i];
        }
        return m.create(l);
    }

    private static NDArray homogeneous(NDArray m34) {
        long n = m34.getShape().get(0);
        NDArray bottom = m34.getManager().create(new float[] {0, 0, 0, 1}, new Shape(1, 1, 4)).repeat(0, n);
        return NDArrays.concat(new NDList(m34, bottom), 1);
    }

    /** manopth's {@code batch_rodrigues}: the half-angle quaternion of {@code |aa + 1e-8|}, then its matrix. */
    static NDArray quaternionRodrigues(NDArray aa) {
        NDArray angle = aa.add(1e-8f).square().sum(new int[] {1}, true).sqrt();
        NDArray half = Scalars.mul(angle, 0.5f);
        NDArray q = NDArrays.concat(new NDList(half.cos(), half.sin().mul(aa.div(angle))), 1);
        q = q.div(q.square().sum(new int[] {1}, true).sqrt());
        NDArray w = q.get(":, 0");
        NDArray x = q.get(":, 1");
        NDArray y = q.get(":, 2");
        NDArray z = q.get(":, 3");
        NDArray w2 = w.square();
        NDArray x2 = x.square();
        NDArray y2 = y.square();
        NDArray z2 = z.square();
        NDArray wx = w.mul(x);
        NDArray wy = w.mul(y);
        NDArray wz = w.mul(z);
        NDArray xy = x.mul(y);
        NDArray xz = x.mul(z);
        NDArray yz = y.mul(z);
        return NDArrays.stack(new NDList(
            w2.add(x2).sub(y2).sub(z2), Scalars.mul(xy, 2).sub(Scalars.mul(wz, 2)),
            Scalars.mul(wy, 2).add(Scalars.mul(xz, 2)),
            Scalars.mul(wz, 2).add(Scalars.mul(xy, 2)), w2.sub(x2).add(y2).sub(z2),
            Scalars.mul(yz, 2).sub(Scalars.mul(wx, 2)),
            Scalars.mul(xz, 2).sub(Scalars.mul(wy, 2)), Scalars.mul(wx, 2).add(Scalars.mul(yz, 2)),
            w2.sub(x2).sub(y2).add(z2)), 1)
            .reshape(aa.getShape().get(0), 3, 3);
    }

    /**
     * manopth's robust rotation from 6 numbers (B,6): the two directions' bisector and its orthogonal give
     * x and y symmetrically; z = x cross y; columns (x, y, z). Always a proper rotation.
     */
    static NDArray robustRotation(NDArray six) {
        NDArray a = unit(six.get(":, 0:3"));
        NDArray c = unit(six.get(":, 3:6"));
        NDArray mid = unit(a.add(c));
        NDArray orth = unit(a.sub(c));
        NDArray x = unit(mid.add(orth));
        NDArray y = unit(mid.sub(orth));
        NDArray z = unit(VectorArrays.cross(x, y));
        return NDArrays.stack(new NDList(x, y, z), 2);
    }

    private static NDArray unit(NDArray v) {
        return v.div(Scalars.maximum(v.square().sum(new int[] {1}, true).sqrt(), 1e-8f));
    }


    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return decode(store, inputs.get(0), inputs.get(1), training);
    }

    @Override
    public String toString() {
        return "ManoPcaLayer(" + side + ")";
    }
}
