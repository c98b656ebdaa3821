package org.ambidex.data.crop;

/**
 * InterNet's training targets in output space ({@code transform_input_to_output_space}, SEED_SPEC A.9): joint
 * {@code (x, y)} in 64 x 64 heatmap cells, root-relative depth in 64 bins over [-200, 200) mm, and the relative
 * root depth in 64 bins over the same range.
 *
 * @param jointCoord 42 x 3 in heatmap units
 * @param jointValid 42 flags, cleared for depths outside [0, 64)
 * @param relRootDepth relative root depth in bins
 * @param rootValid cleared when the relative root depth falls outside [0, 64)
 */
public record InterNetTargets(double[] jointCoord, boolean[] jointValid, double relRootDepth, boolean rootValid) {

    /** Heatmap side (width, height and depth bins). */
    public static final int HEATMAP_SIZE = 64;
    /** Depth range of the joint heatmaps, metres ({@code bbox_3d_size}). */
    public static final double BBOX_3D_SIZE = 0.4;
    /** Depth range of the root-depth bins, metres ({@code bbox_3d_size_root}). */
    public static final double BBOX_3D_SIZE_ROOT = 0.4;

    public InterNetTargets {
        jointCoord = jointCoord.clone();
        jointValid = jointValid.clone();
    }

    @Override
    public double[] jointCoord() {
        return jointCoord.clone();
    }

    @Override
    public boolean[] jointValid() {
        return jointValid.clone();
    }

    /** The input-space form of {@code input} moved to output space. */
    public static InterNetTargets of(InterNetInput input) {
        double[] c = input.jointCoord();
        boolean[] valid = input.jointValid();
        double[] out = new double[c.length];
        for (int j = 0; j < 42; j++) {
            int root = j < 21 ? 20 : 41;
            out[3 * j] = c[3 * j] / InterNetCrop.INPUT_SIZE * HEATMAP_SIZE;
            out[3 * j + 1] = c[3 * j + 1] / InterNetCrop.INPUT_SIZE * HEATMAP_SIZE;
            double rel = c[3 * j + 2] - c[3 * root + 2];
            out[3 * j + 2] = depthToBins(rel, BBOX_3D_SIZE);
            valid[j] = valid[j] && out[3 * j + 2] >= 0 && out[3 * j + 2] < HEATMAP_SIZE;
        }
        double root = depthToBins(input.relRootDepth(), BBOX_3D_SIZE_ROOT);
        boolean rootValid = input.rootValid() && root >= 0 && root < HEATMAP_SIZE;
        return new InterNetTargets(out, valid, root, rootValid);
    }

    /** {@code (z / (size/2) + 1) / 2 * 64}. */
    public static double depthToBins(double z, double size) {
        return (z / (size / 2) + 1) / 2.0 * HEATMAP_SIZE;
    }

    /** The inverse of {@link #depthToBins}: {@code (bins / 64 * 2 - 1) * size/2}, metres. */
    public static double binsToDepth(double bins, double size) {
        return (bins / HEATMAP_SIZE * 2 - 1) * (size / 2);
    }
}
