package org.ambidex.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.core.BuildInfo;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.ObjWriter;
import org.ambidex.io.mesh.PlyWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ambidex pose}: hand meshes and joints from MANO-style parameters, through the hand layer in float64.
 * Writes JSON ({@code ambidex.pose/1}, metres) or the mesh as OBJ/PLY.
 */
@Command(name = "pose", mixinStandardHelpOptions = true,
    description = {"Pose a hand model: vertices and joints from shape, pose and translation parameters.",
        "The parameters file is JSON: one object or a list of objects with betas, global_orient (3 axis-angle,"
            + " 6 for 6-D or 9 for a rotation matrix), hand_pose (45 axis-angle values, or N PCA coefficients with"
            + " --pca N) and transl (metres); missing entries are zeros.",
        "--out FILE.json writes every result; FILE.obj / FILE.ply write the mesh (one result: FILE; several:"
            + " FILE-<index>.obj ...)."})
final class PoseCommand implements Callable<Integer> {

    /** Results per forward batch, to bound memory for long parameter lists. */
    private static final int CHUNK = 512;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "PATH|open", defaultValue = "open",
        description = "Hand model: 'open' (built in), a MANO .pkl/.npz file, or a folder holding MANO_RIGHT/MANO_LEFT"
            + " (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--params", required = true, paramLabel = "FILE", description = "Parameters (JSON).")
    Path params;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: .json, .obj or .ply.")
    Path out;

    @Option(names = "--side", paramLabel = "right|left", converter = SideConverter.class,
        description = "Which hand (default: from the model file name; right for 'open').")
    HandSide side;

    @Option(names = "--pca", paramLabel = "N", description = "hand_pose holds N (1..45) PCA coefficients "
        + "(default: 45 axis-angle values).")
    Integer pca;

    @Option(names = "--flat-hand-mean", description = "Do not add the model's mean finger pose (hands_mean).")
    boolean flatHandMean;

    @Option(names = "--no-left-fix", description = "Keep a left MANO model's shape directions as stored "
        + "(by default the released left file's defect is detected and fixed).")
    boolean noLeftFix;

    @Option(names = "--tips", paramLabel = "SET", defaultValue = "intaghand", converter = TipsConverter.class,
        description = "Fingertip vertices: intaghand, smplx or interhand (default: ${DEFAULT-VALUE}).")
    FingertipSet tips;

    @Option(names = "--joint-order", paramLabel = "ORDER", defaultValue = "openpose", converter = OrderConverter.class,
        description = "Order of the 21 joints: openpose, mano (16 + tips) or interhand (default: ${DEFAULT-VALUE}).")
    JointOrder jointOrder;

    @Override
    public Integer call() {
        OutputKind kind = OutputKind.of(out);
        if (pca != null && (pca < 1 || pca > HandModel.HAND_POSE_SIZE)) {
            throw new BadInputException("--pca must be 1..45, got " + pca);
        }
        HandModel hand = HandModelLoader.resolve(model, side, !noLeftFix);
        int poseLength = pca == null ? HandModel.HAND_POSE_SIZE : pca;
        List<PoseParamsFile.Entry> entries = PoseParamsFile.read(params, poseLength, hand.shapeCount());

        List<double[]> vertices = new ArrayList<>(entries.size());
        List<double[]> joints = new ArrayList<>(entries.size());
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             HandLayer layer = new HandLayer(hand, manager, DataType.FLOAT64)) {
            for (int start = 0; start < entries.size(); start += CHUNK) {
                List<PoseParamsFile.Entry> chunk = entries.subList(start, Math.min(entries.size(), start + CHUNK));
                // A batch needs one global-orientation representation: batch each kind separately.
                for (int length : new int[] {3, 6, 9}) {
                    List<Integer> group = new ArrayList<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        if (chunk.get(i).globalOrient().length == length) {
                            group.add(start + i);
                        }
                    }
                    if (!group.isEmpty()) {
                        runBatch(layer, manager, entries, group, hand, vertices, joints);
                    }
                }
            }
        }
        switch (kind) {
            case JSON -> writeJson(hand, vertices, joints);
            case OBJ, PLY -> writeMeshes(kind, hand, vertices);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void runBatch(HandLayer layer, NDManager manager, List<PoseParamsFile.Entry> entries,
                          List<Integer> indices, HandModel hand, List<double[]> vertices, List<double[]> joints) {
        List<PoseParamsFile.Entry> group = indices.stream().map(entries::get).toList();
        int b = group.size();
        int orientLength = group.get(0).globalOrient().length;
        int betaCount = Math.max(1, group.stream().mapToInt(e -> e.betas().length).max().orElse(0));
        double[] betas = new double[b * betaCount];
        double[] orient = new double[b * orientLength];
        int poseLength = group.get(0).handPose().length;
        double[] pose = new double[b * poseLength];
        double[] transl = new double[b * 3];
        for (int i = 0; i < b; i++) {
            PoseParamsFile.Entry e = group.get(i);
            System.arraycopy(e.betas(), 0, betas, i * betaCount, e.betas().length);
            System.arraycopy(e.globalOrient(), 0, orient, i * orientLength, orientLength);
            System.arraycopy(e.handPose(), 0, pose, i * poseLength, poseLength);
            System.arraycopy(e.transl(), 0, transl, i * 3, 3);
        }
        try (NDManager scope = manager.newSubManager()) {
            Shape orientShape = orientLength == 9 ? new Shape(b, 3, 3) : new Shape(b, orientLength);
            HandParams p = new HandParams(scope.create(betas, new Shape(b, betaCount)),
                scope.create(orient, orientShape), scope.create(pose, new Shape(b, poseLength)),
                pca == null ? HandPoseKind.AXIS_ANGLE : HandPoseKind.PCA, scope.create(transl, new Shape(b, 3)),
                flatHandMean);
            HandOutput o;
            try {
                o = layer.forward(p, tips, jointOrder);
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw new BadInputException(params, "cannot pose these parameters: " + e.getMessage(), e);
            }
            double[] v = o.vertices().toDoubleArray();
            double[] k = o.keypoints().toDoubleArray();
            int vn = hand.vertexCount() * 3;
            int kn = jointOrder.size() * 3;
            for (int i = 0; i < b; i++) {
                int index = indices.get(i);
                double[] vi = java.util.Arrays.copyOfRange(v, i * vn, (i + 1) * vn);
                double[] ki = java.util.Arrays.copyOfRange(k, i * kn, (i + 1) * kn);
                checkFinite(vi, index);
                set(vertices, index, vi);
                set(joints, index, ki);
            }
        }
    }

    private void checkFinite(double[] values, int index) {
        for (double d : values) {
            if (!Double.isFinite(d)) {
                throw new BadInputException(params, "entry " + index + " gives non-finite vertices (a degenerate 6-D "
                    + "or rotation-matrix global_orient?)");
            }
        }
    }

    private static void set(List<double[]> list, int index, double[] value) {
        while (list.size() <= index) {
            list.add(null);
        }
        list.set(index, value);
    }

    private void writeJson(HandModel hand, List<double[]> vertices, List<double[]> joints) {
        BuildInfo build = BuildInfo.current();
        AtomicOutput.write(out, stream -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosing(stream), JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("format", "ambidex.pose/1");
                g.writeStringField("unit", "m");
                g.writeStringField("joint_order", jointOrder.cliName());
                g.writeStringField("tips", tips.cliName());
                g.writeStringField("side", hand.side().label());
                g.writeStringField("hand_model", hand.name());
                g.writeStringField("hand_model_source", hand.source());
                g.writeBooleanField("flat_hand_mean", flatHandMean);
                g.writeBooleanField("left_shapedirs_fixed", hand.leftShapedirsFixed());
                g.writeStringField("ambidex", build.version() + " (" + build.commit() + ")");
                g.writeArrayFieldStart("results");
                for (int i = 0; i < vertices.size(); i++) {
                    g.writeStartObject();
                    g.writeFieldName("vertices");
                    writePoints(g, vertices.get(i));
                    g.writeFieldName("joints");
                    writePoints(g, joints.get(i));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        });
    }

    private static void writePoints(JsonGenerator g, double[] xyz) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < xyz.length; i += 3) {
            g.writeArray(xyz, i, 3);
        }
        g.writeEndArray();
    }

    private void writeMeshes(OutputKind kind, HandModel hand, List<double[]> vertices) {
        int[] faces = hand.faces().toIntArray();
        for (int i = 0; i < vertices.size(); i++) {
            Path target = vertices.size() == 1 ? out : indexed(out, i, vertices.size());
            Mesh mesh = Mesh.of(hand.name() + "-" + hand.side().label() + (vertices.size() == 1 ? "" : "-" + i),
                vertices.get(i), faces);
            if (kind == OutputKind.OBJ) {
                ObjWriter.write(target, mesh);
            } else {
                PlyWriter.write(target, mesh, true);
            }
        }
    }

    /** {@code dir/name.ext} to {@code dir/name-007.ext}, zero-padded to the width of the largest index. */
    static Path indexed(Path file, int index, int count) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        int width = Integer.toString(count - 1).length();
        String suffix = String.format(Locale.ROOT, "-%0" + width + "d", index);
        String indexedName = name.substring(0, dot) + suffix + name.substring(dot);
        Path parent = file.getParent();
        return parent == null ? Path.of(indexedName) : parent.resolve(indexedName);
    }

    private enum OutputKind {
        JSON, OBJ, PLY;

        static OutputKind of(Path out) {
            String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".json")) {
                return JSON;
            }
            if (n.endsWith(".obj")) {
                return OBJ;
            }
            if (n.endsWith(".ply")) {
                return PLY;
            }
            throw new BadInputException(out, "unknown output type: expected a file name ending in .json, .obj or .ply");
        }
    }

    /** Keeps the generator from closing AtomicOutput's stream (AtomicOutput closes it). */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    static final class SideConverter implements ITypeConverter<HandSide> {
        @Override
        public HandSide convert(String value) {
            HandSide s = HandSide.parseOrNull(value);
            if (s == null) {
                throw new TypeConversionException("expected right or left, got '" + value + "'");
            }
            return s;
        }
    }

    static final class TipsConverter implements ITypeConverter<FingertipSet> {
        @Override
        public FingertipSet convert(String value) {
            FingertipSet s = FingertipSet.fromCliName(value);
            if (s == null) {
                throw new TypeConversionException("expected intaghand, smplx or interhand, got '" + value + "'");
            }
            return s;
        }
    }

    static final class OrderConverter implements ITypeConverter<JointOrder> {
        @Override
        public JointOrder convert(String value) {
            JointOrder o = JointOrder.fromCliName(value);
            if (o == null || o == JointOrder.MANO16) {
                throw new TypeConversionException("expected openpose, mano or interhand, got '" + value + "'");
            }
            return o;
        }
    }
}
