package org.ambidex.nets.zhang;

import org.ambidex.hand.JointOrder;

/**
 * The two published versions of Zhang et al.'s network, which differ only in small, listed ways (SEED_PORTS.md 1.1).
 */
public enum ZhangVariant {
    /**
     * iscas3dv/Two-Hand-Shape-Pose_v2 ({@code snapshot_99.pth.tar}, InterHand2.6M v1.0): BatchNorm in the mesh
     * ResNet's stem and shortcuts, ImageNet-normalised mesh input, smplx MANO (16 joints then the tips, not centred).
     */
    V2(JointOrder.MANO16_TIPS),
    /**
     * BaowenZ/Two-Hand-Shape-Pose ({@code model.pts}, InterHand2.6M v0): no BatchNorm in the mesh ResNet (single
     * convolution shortcuts, an unused {@code fc}), mesh input {@code RGB / 255 - 0.5}, manopth MANO (OpenPose order,
     * centred on the middle MCP, the left hand's middle tip at vertex 445).
     */
    V1(JointOrder.OPENPOSE);

    private final JointOrder jointOrder;

    ZhangVariant(JointOrder jointOrder) {
        this.jointOrder = jointOrder;
    }

    /** The order of each hand's 21 joints in the network's output. */
    public JointOrder jointOrder() {
        return jointOrder;
    }
}
