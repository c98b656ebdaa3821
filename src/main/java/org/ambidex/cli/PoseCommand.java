package org.ambidex.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.NonClosingStream;
import org.ambidex.hand.HandModel;
import org.ambidex.io.mesh.GlbWriter;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.ObjWriter;
import org.ambidex.io.mesh.PlyWriter;
import org.ambidex.render.Palette;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ambidex pose}: hand meshes and joints from MANO-style parameters, through the hand layer in float64.
 * Writes JSON ({@code ambidex.pose/1}, metres), the meshes as OBJ/PLY, or all of them as one GLB.
 */
@Command(name = "pose", mixinStandardHelpOptions = true,
    description = {"Pose a hand model: vertices and joints from shape, pose and translation parameters.",
        "The parameters file is JSON: one object or a list of objects with betas, global_orient (3 axis-angle,"
            + " 6 for 6-D or 9 for a rotation matrix), hand_pose (45 axis-angle values, or N PCA coefficients with"
            + " --pca N) and transl (metres); missing entries are zeros.",
        "--out FILE.json writes every result; FILE.obj / FILE.ply write the mesh (one result: FILE; several:"
            + " FILE-<index>.obj ...); FILE.glb writes every result as a named node of one glTF binary file."})
final class PoseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HandPoseOptions hand = new HandPoseOptions();

    @Option(names = "--params", required = true, paramLabel = "FILE", description = "Parameters (JSON).")
    Path params;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "Output: .json, .obj, .ply or .glb.")
    Path out;

    @Override
    public Integer call() {
        OutputKind kind = OutputKind.of(out);
        hand.check();
        HandPoser.Posed posed = HandPoser.pose(hand, hand::resolveModel, params, hand.jointOrder);
        HandModel model = posed.hand();
        switch (kind) {
            case JSON -> writeJson(model, posed.vertices(), posed.joints());
            case OBJ, PLY -> writeMeshes(kind, model, posed.vertices());
            case GLB -> writeGlb(posed);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void writeJson(HandModel model, List<double[]> vertices, List<double[]> joints) {
        BuildInfo build = BuildInfo.current();
        AtomicOutput.write(out, stream -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosingStream(stream), JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("format", "ambidex.pose/1");
                g.writeStringField("unit", "m");
                g.writeStringField("joint_order", hand.jointOrder.cliName());
                g.writeStringField("tips", hand.tips.cliName());
                g.writeStringField("side", model.side().label());
                g.writeStringField("hand_model", model.name());
                g.writeStringField("hand_model_source", model.source());
                g.writeBooleanField("flat_hand_mean", hand.flatHandMean);
                g.writeBooleanField("left_shapedirs_fixed", model.leftShapedirsFixed());
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

    private void writeMeshes(OutputKind kind, HandModel model, List<double[]> vertices) {
        int[] faces = model.faces().toIntArray();
        for (int i = 0; i < vertices.size(); i++) {
            Path target = vertices.size() == 1 ? out : indexed(out, i, vertices.size());
            Mesh mesh = Mesh.of(meshName(model, i, vertices.size()), vertices.get(i), faces);
            if (kind == OutputKind.OBJ) {
                ObjWriter.write(target, mesh);
            } else {
                PlyWriter.write(target, mesh, true);
            }
        }
    }

    /** All results in one GLB: a named node per result, in the hand's colour (right 0, left 1). */
    private void writeGlb(HandPoser.Posed posed) {
        HandModel model = posed.hand();
        List<Mesh> meshes = new ArrayList<>();
        for (int i = 0; i < posed.size(); i++) {
            meshes.add(posed.mesh(i, meshName(model, i, posed.size())).withComputedNormals()
                .withMaterialColor(Palette.hand(model.side().index())));
        }
        GlbWriter.write(out, meshes);
    }

    private static String meshName(HandModel model, int index, int count) {
        return model.name() + "-" + model.side().label() + (count == 1 ? "" : "-" + index);
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
        JSON, OBJ, PLY, GLB;

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
            if (n.endsWith(".glb")) {
                return GLB;
            }
            throw new BadInputException(out,
                "unknown output type: expected a file name ending in .json, .obj, .ply or .glb");
        }
    }
}
