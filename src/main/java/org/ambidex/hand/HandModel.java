package org.ambidex.hand;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ambidex.geom.SquareMatrix;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;

/**
 * Immutable data of a MANO-compatible hand model: everything the linear-blend-skinning forward pass needs.
 * Any vertex count V is allowed (MANO has 778); the kinematic tree always has {@value #JOINTS} joints in MANO
 * order (see {@link JointOrder#MANO16}).
 *
 * <p>Arrays (all C order; lengths in metres):
 * <ul>
 *   <li>{@code v_template} (V,3) float64: rest mesh;
 *   <li>{@code f} (F,3) int32: triangles, vertex indices;
 *   <li>{@code J_regressor} (16,V) float64: rest joints from vertices;
 *   <li>{@code weights} (V,16) float64: skinning weights;
 *   <li>{@code posedirs} (V,3,135) float64: pose-corrective blend shapes over the features
 *       {@code R_k - I} of joints 1..15, row-major;
 *   <li>{@code shapedirs} (V,3,S) float64, S &ge; 1 (MANO: 10): shape blend shapes;
 *   <li>{@code hands_components} (45,45) float64: PCA basis, one component per row (rows need not be unit
 *       vectors); {@code hands_mean} (45,) float64: mean finger pose (axis-angle of joints 1..15);
 *   <li>parents (16): parent joint of each joint, -1 for the root.
 * </ul>
 * Optional: the model's own fingertip vertices (thumb..pinky), a JSON metadata string, and any other named
 * arrays of the source file ({@link #extras()}), kept untouched.
 *
 * <p>Instances come from {@link HandModelLoader} or from {@link Builder}; every array is validated once when
 * the model is built.
 */
public final class HandModel {

    /** Joints of the kinematic tree. */
    public static final int JOINTS = 16;
    /** Axis-angle values of the 15 finger joints. */
    public static final int HAND_POSE_SIZE = 45;
    /** Pose-blend features: 9 per non-root joint. */
    public static final int POSE_FEATURES = 135;

    private final String name;
    private final HandSide side;
    private final String source;
    private final NdArray vTemplate;
    private final NdArray faces;
    private final NdArray jRegressor;
    private final NdArray weights;
    private final NdArray posedirs;
    private final NdArray shapedirs;
    private final NdArray handsComponents;
    private final NdArray handsMean;
    private final int[] parents;
    private final int[] tipVertices;
    private final String metadataJson;
    private final Map<String, NdArray> extras;
    private final boolean leftShapedirsFixed;
    private volatile double[] componentsInverse;

