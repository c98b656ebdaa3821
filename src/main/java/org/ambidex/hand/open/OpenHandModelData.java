package org.ambidex.hand.open;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;

/**
 * The arrays of an open hand model file ({@code ambidex.handmodel/1}), with MANO's key names and shapes for
 * any vertex count V (docs/HAND_MODEL.md, "File format"). All arrays are row-major (C order); lengths are
 * flat. Coordinates are metres.
 *
 * @param vTemplate {@code (V,3)} rest mesh
 * @param faces {@code (F,3)} triangles, counter-clockwise seen from outside
 * @param jRegressor {@code (16,V)} dense joint regressor, rows sum to 1
 * @param weights {@code (V,16)} skinning weights, rows sum to 1
 * @param posedirs {@code (V,3,135)} pose-corrective blend shapes over MANO's {@code R - I} features
 * @param shapedirs {@code (V,3,10)} shape blend shapes (coefficients ~ N(0,1))
 * @param handsComponents {@code (45,45)} pose PCA basis, rows are components scaled to unit-variance coefficients
 * @param handsMean {@code (45)} mean pose, axis-angle of joints 1..15
 * @param parents {@code (16)} MANO parents, -1 for the root (written as 4294967295 in {@code kintree_table})
 * @param tipVertices {@code (5)} fingertip vertices: thumb, index, middle, ring, pinky
 * @param jointAxes {@code (16,3,3)} per joint its flexion, abduction and twist unit axes as rows
 * @param jointLimits {@code (16,3,2)} per joint and axis (min, max) in radians
 * @param metaJson the {@code ambidex_meta} JSON
 */
