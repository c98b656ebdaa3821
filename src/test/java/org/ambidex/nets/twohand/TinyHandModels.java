package org.ambidex.nets.twohand;

import java.util.Random;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;

/**
 * Small hand models with MANO's kinematic tree for fast network tests: a few vertices placed along the fingers,
 * random blend shapes, zero hand mean and identity PCA basis (PCA coefficients equal axis-angles), so expected
 * values can be worked out by hand.
 */
public final class TinyHandModels {

    private static final int[] PARENTS = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};

    private TinyHandModels() {
    }

    /** A model of {@code side} with {@code 16 * perJoint + 5} vertices. */
    public static HandModel of(HandSide side, long seed) {
        Random r = new Random(seed);
        int perJoint = 2;
        int vertices = 16 * perJoint + 5;
        double[] template = new double[vertices * 3];
        double[] regressor = new double[16 * vertices];
        double[] weights = new double[vertices * 16];
        double sign = side == HandSide.RIGHT ? 1 : -1;
        for (int j = 0; j < 16; j++) {
            // Joints fanned out along the fingers, 2 cm apart, in metres.
            int finger = j == 0 ? 0 : (j - 1) / 3 + 1;
            int level = j == 0 ? 0 : (j - 1) % 3 + 1;
            double x = sign * (0.02 * finger - 0.05);
            double y = -0.025 * level;
            for (int k = 0; k < perJoint; k++) {
                int v = j * perJoint + k;
                template[3 * v] = x + 0.004 * r.nextGaussian();
                template[3 * v + 1] = y + 0.004 * r.nextGaussian();
                template[3 * v + 2] = 0.004 * r.nextGaussian();
                regressor[j * vertices + v] = 1.0 / perJoint;
                weights[v * 16 + j] = 1;
            }
        }
        for (int t = 0; t < 5; t++) {
            int v = 16 * perJoint + t;
            template[3 * v] = sign * (0.02 * (t + 1) - 0.05);
            template[3 * v + 1] = -0.1;
            weights[v * 16 + 3 * t + 3] = 1;
        }
        double[] shapedirs = new double[vertices * 3 * 10];
        for (int i = 0; i < shapedirs.length; i++) {
            shapedirs[i] = 0.002 * r.nextGaussian();
        }
        double[] posedirs = new double[vertices * 3 * 135];
        for (int i = 0; i < posedirs.length; i++) {
            posedirs[i] = 0.0005 * r.nextGaussian();
        }
        double[] components = new double[45 * 45];
        for (int i = 0; i < 45; i++) {
            components[i * 45 + i] = 1;
        }
        int faces = vertices - 2;
        int[] f = new int[faces * 3];
        for (int i = 0; i < faces; i++) {
            f[3 * i] = i;
            f[3 * i + 1] = i + 1;
            f[3 * i + 2] = i + 2;
        }
        int tip0 = 16 * perJoint;
        return HandModel.builder("tiny-" + side.name().toLowerCase(), side)
            .vTemplate(NdArray.ofDoubles(new int[] {vertices, 3}, template))
            .faces(NdArray.ofInts(new int[] {faces, 3}, f))
            .jRegressor(NdArray.ofDoubles(new int[] {16, vertices}, regressor))
            .weights(NdArray.ofDoubles(new int[] {vertices, 16}, weights))
            .posedirs(NdArray.ofDoubles(new int[] {vertices, 3, 135}, posedirs))
            .shapedirs(NdArray.ofDoubles(new int[] {vertices, 3, 10}, shapedirs))
            .handsComponents(NdArray.ofDoubles(new int[] {45, 45}, components))
            .handsMean(NdArray.ofDoubles(new int[] {45}, new double[45]))
            .parents(PARENTS)
            // thumb, index, middle, ring, pinky tips: MANO chains are index 1-3, middle 4-6, pinky 7-9, ring 10-12,
            // thumb 13-15; the tip vertex t sits after chain t.
            .tipVertices(new int[] {tip0 + 4, tip0, tip0 + 1, tip0 + 3, tip0 + 2})
            .build();
    }
}