    private HandModel(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.side = Objects.requireNonNull(b.side, "side");
        this.source = b.source == null ? name : b.source;
        this.vTemplate = floats(require(b.vTemplate, "v_template"));
        int v = vTemplate.ndim() == 2 ? vTemplate.dim(0) : -1;
        checkShape(vTemplate, "v_template", v, 3);
        if (v < 1) {
            throw new IllegalArgumentException("v_template must have shape (V,3) with V >= 1, got "
                + Arrays.toString(vTemplate.shape()));
        }
        this.faces = ints(require(b.faces, "f"));
        if (faces.ndim() != 2 || faces.dim(1) != 3) {
            throw new IllegalArgumentException("f must have shape (F,3), got " + Arrays.toString(faces.shape()));
        }
        for (int i : faces.toIntArray()) {
            if (i < 0 || i >= v) {
                throw new IllegalArgumentException("f holds vertex index " + i + " outside 0.." + (v - 1));
            }
        }
        this.jRegressor = floats(require(b.jRegressor, "J_regressor"));
        checkShape(jRegressor, "J_regressor", JOINTS, v);
        this.weights = floats(require(b.weights, "weights"));
        checkShape(weights, "weights", v, JOINTS);
        this.posedirs = floats(require(b.posedirs, "posedirs"));
        checkShape(posedirs, "posedirs", v, 3, POSE_FEATURES);
        this.shapedirs = floats(require(b.shapedirs, "shapedirs"));
        if (shapedirs.ndim() != 3 || shapedirs.dim(0) != v || shapedirs.dim(1) != 3 || shapedirs.dim(2) < 1) {
            throw new IllegalArgumentException("shapedirs must have shape (" + v + ",3,S), got "
                + Arrays.toString(shapedirs.shape()));
        }
        this.handsComponents = floats(require(b.handsComponents, "hands_components"));
        checkShape(handsComponents, "hands_components", HAND_POSE_SIZE, HAND_POSE_SIZE);
        this.handsMean = floats(require(b.handsMean, "hands_mean")).reshape(HAND_POSE_SIZE);
        this.parents = require(b.parents, "kintree_table").clone();
        checkParents(parents);
        if (b.tipVertices != null) {
            if (b.tipVertices.length != 5) {
                throw new IllegalArgumentException("tip_vertices must hold 5 indices (thumb..pinky), got "
                    + b.tipVertices.length);
            }
            for (int t : b.tipVertices) {
                if (t < 0 || t >= v) {
                    throw new IllegalArgumentException("tip_vertices holds " + t + " outside 0.." + (v - 1));
                }
            }
            this.tipVertices = b.tipVertices.clone();
        } else {
            if (v != FingertipSet.MANO_VERTEX_COUNT) {
                throw new IllegalArgumentException("a model with " + v + " vertices (not the "
                    + FingertipSet.MANO_VERTEX_COUNT + " of MANO) must declare its tip_vertices");
            }
            this.tipVertices = null;
        }
        this.metadataJson = b.metadataJson;
        this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
        this.leftShapedirsFixed = b.leftShapedirsFixed;
        checkFinite(vTemplate, "v_template");
        checkFinite(jRegressor, "J_regressor");
        checkFinite(weights, "weights");
        checkFinite(posedirs, "posedirs");
        checkFinite(shapedirs, "shapedirs");
        checkFinite(handsComponents, "hands_components");
        checkFinite(handsMean, "hands_mean");
    }

    /** A builder for a model named {@code name} of hand {@code side}. */
    public static Builder builder(String name, HandSide side) {
        return new Builder(name, side);
    }

    /** A builder holding this model's data, to derive a changed model. */
    public Builder toBuilder() {
        Builder b = new Builder(name, side);
        b.source = source;
        b.vTemplate = vTemplate;
        b.faces = faces;
        b.jRegressor = jRegressor;
        b.weights = weights;
        b.posedirs = posedirs;
        b.shapedirs = shapedirs;
        b.handsComponents = handsComponents;
        b.handsMean = handsMean;
        b.parents = parents;
        b.tipVertices = tipVertices;
        b.metadataJson = metadataJson;
        b.extras.putAll(extras);
        b.leftShapedirsFixed = leftShapedirsFixed;
        return b;
    }

    /** Short name ({@code mano}, {@code open}, a file stem). */
    public String name() {
        return name;
    }

    public HandSide side() {
        return side;
    }

    /** Where the model came from (a file path or resource name), for provenance. */
    public String source() {
        return source;
    }

    /** Number of mesh vertices V. */
    public int vertexCount() {
        return vTemplate.dim(0);
    }

    /** Number of triangles F. */
    public int faceCount() {
        return faces.dim(0);
    }

    /** Number of shape blend shapes S (betas the model accepts). */
    public int shapeCount() {
        return shapedirs.dim(2);
    }

    /** Rest mesh (V,3) float64, metres. */
    public NdArray vTemplate() {
        return vTemplate;
    }

    /** Triangles (F,3) int32. */
    public NdArray faces() {
        return faces;
    }

    /** Joint regressor (16,V) float64. */
    public NdArray jRegressor() {
        return jRegressor;
    }

    /** Skinning weights (V,16) float64. */
    public NdArray weights() {
        return weights;
    }

    /** Pose blend shapes (V,3,135) float64. */
    public NdArray posedirs() {
        return posedirs;
    }

    /** Shape blend shapes (V,3,S) float64. */
    public NdArray shapedirs() {
        return shapedirs;
    }

    /** PCA basis (45,45) float64, one component per row. */
    public NdArray handsComponents() {
        return handsComponents;
    }

    /** Mean finger pose (45,) float64, axis-angle of joints 1..15. */
    public NdArray handsMean() {
        return handsMean;
    }

    /** Parent of each of the 16 joints, -1 for the root (a copy). */
    public int[] parents() {
        return parents.clone();
    }