public record OpenHandModelData(double[] vTemplate, int[] faces, double[] jRegressor, double[] weights,
                                double[] posedirs, double[] shapedirs, double[] handsComponents, double[] handsMean,
                                long[] parents, int[] tipVertices, double[] jointAxes, double[] jointLimits,
                                String metaJson) {

    /** The file format tag in {@code ambidex_meta}. */
    public static final String FORMAT = "ambidex.handmodel/1";
    /** MANO's stored parent of the root in {@code kintree_table} (uint32 -1). */
    public static final long ROOT_PARENT = 4294967295L;

    /** Number of vertices V. */
    public int vertexCount() {
        return vTemplate.length / 3;
    }

    /** Number of triangles F. */
    public int faceCount() {
        return faces.length / 3;
    }

    /** The arrays by file key, in the file's fixed order. */
    public Map<String, NdArray> toArrays() {
        int v = vertexCount();
        Map<String, NdArray> out = new LinkedHashMap<>();
        out.put("v_template", NdArray.ofDoubles(new int[] {v, 3}, vTemplate));
        out.put("f", NdArray.ofInts(new int[] {faceCount(), 3}, faces));
        out.put("J_regressor", NdArray.ofDoubles(new int[] {16, v}, jRegressor));
        out.put("weights", NdArray.ofDoubles(new int[] {v, 16}, weights));
        out.put("posedirs", NdArray.ofDoubles(new int[] {v, 3, 135}, posedirs));
        out.put("shapedirs", NdArray.ofDoubles(new int[] {v, 3, 10}, shapedirs));
        out.put("hands_components", NdArray.ofDoubles(new int[] {45, 45}, handsComponents));
        out.put("hands_mean", NdArray.ofDoubles(new int[] {45}, handsMean));
        long[] kintree = new long[32];
        for (int j = 0; j < 16; j++) {
            kintree[j] = parents[j] < 0 ? ROOT_PARENT : parents[j];
            kintree[16 + j] = j;
        }
        out.put("kintree_table", NdArray.ofLongs(new int[] {2, 16}, kintree));
        out.put("tip_vertices", NdArray.ofInts(new int[] {5}, tipVertices));
        out.put("joint_axes", NdArray.ofDoubles(new int[] {16, 3, 3}, jointAxes));
        out.put("joint_limits", NdArray.ofDoubles(new int[] {16, 3, 2}, jointLimits));
        byte[] meta = metaJson.getBytes(StandardCharsets.UTF_8);
        out.put("ambidex_meta", NdArray.wrap(DType.UINT8, new int[] {meta.length}, NdArray.Order.C, meta));
        return out;
    }

    /**
     * The model from file arrays, checking every key's presence and shape.
     *
     * @throws IllegalArgumentException naming the first missing or mis-shaped key
     */
    public static OpenHandModelData fromArrays(Map<String, NdArray> arrays) {
        NdArray template = require(arrays, "v_template", 2);
        int v = template.dim(0);
        expect(template, "v_template", v, 3);
        NdArray f = require(arrays, "f", 2);
        expect(f, "f", f.dim(0), 3);
        NdArray kintree = require(arrays, "kintree_table", 2);
        expect(kintree, "kintree_table", 2, 16);
        long[] kt = kintree.toLongArray();
        long[] parents = new long[16];
        for (int j = 0; j < 16; j++) {
            parents[j] = kt[j] == ROOT_PARENT || kt[j] < 0 ? -1 : kt[j];
        }
        NdArray meta = require(arrays, "ambidex_meta", 1);
        return new OpenHandModelData(template.toDoubleArray(), f.toIntArray(),
            expect(require(arrays, "J_regressor", 2), "J_regressor", 16, v).toDoubleArray(),
            expect(require(arrays, "weights", 2), "weights", v, 16).toDoubleArray(),
            expect(require(arrays, "posedirs", 3), "posedirs", v, 3, 135).toDoubleArray(),
            expect(require(arrays, "shapedirs", 3), "shapedirs", v, 3, 10).toDoubleArray(),
            expect(require(arrays, "hands_components", 2), "hands_components", 45, 45).toDoubleArray(),
            expect(require(arrays, "hands_mean", 1), "hands_mean", 45).toDoubleArray(),
            parents,
            expect(require(arrays, "tip_vertices", 1), "tip_vertices", 5).toIntArray(),
            expect(require(arrays, "joint_axes", 3), "joint_axes", 16, 3, 3).toDoubleArray(),
            expect(require(arrays, "joint_limits", 3), "joint_limits", 16, 3, 2).toDoubleArray(),
            new String(meta.bytes(), StandardCharsets.UTF_8));
    }

    private static NdArray require(Map<String, NdArray> arrays, String key, int ndim) {
        NdArray a = arrays.get(key);
        if (a == null) {
            throw new IllegalArgumentException("missing array '" + key + "'");
        }
        if (a.ndim() != ndim) {
            throw new IllegalArgumentException("array '" + key + "' has " + a.ndim() + " dimensions, expected " + ndim);
        }
        return a;
    }

    private static NdArray expect(NdArray a, String key, int... shape) {
        if (!java.util.Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("array '" + key + "' has shape " + java.util.Arrays.toString(a.shape())
                + ", expected " + java.util.Arrays.toString(shape));
        }
        return a;
    }

    /**
     * The mirror image of this model across the plane x = 0 (a right model becomes a left one): x is negated
     * in the template and the shape directions, faces are rewound, pose blend shapes follow the mirrored
     * rotations {@code M R M} with {@code M = diag(-1, 1, 1)}, and axis-angle vectors and joint axes (which
     * are pseudo-vectors) become {@code (x, -y, -z)}, so a pose parameter means the same anatomical motion
     * on both hands. Limits are unchanged.
     */
    public OpenHandModelData mirrored(String metaJsonOfMirror) {
        int v = vertexCount();
        double[] template = vTemplate.clone();
        for (int i = 0; i < v; i++) {
            template[3 * i] = -template[3 * i];
        }
        int[] rewound = faces.clone();
        for (int t = 0; t < faceCount(); t++) {
            rewound[3 * t + 1] = faces[3 * t + 2];
            rewound[3 * t + 2] = faces[3 * t + 1];
        }
        double[] shape = shapedirs.clone();
        for (int i = 0; i < v; i++) {
            for (int l = 0; l < 10; l++) {
                shape[(3 * i) * 10 + l] = -shape[(3 * i) * 10 + l];
            }
        }
        // p(R) = m_r m_s p(M R M) element-wise, and the output coordinate c flips with m_c.
        double[] pose = posedirs.clone();
        for (int i = 0; i < v; i++) {
            for (int c = 0; c < 3; c++) {
                for (int q = 0; q < 135; q++) {
                    int r = (q % 9) / 3;
                    int s = q % 3;
                    double sign = sign(c) * sign(r) * sign(s);
                    pose[(3 * i + c) * 135 + q] *= sign;
                }
            }
        }
        double[] components = handsComponents.clone();
        for (int row = 0; row < 45; row++) {
            for (int k = 0; k < 45; k++) {
                components[row * 45 + k] *= pseudoSign(k % 3);
            }
        }
        double[] mean = handsMean.clone();
        for (int k = 0; k < 45; k++) {
            mean[k] *= pseudoSign(k % 3);
        }
        double[] axes = jointAxes.clone();
        for (int k = 0; k < axes.length; k++) {
            axes[k] *= pseudoSign(k % 3);
        }
        return new OpenHandModelData(template, rewound, jRegressor.clone(), weights.clone(), pose, shape, components,
            mean, parents.clone(), tipVertices.clone(), axes, jointLimits.clone(), metaJsonOfMirror);
    }

    private static double sign(int coordinate) {
        return coordinate == 0 ? -1 : 1;
    }

    /** Mirror sign of a pseudo-vector's component: {@code -M} keeps x and flips y and z. */
    private static double pseudoSign(int coordinate) {
        return coordinate == 0 ? 1 : -1;
    }
}
