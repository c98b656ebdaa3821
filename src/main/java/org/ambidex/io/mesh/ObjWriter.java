package org.ambidex.io.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BuildInfo;

/**
 * Writes Wavefront OBJ text: one {@code o} object per mesh, {@code v x y z} (metres; with {@code r g b} in
 * 0..1 appended when the mesh has vertex colours, the common extension MeshLab and Blender read),
 * {@code vn} normals when present and triangles {@code f a//a b//b c//c} (1-based, counter-clockwise).
 * Numbers are the shortest decimals that parse back to the same double, so {@link ObjReader} round-trips a
 * mesh exactly. Material colours are not written (OBJ needs a separate .mtl file for them; use GLB).
 */
public final class ObjWriter {

    private ObjWriter() {
    }

    /** Writes one mesh to {@code path} atomically. */
    public static void write(Path path, Mesh mesh) {
        write(path, List.of(mesh));
    }

    /** Writes several meshes as separate objects of one file, atomically. */
    public static void write(Path path, List<Mesh> meshes) {
        if (meshes.isEmpty()) {
            throw new IllegalArgumentException("no mesh to write to " + path);
        }
        AtomicOutput.write(path, out -> writeTo(out, meshes));
    }

    /** Writes the OBJ text of {@code meshes} to {@code out} (not closed). */
    public static void writeTo(OutputStream out, List<Mesh> meshes) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        BuildInfo build = BuildInfo.current();
        w.write("# written by ambidex " + build.version() + " (" + build.commit() + ")\n");
        w.write("# unit: metres\n");
        int offset = 1;
        int normalOffset = 1;
        StringBuilder line = new StringBuilder(96);
        for (Mesh mesh : meshes) {
            w.write("# " + mesh.vertexCount() + " vertices, " + mesh.faceCount() + " triangles\n");
            w.write("o " + objectName(mesh.name()) + "\n");
            for (int i = 0; i < mesh.vertexCount(); i++) {
                line.setLength(0);
                line.append("v ").append(Decimal.of(mesh.x(i))).append(' ').append(Decimal.of(mesh.y(i)))
                    .append(' ').append(Decimal.of(mesh.z(i)));
                if (mesh.hasVertexColors()) {
                    for (int c = 0; c < 3; c++) {
                        line.append(' ').append(Decimal.of(mesh.vertexColor(i, c) / 255.0));
                    }
                }
                w.append(line).append('\n');
            }
            if (mesh.hasNormals()) {
                for (int i = 0; i < mesh.vertexCount(); i++) {
                    line.setLength(0);
                    line.append("vn ").append(Decimal.of(mesh.normal(i, 0))).append(' ')
                        .append(Decimal.of(mesh.normal(i, 1))).append(' ').append(Decimal.of(mesh.normal(i, 2)));
                    w.append(line).append('\n');
                }
            }
            for (int f = 0; f < mesh.faceCount(); f++) {
                line.setLength(0);
                line.append('f');
                for (int k = 0; k < 3; k++) {
                    line.append(' ').append(mesh.face(f, k) + offset);
                    if (mesh.hasNormals()) {
                        line.append("//").append(mesh.face(f, k) + normalOffset);
                    }
                }
                w.append(line).append('\n');
            }
            offset += mesh.vertexCount();
            if (mesh.hasNormals()) {
                normalOffset += mesh.vertexCount();
            }
        }
        w.flush();
    }

    /** OBJ names end at white space; replace it so the name reads back as one token. */
    private static String objectName(String name) {
        return name.strip().replaceAll("\\s+", "_");
    }
}