    /** The model's own tip vertices (thumb..pinky), if it declares them. */
    public Optional<int[]> ownTipVertices() {
        return Optional.ofNullable(tipVertices).map(int[]::clone);
    }

    /**
     * The five fingertip vertices (thumb, index, middle, ring, pinky) for {@code set}: the model's own tips when
     * it declares them (they then serve every set), otherwise the set's MANO vertex indices.
     */
    public int[] tipVertices(FingertipSet set) {
        return tipVertices != null ? tipVertices.clone() : set.vertices();
    }

    /** The model's JSON metadata (the open model's {@code ambidex_meta}), if any. */
    public Optional<String> metadataJson() {
        return Optional.ofNullable(metadataJson);
    }

    /** Arrays of the source file that the forward pass does not use (e.g. {@code joint_axes}), by name. */
    public Map<String, NdArray> extras() {
        return extras;
    }

    /** Whether the loader negated the x-component of the shapedirs (left-hand defect, SEED_SPEC.md D.5). */
    public boolean leftShapedirsFixed() {
        return leftShapedirsFixed;
    }

    /**
     * This model with the x-component of every shape direction negated ({@code shapedirs[:,0,:] *= -1}), the fix
     * for the official left MANO file (SEED_SPEC.md D.5); {@link #leftShapedirsFixed()} becomes true.
     */
    public HandModel withShapedirsXNegated() {
        double[] sd = shapedirs.toDoubleArray();
        int s = shapeCount();
        for (int vtx = 0; vtx < vertexCount(); vtx++) {
            for (int l = 0; l < s; l++) {
                sd[vtx * 3 * s + l] = -sd[vtx * 3 * s + l];
            }
        }
        Builder b = toBuilder();
        b.shapedirs = NdArray.ofDoubles(shapedirs.shape(), sd);
        b.leftShapedirsFixed = true;
        return b.build();
    }

    /**
     * Finger pose (45 axis-angle values, joints 1..15) of PCA coefficients:
     * {@code coeffs @ hands_components[:n] (+ hands_mean unless flatHandMean)}, n = {@code coeffs.length}
     * &le; 45.
     */
    public double[] pcaToAxisAngle(double[] coeffs, boolean flatHandMean) {
        if (coeffs.length > HAND_POSE_SIZE) {
            throw new IllegalArgumentException("at most 45 PCA coefficients, got " + coeffs.length);
        }
        double[] c = Arrays.copyOf(coeffs, HAND_POSE_SIZE);
        double[] pose = SquareMatrix.rowTimes(c, handsComponents.toDoubleArray(), HAND_POSE_SIZE);
        if (!flatHandMean) {
            for (int i = 0; i < HAND_POSE_SIZE; i++) {
                pose[i] += handsMean.getDouble(i);
            }
        }
        return pose;
    }

    /**
     * The 45 PCA coefficients of a full finger pose (45 axis-angle values, hand mean included), the exact inverse of
     * {@link #pcaToAxisAngle}: {@code (pose - hands_mean unless flat) @ inverse(hands_components)}. The
     * components are not unit vectors, so this uses a real matrix inverse, not the transpose.
     */
    public double[] axisAngleToPca(double[] handPose, boolean flatHandMean) {
        if (handPose.length != HAND_POSE_SIZE) {
            throw new IllegalArgumentException("a finger pose has 45 axis-angle values, got " + handPose.length);
        }
        double[] p = handPose.clone();
        if (!flatHandMean) {
            for (int i = 0; i < HAND_POSE_SIZE; i++) {
                p[i] -= handsMean.getDouble(i);
            }
        }
        return SquareMatrix.rowTimes(p, handsComponentsInverse(), HAND_POSE_SIZE);
    }

    /** The inverse of {@code hands_components} (45x45 row-major, a copy). */
    public double[] handsComponentsInverse() {
        double[] inv = componentsInverse;
        if (inv == null) {
            inv = SquareMatrix.inverse(handsComponents.toDoubleArray(), HAND_POSE_SIZE);
            componentsInverse = inv;
        }
        return inv.clone();
    }

    @Override
    public String toString() {
        return "HandModel(" + name + ", " + side + ", V=" + vertexCount() + ", F=" + faceCount() + ", S="
            + shapeCount() + ")";
    }

