package org.ambidex.nets.twohand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Architecture and input convention of a {@link TwoHandNet}; saved with the weights (checkpoint metadata) so a
 * model file says how to feed it.
 *
 * @param resnetDepth depth of the ResNet backbone (18 or 34 with basic blocks; 50 and deeper with bottlenecks)
 * @param resnetBase channels of the backbone's stem (64 in torchvision; smaller is a narrow network)
 * @param inputSize side of the square input crop, pixels (a multiple of 32)
 * @param stages refinement stages after the initial regression (0 or more)
 * @param jointChannels per-joint feature channels each refinement stage samples under the projected joints
 * @param hidden width of the hidden layers of the refinement regressors
 * @param mean per-channel mean subtracted from RGB in [0, 1] (ImageNet's by default)
 * @param std per-channel standard deviation RGB is divided by after the mean
 */
public record TwoHandConfig(int resnetDepth, int resnetBase, int inputSize, int stages, int jointChannels, int hidden,
                            double[] mean, double[] std) {

    /** ImageNet's mean, as torchvision normalises. */
    public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    /** ImageNet's standard deviation. */
    public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    /** The default network: ResNet-18 at a third of torchvision's width, 160 px input, three refinements. */
    public static final TwoHandConfig DEFAULT = new TwoHandConfig(18, 24, 160, 3, 8, 256, IMAGENET_MEAN,
        IMAGENET_STD);

    public TwoHandConfig {
        if (!List.of(18, 34, 50, 101, 152).contains(resnetDepth)) {
            throw new IllegalArgumentException("ResNet depth must be 18, 34, 50, 101 or 152, not " + resnetDepth);
        }
        if (resnetBase < 4 || resnetBase > 256) {
            throw new IllegalArgumentException("ResNet base width must be in 4..256, not " + resnetBase);
        }
        if (inputSize < 32 || inputSize > 1024 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("input size must be a multiple of 32 in 32..1024, not " + inputSize);
        }
        if (stages < 0 || stages > 8 || jointChannels < 1 || jointChannels > 256 || hidden < 8 || hidden > 4096) {
            throw new IllegalArgumentException("refinement: 0..8 stages, 1..256 joint channels, 8..4096 hidden; got "
                + stages + ", " + jointChannels + ", " + hidden);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("normalisation needs 3 means and 3 standard deviations");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("standard deviations must be positive");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Channels of the backbone's last feature map. */
    public int featureChannels() {
        return resnetBase * 8 * (resnetDepth >= 50 ? 4 : 1);
    }

    /** Side of the backbone's last feature map (stride 32). */
    public int featureSize() {
        return inputSize / 32;
    }

    /** The configuration as checkpoint metadata (plain values only). */
    public Map<String, Object> toMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", "twohand");
        m.put("resnet_depth", (long) resnetDepth);
        m.put("resnet_base", (long) resnetBase);
        m.put("input_size", (long) inputSize);
        m.put("stages", (long) stages);
        m.put("joint_channels", (long) jointChannels);
        m.put("hidden", (long) hidden);
        m.put("input_normalisation", "RGB / 255, minus mean, divided by std, per channel; CHW float32");
        m.put("mean", List.of(mean[0], mean[1], mean[2]));
        m.put("std", List.of(std[0], std[1], std[2]));
        return m;
    }

    /**
     * The configuration stored by {@link #toMetadata()}.
     *
     * @throws IllegalArgumentException when an entry is missing or of the wrong kind
     */
    public static TwoHandConfig fromMetadata(Map<?, ?> m) {
        if (!"twohand".equals(m.get("arch"))) {
            throw new IllegalArgumentException("not a twohand model (arch " + m.get("arch") + ")");
        }
        return new TwoHandConfig(integer(m, "resnet_depth"), integer(m, "resnet_base"), integer(m, "input_size"),
            integer(m, "stages"), integer(m, "joint_channels"), integer(m, "hidden"), triple(m, "mean"),
            triple(m, "std"));
    }

    private static int integer(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("model metadata lacks the integer '" + key + "'");
        }
        return Math.toIntExact(n.longValue());
    }

    private static double[] triple(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof List<?> l) || l.size() != 3) {
            throw new IllegalArgumentException("model metadata lacks the 3-value list '" + key + "'");
        }
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!(l.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("model metadata '" + key + "' holds a non-number");
            }
            d[i] = n.doubleValue();
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwoHandConfig c && c.resnetDepth == resnetDepth && c.resnetBase == resnetBase
            && c.inputSize == inputSize && c.stages == stages && c.jointChannels == jointChannels
            && c.hidden == hidden && java.util.Arrays.equals(c.mean, mean) && java.util.Arrays.equals(c.std, std);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(resnetDepth, resnetBase, inputSize, stages, jointChannels, hidden,
            java.util.Arrays.hashCode(mean), java.util.Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "twohand(resnet" + resnetDepth + " base " + resnetBase + ", " + inputSize + " px, " + stages
            + " refinement stages)";
    }
}
