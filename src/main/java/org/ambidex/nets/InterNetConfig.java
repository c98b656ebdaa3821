package org.ambidex.nets;

import java.util.Map;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;

/**
 * The shape of an InterNet (SEED_SPEC B.1-B.2). {@link #DEFAULT} is the published network (ResNet-50, 21 joints per
 * hand, 64 depth bins, 256-channel deconvolutions, 512-unit heads); smaller ones keep the structure and names and
 * serve tests.
 *
 * @param resnetDepth 18, 34, 50, 101 or 152
 * @param resnetBase torchvision's stem width (64)
 * @param jointsPerHand joints per hand (21)
 * @param depthBins depth bins of the joint heatmaps (64)
 * @param deconvChannels channels of the deconvolution heads (256)
 * @param hiddenUnits hidden units of the root-depth and hand-type heads (512)
 * @param rootBins bins of the relative root depth (64)
 */
public record InterNetConfig(int resnetDepth, int resnetBase, int jointsPerHand, int depthBins, int deconvChannels,
                             int hiddenUnits, int rootBins) {

    /** The published InterNet. */
    public static final InterNetConfig DEFAULT = new InterNetConfig(50, 64, 21, 64, 256, 512, 64);

    /** Input side, pixels. */
    public static final int INPUT_SIZE = 256;

    public InterNetConfig {
        if (jointsPerHand < 1 || depthBins < 1 || deconvChannels < 1 || hiddenUnits < 1 || rootBins < 1
            || resnetBase < 1) {
            throw new IllegalArgumentException("non-positive size in " + this);
        }
    }

    /**
     * The configuration a state dict (names without {@code module.}) was saved from, read off its tensor shapes;
     * {@link #DEFAULT} when it does not look like an InterNet at all, so that loading then reports what differs.
     */
    public static InterNetConfig infer(StateDict weights) {
        Map<String, NdArray> t = weights.tensors();
        String r = "backbone_net.resnet.";
        NdArray stem = t.get(r + "conv1.weight");
        NdArray conv = t.get("pose_net.joint_conv_1.0.weight");
        NdArray deconv = t.get("pose_net.joint_deconv_1.0.weight");
        NdArray root0 = t.get("pose_net.root_fc.0.weight");
        NdArray root2 = t.get("pose_net.root_fc.2.weight");
        if (stem == null || conv == null || deconv == null || root0 == null || root2 == null || stem.ndim() != 4
            || conv.ndim() != 4 || deconv.ndim() != 4 || root0.ndim() != 2 || root2.ndim() != 2) {
            return DEFAULT;
        }
        int blocks3 = 0;
        while (t.containsKey(r + "layer3." + blocks3 + ".conv1.weight")) {
            blocks3++;
        }
        boolean bottleneck = t.containsKey(r + "layer1.0.conv3.weight");
        int depth = switch (blocks3) {
            case 2 -> 18;
            case 6 -> bottleneck ? 50 : 34;
            case 23 -> 101;
            case 36 -> 152;
            default -> -1;
        };
        int outputs = conv.dim(0);
        int joints = DEFAULT.jointsPerHand();
        if (depth < 0 || outputs % joints != 0) {
            return DEFAULT;
        }
        return new InterNetConfig(depth, stem.dim(0), joints, outputs / joints, deconv.dim(1), root0.dim(0),
            root2.dim(0));
    }

    /** A short description: {@code InterNet (ResNet-50)}, with the sizes when they are not the published ones. */
    public String describe() {
        String s = "InterNet (ResNet-" + resnetDepth + ")";
        return this.equals(new InterNetConfig(resnetDepth, 64, 21, 64, 256, 512, 64)) ? s : s + " " + this;
    }

    /** Heatmap height and width for a 256 x 256 input: the 8 x 8 feature map after three 2x deconvolutions. */
    public int heatmapSize() {
        return INPUT_SIZE / 32 * 8;
    }
}
