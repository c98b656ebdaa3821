package org.ambidex.io.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BuildInfo;

/**
 * Writes Stanford PLY, binary little-endian or ASCII: element {@code vertex} with {@code float x y z} (metres),
 * {@code float nx ny nz} when the mesh has normals and {@code uchar red green blue} when it has vertex
 * colours; element {@code face} with {@code list uchar int vertex_indices}. Coordinates are single precision,
 * the type every PLY tool reads (rounding a metre-scale double to float moves it by at most 60 nm);
 * meshes whose values are floats round-trip exactly through {@link PlyReader}.
 */
public final class PlyWriter {

    private PlyWriter() {
    }

    /** Writes {@code mesh} to {@code path} atomically, binary little-endian or ASCII. */
    public static void write(Path path, Mesh mesh, boolean binary) {
        AtomicOutput.write(path, out -> writeTo(out, mesh, binary));
    }

    /** Writes the PLY bytes of {@code mesh} to {@code out} (not closed). */
    public static void writeTo(OutputStream out, Mesh mesh, boolean binary) throws IOException {
        out.write(header(mesh, binary).getBytes(StandardCharsets.US_ASCII));
        if (binary) {
            writeBinary(out, mesh);
        } else {
            writeAscii(out, mesh);
        }
        out.flush();
    }

    private static String header(Mesh mesh, boolean binary) {
        BuildInfo build = BuildInfo.current();
        StringBuilder h = new StringBuilder();
        h.append("ply\n");
        h.append(binary ? "format binary_little_endian 1.0\n" : "format ascii 1.0\n");
        h.append("comment written by ambidex ").append(build.version()).append(" (").append(build.commit()).append(")\n");
        h.append("comment unit: metres\n");
        h.append("obj_info name ").append(mesh.name().replace('\n', ' ').replace('\r', ' ')).append('\n');
        h.append("element vertex ").append(mesh.vertexCount()).append('\n');
        h.append("property float x\nproperty float y\nproperty float z\n");
        if (mesh.hasNormals()) {
            h.append("property float nx\nproperty float ny\nproperty float nz\n");
        }
        if (mesh.hasVertexColors()) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        h.append("element face ").append(mesh.faceCount()).append('\n');
        h.append("property list uchar int vertex_indices\n");
        h.append("end_header\n");
        return h.toString();
    }

    private static void writeBinary(OutputStream out, Mesh mesh) throws IOException {
        int vertexBytes = 12 + (mesh.hasNormals() ? 12 : 0) + (mesh.hasVertexColors() ? 3 : 0);
        ByteBuffer b = ByteBuffer.allocate(Math.max(vertexBytes, 13) * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < mesh.vertexCount(); i++) {
            if (b.remaining() < vertexBytes) {
                flush(out, b);
            }
            for (int a = 0; a < 3; a++) {
                b.putFloat((float) mesh.position(i, a));
            }
            if (mesh.hasNormals()) {
                for (int a = 0; a < 3; a++) {
                    b.putFloat((float) mesh.normal(i, a));
                }
            }
            if (mesh.hasVertexColors()) {
                for (int c = 0; c < 3; c++) {
                    b.put((byte) mesh.vertexColor(i, c));
                }
            }
        }
        for (int f = 0; f < mesh.faceCount(); f++) {
            if (b.remaining() < 13) {
                flush(out, b);
            }
            b.put((byte) 3);
            b.putInt(mesh.face(f, 0)).putInt(mesh.face(f, 1)).putInt(mesh.face(f, 2));
        }
        flush(out, b);
    }

    private static void flush(OutputStream out, ByteBuffer b) throws IOException {
        out.write(b.array(), 0, b.position());
        b.clear();
    }

    private static void writeAscii(OutputStream out, Mesh mesh) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < mesh.vertexCount(); i++) {
            line.setLength(0);
            for (int a = 0; a < 3; a++) {
                line.append(a == 0 ? "" : " ").append(Decimal.of((float) mesh.position(i, a)));
            }
            if (mesh.hasNormals()) {
                for (int a = 0; a < 3; a++) {
                    line.append(' ').append(Decimal.of((float) mesh.normal(i, a)));
                }
            }
            if (mesh.hasVertexColors()) {
                for (int c = 0; c < 3; c++) {
                    line.append(' ').append(mesh.vertexColor(i, c));
                }
            }
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
        for (int f = 0; f < mesh.faceCount(); f++) {
            String s = "3 " + mesh.face(f, 0) + " " + mesh.face(f, 1) + " " + mesh.face(f, 2) + "\n";
            out.write(s.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
