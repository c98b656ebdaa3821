package org.ambidex.nets.s2hand;

import java.util.Arrays;

/**
 * The heat-map branch's output for one crop ({@link S2HandHeatmapNet}).
 *
 * @param maps the heat maps, stages x 21 x 64 x 64 packed, first stage first (raw network output; a map cell
 *     covers 4 x 4 pixels of the 256-pixel padded crop)
 * @param joints the integral joints, stages x 21 x 2 packed (x, y), crop pixels, OpenPose/FreiHAND order
 */
public record S2HandHeatmaps(float[] maps, double[] joints) {

    public S2HandHeatmaps {
        int stages = S2HandHeatmapNet.STAGES;
        int side = S2HandHeatmapNet.MAP_SIZE;
        if (maps.length != stages * S2HandHeatmapNet.JOINTS * side * side
            || joints.length != stages * S2HandHeatmapNet.JOINTS * 2) {
            throw new IllegalArgumentException("expected " + stages + " stages of 21 maps of " + side + " x " + side
                + " and 21 joints");
        }
        maps = maps.clone();
        joints = joints.clone();
    }

    /** The last stage's joints (21 x 2 packed, pixels): the ones the reference's consistency term uses. */
    public double[] lastJoints() {
        int n = S2HandHeatmapNet.JOINTS * 2;
        return Arrays.copyOfRange(joints, joints.length - n, joints.length);
    }

    @Override
    public float[] maps() {
        return maps.clone();
    }

    @Override
    public double[] joints() {
        return joints.clone();
    }
}
