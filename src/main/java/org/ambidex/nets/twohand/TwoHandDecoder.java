package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.tensor.Scalars;

/**
 * Turns predicted {@link HandVector}s into meshes and joints with the hand layer of each side (index 0 right,
 * 1 left). Differentiable: gradients flow from joints, vertices and projections back to the vectors.
 * Keypoints use the {@link FingertipSet#INTAGHAND} tips in OpenPose order.
 */
public final class TwoHandDecoder implements AutoCloseable {

    private final HandLayer[] layers;

    /** Layers for {@code right} and {@code left} in float32 on the device of {@code manager}. */
    public TwoHandDecoder(HandModel right, HandModel left, NDManager manager) {
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(left, "left");
        if (right.side() != HandSide.RIGHT || left.side() != HandSide.LEFT) {
            throw new IllegalArgumentException("need a right and a left hand model, got " + right.side() + " and "
                + left.side());
        }
        this.layers = new HandLayer[] {new HandLayer(right, manager, DataType.FLOAT32),
            new HandLayer(left, manager, DataType.FLOAT32)};
    }

    /** The hand layer of {@code hand} (0 right, 1 left). */
    public HandLayer layer(int hand) {
        return layers[hand];
    }

    /** Decodes vectors (B,64) of hand {@code hand}. */
    public DecodedHand decode(int hand, NDArray vector) {
        NDArray rot6d = vector.get(":, " + HandVector.ROT6D + ":" + (HandVector.ROT6D + 6));
        NDArray pose = vector.get(":, " + HandVector.POSE + ":" + (HandVector.POSE + HandVector.POSE_SIZE));
        NDArray betas = vector.get(":, " + HandVector.BETAS + ":" + (HandVector.BETAS + HandVector.BETAS_SIZE));
        NDArray logScale = vector.get(":, " + HandVector.CAMERA + ":" + (HandVector.CAMERA + 1));
        NDArray rootUv = vector.get(":, " + (HandVector.CAMERA + 1) + ":" + (HandVector.CAMERA + 3));
        HandParams params = new HandParams(betas, rot6d, pose, HandPoseKind.PCA, null, false);
        HandOutput out = layers[hand].forward(params, FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
        NDArray root = out.keypoints().get(":, 0:1, :");
        NDArray joints = out.keypoints().sub(root);
        NDArray vertices = out.vertices().sub(root);
        NDArray scale = Scalars.mul(logScale.exp(), (float) HandVector.SCALE_PRIOR);
        NDArray uv = joints.get(":, :, 0:2").mul(scale.expandDims(1)).add(rootUv.expandDims(1));
        return new DecodedHand(joints, vertices, uv, out.localRotations().get(":, 0, :, :"), scale, rootUv,
            root.reshape(root.getShape().get(0), 3));
    }

    @Override
    public void close() {
        for (HandLayer l : layers) {
            l.close();
        }
    }
}
