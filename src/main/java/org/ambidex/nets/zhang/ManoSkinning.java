package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * MANO's linear blend skinning on DJL arrays (SEED_SPEC D.2; smplx's {@code lbs}, which manopth computes the same
 * way with a quaternion Rodrigues), batched and differentiable.
 */
final class ManoSkinning {

    static final int VERTICES = 778;
    static final int JOINTS = 16;
    /** What smplx and manopth add to each axis-angle vector before taking its norm. */
    private static final float RODRIGUES_EPS = 1e-8f;

    private ManoSkinning() {
    }

    /**
     * @param pose {@code (B, 48)} full pose: global then 15 axis-angles, the hand mean already added
     * @param betas {@code (B, 10)}
     * @param shapedirs {@code (2334, 10)} (vertex-major, coordinate-minor rows)
     * @param template {@code (778, 3)} (or {@code (1, 778, 3)})
     * @param regressor {@code (16, 778)}
     * @param posedirs {@code (135, 2334)}
     * @param weights {@code (778, 16)}
     * @param parents the kinematic tree, {@code parents[k] < k}
     * @return vertices {@code (B, 778, 3)} and the 16 posed joints {@code (B, 16, 3)}, the model's units
     */
    static NDList skin(NDArray pose, NDArray betas, NDArray shapedirs, NDArray template, NDArray regressor,
                       NDArray posedirs, NDArray weights, long[] parents) {
        long b = pose.getShape().get(0);
        NDManager m = pose.getManager();
        NDArray shaped = betas.matMul(shapedirs.transpose()).reshape(b, VERTICES, 3)
            .add(template.reshape(1, VERTICES, 3));
        NDArray rest = regressor.matMul(shaped); // (B,16,3)
        NDArray rot = rodrigues(pose.reshape(b * JOINTS, 3), m).reshape(b, JOINTS, 3, 3);
        NDArray feature = rot.get(":, 1:, :, :").sub(m.eye(3)).reshape(b, 9 * (JOINTS - 1));
        NDArray posed = shaped.add(feature.matMul(posedirs).reshape(b, VERTICES, 3));
        NDArray[] worldR = new NDArray[JOINTS];
        NDArray[] worldT = new NDArray[JOINTS];
        for (int k = 0; k < JOINTS; k++) {
            NDArray r = rot.get(":, " + k + ", :, :");
            NDArray j = rest.get(":, " + k + ", :");
            if (k == 0) {
                worldR[k] = r;
                worldT[k] = j;
            } else {
                int p = (int) parents[k];
                NDArray local = j.sub(rest.get(":, " + p + ", :")).expandDims(2);
                worldR[k] = worldR[p].matMul(r);
                worldT[k] = worldR[p].matMul(local).squeeze(2).add(worldT[p]);
            }
        }
        NDArray joints = NDArrays.stack(new NDList(worldT), 1); // (B,16,3)
        NDArray rotations = NDArrays.stack(new NDList(worldR), 1); // (B,16,3,3)
        NDArray skinT = joints.sub(rotations.matMul(rest.expandDims(3)).squeeze(3));
        NDArray a = rotations.concat(skinT.expandDims(3), 3).reshape(b, JOINTS, 12);
        NDArray t = weights.matMul(a).reshape(b, VERTICES, 3, 4);
        NDArray verts = t.get(":, :, :, :3").matMul(posed.expandDims(3)).squeeze(3).add(t.get(":, :, :, 3"));
        return new NDList(verts, joints);
    }

    /** Axis-angle vectors {@code (N, 3)} to rotation matrices {@code (N, 3, 3)}, as smplx's batch_rodrigues. */
    static NDArray rodrigues(NDArray v, NDManager m) {
        NDArray angle = v.add(RODRIGUES_EPS).square().sum(new int[] {1}, true).sqrt(); // (N,1)
        NDArray axis = v.div(angle);
        NDArray x = axis.get(":, 0:1");
        NDArray y = axis.get(":, 1:2");
        NDArray z = axis.get(":, 2:3");
        NDArray o = x.zerosLike();
        NDArray k = NDArrays.concat(new NDList(o, z.neg(), y, z, o, x.neg(), y.neg(), x, o), 1).reshape(-1, 3, 3);
        long n = v.getShape().get(0);
        NDArray sin = angle.sin().reshape(n, 1, 1);
        NDArray cos = angle.cos().reshape(n, 1, 1);
        return m.eye(3).expandDims(0).add(sin.mul(k)).add(cos.neg().add(1f).mul(k.matMul(k)));
    }

    /**
     * Why a kinematic tree cannot be walked in order (the root's parent not -1, or a parent not before its child),
     * or {@code null} when it can.
     */
    static String treeFault(long[] parents) {
        if (parents[0] != -1) {
            return "parents[0] is " + parents[0] + ", expected -1";
        }
        for (int k = 1; k < parents.length; k++) {
            if (parents[k] < 0 || parents[k] >= k) {
                return "parents[" + k + "] is " + parents[k] + ", expected 0 to " + (k - 1);
            }
        }
        return null;
    }
}