    private static <T> T require(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static NdArray floats(NdArray a) {
        if (!a.dtype().isFloating()) {
            throw new IllegalArgumentException("expected floating-point values, got " + a.dtype().displayName());
        }
        return a.dtype() == DType.FLOAT64 && a.order() == NdArray.Order.C ? a
            : NdArray.ofDoubles(a.shape(), a.toDoubleArray());
    }

    private static NdArray ints(NdArray a) {
        if (a.dtype().isFloating() || a.dtype().isComplex() || a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("f must hold integers, got " + a.dtype().displayName());
        }
        long[] values = a.toLongArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("f holds vertex index " + values[i]);
            }
            out[i] = (int) values[i];
        }
        return NdArray.ofInts(a.shape(), out);
    }

    private static void checkShape(NdArray a, String key, int... expected) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException(key + " must have shape " + Arrays.toString(expected).replace('[', '(')
                .replace(']', ')') + ", got " + Arrays.toString(a.shape()).replace('[', '(').replace(']', ')'));
        }
    }

    private static void checkFinite(NdArray a, String key) {
        for (long i = 0; i < a.size(); i++) {
            if (!Double.isFinite(a.getDouble(i))) {
                throw new IllegalArgumentException(key + " holds a non-finite value (" + a.getDouble(i)
                    + " at flat index " + i + ")");
            }
        }
    }

    private static void checkParents(int[] parents) {
        if (parents.length != JOINTS) {
            throw new IllegalArgumentException("the kinematic tree must have 16 joints, got " + parents.length);
        }
        if (parents[0] != -1) {
            throw new IllegalArgumentException("joint 0 must be the root (parent -1), got parent " + parents[0]);
        }
        for (int k = 1; k < JOINTS; k++) {
            if (parents[k] < 0 || parents[k] >= k) {
                throw new IllegalArgumentException("joint " + k + " must have a parent in 0.." + (k - 1) + ", got "
                    + parents[k]);
            }
        }
    }

    /** Collects the arrays of a model; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final HandSide side;
        private String source;
        private NdArray vTemplate;
        private NdArray faces;
        private NdArray jRegressor;
        private NdArray weights;
        private NdArray posedirs;
        private NdArray shapedirs;
        private NdArray handsComponents;
        private NdArray handsMean;
        private int[] parents;
        private int[] tipVertices;
        private String metadataJson;
        private final Map<String, NdArray> extras = new LinkedHashMap<>();
        private boolean leftShapedirsFixed;

        private Builder(String name, HandSide side) {
            this.name = name;
            this.side = side;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder vTemplate(NdArray a) {
            this.vTemplate = a;
            return this;
        }

        public Builder faces(NdArray a) {
            this.faces = a;
            return this;
        }

        public Builder jRegressor(NdArray a) {
            this.jRegressor = a;
            return this;
        }

        public Builder weights(NdArray a) {
            this.weights = a;
            return this;
        }

        public Builder posedirs(NdArray a) {
            this.posedirs = a;
            return this;
        }

        public Builder shapedirs(NdArray a) {
            this.shapedirs = a;
            return this;
        }

        public Builder handsComponents(NdArray a) {
            this.handsComponents = a;
            return this;
        }

        public Builder handsMean(NdArray a) {
            this.handsMean = a;
            return this;
        }

        /** Parents of the 16 joints, -1 for the root. */
        public Builder parents(int[] p) {
            this.parents = p.clone();
            return this;
        }

        /** The model's own tip vertices (thumb..pinky), or null for the MANO fingertip sets. */
        public Builder tipVertices(int[] t) {
            this.tipVertices = t == null ? null : t.clone();
            return this;
        }

        public Builder metadataJson(String json) {
            this.metadataJson = json;
            return this;
        }

        public Builder extra(String key, NdArray a) {
            this.extras.put(key, a);
            return this;
        }

        /** Records that the shapedirs x-components were negated by the left-hand fix. */
        public Builder leftShapedirsFixed(boolean fixed) {
            this.leftShapedirsFixed = fixed;
            return this;
        }

        /**
         * The validated model.
         *
         * @throws IllegalArgumentException naming the first missing or malformed array
         */
        public HandModel build() {
            return new HandModel(this);
        }
    }
}
