package org.ambidex.io.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshRoundTripTest {

    @TempDir
    Path dir;

    /** A mesh with awkward values: negative zero, tiny and large magnitudes, full double precision. */
    private static Mesh awkwardDoubles() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] p = new double[3 * 50];
        for (int i = 0; i < p.length; i++) {
            p[i] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-9, 4));
        }
        p[0] = -0.0;
        p[1] = 1e-300;
        p[2] = 123456789.123;
        int[] f = new int[3 * 40];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextInt(50);
        }
        double[] n = new double[p.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = rng.nextDouble() * 2 - 1;
        }
        byte[] c = new byte[p.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (byte) rng.nextInt(256);
        }
        c[0] = 0;
        c[1] = (byte) 255;
        return new Mesh("awkward", p, f, n, c, null);
    }

    /** The same mesh with every value rounded to float, as PLY stores it. */
    private static Mesh toFloats(Mesh m) {
        double[] p = m.positions();
        double[] n = m.normals();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) p[i];
            n[i] = (float) n[i];
        }
        return new Mesh(m.name(), p, m.faces(), n, m.vertexColors(), null);
    }

    @Test
    void objRoundTripsDoublesNormalsAndColoursExactly() {
        Mesh mesh = awkwardDoubles();
        Path file = dir.resolve("m.obj");
        ObjWriter.write(file, mesh);
        assertThat(ObjReader.read(file)).isEqualTo(mesh);
    }

    @Test
    void objRoundTripsPlainMeshAndSeveralObjects() {
        Mesh a = Shapes.box("right hand", 0, 0, 1, 0.1, 0.2, 0.3);
        Mesh b = Shapes.icosphere("left", 0.5, 0, 1, 0.1, 1);
        Path file = dir.resolve("two.obj");
        ObjWriter.write(file, List.of(a, b));
        List<Mesh> back = ObjReader.readObjects(file);
        assertThat(back).containsExactly(a.withName("right_hand"), b);
        Mesh merged = ObjReader.read(file);
        assertThat(merged.vertexCount()).isEqualTo(a.vertexCount() + b.vertexCount());
        assertThat(merged.faceCount()).isEqualTo(a.faceCount() + b.faceCount());
        // b has normals but a does not, so the merged mesh cannot have one normal per vertex.
        assertThat(merged.hasNormals()).isFalse();
    }

    @Test
    void plyBinaryAndAsciiRoundTripFloatMeshesExactly() {
        Mesh mesh = toFloats(awkwardDoubles());
        for (boolean binary : new boolean[] {true, false}) {
            Path file = dir.resolve(binary ? "b.ply" : "a.ply");
            PlyWriter.write(file, mesh, binary);
            assertThat(PlyReader.read(file)).as(binary ? "binary" : "ascii").isEqualTo(mesh);
        }
        Mesh plain = Shapes.box("box", 1, 2, 3, 0.5, 0.25, 0.125);
        Path file = dir.resolve("plain.ply");
        PlyWriter.write(file, plain, true);
        assertThat(PlyReader.read(file)).isEqualTo(plain);
    }

    @Test
    void plyRoundsDoublesToFloats() {
        Mesh mesh = awkwardDoubles();
        Path file = dir.resolve("d.ply");
        PlyWriter.write(file, mesh, true);
        assertThat(PlyReader.read(file)).isEqualTo(toFloats(mesh));
    }

    @Test
    void plyReaderAcceptsBigEndianQuadsAndExtraElements() throws Exception {
        String header = "ply\nformat binary_big_endian 1.0\ncomment made by hand\nelement vertex 4\n"
            + "property double x\nproperty double y\nproperty double z\nproperty float confidence\n"
            + "element face 1\nproperty list uchar uint vertex_index\nelement edge 1\n"
            + "property int vertex1\nproperty int vertex2\nend_header\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * 28 + 17 + 8);
        double[][] v = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}};
        for (double[] p : v) {
            b.putDouble(p[0]).putDouble(p[1]).putDouble(p[2]).putFloat(0.5f);
        }
        b.put((byte) 4).putInt(0).putInt(1).putInt(2).putInt(3);
        b.putInt(0).putInt(1);
        Path file = dir.resolve("quad.ply");
        Files.write(file, concat(header.getBytes(StandardCharsets.US_ASCII), b.array()));
        Mesh m = PlyReader.read(file);
        assertThat(m.name()).isEqualTo("quad");
        assertThat(m.positions()).containsExactly(0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0);
        assertThat(m.faces()).containsExactly(0, 1, 2, 0, 2, 3);
    }

    @Test
    void objReaderHandlesPolygonsRelativeIndicesAndTextureCoordinates() throws Exception {
        Path file = dir.resolve("quad.obj");
        Files.writeString(file, "# a quad\nmtllib x.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\n"
            + "vn 0 0 1\ng group\nusemtl red\nf -4/1/1 -3/1/1 -2/1/1 -1/1/1\n");
        Mesh m = ObjReader.read(file);
        assertThat(m.name()).isEqualTo("quad");
        assertThat(m.faces()).containsExactly(0, 1, 2, 0, 2, 3);
        assertThat(m.normals()).containsExactly(0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1);
    }

    @Test
    void badFilesGiveOneLineNamingTheProblem() throws Exception {
        Path obj = dir.resolve("bad.obj");
        Files.writeString(obj, "v 0 0 0\nv 1 0 0\nf 1 2 3\n");
        assertThatThrownBy(() -> ObjReader.read(obj)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("bad.obj").hasMessageContaining("line 3").hasMessageContaining("out of range");
        Files.writeString(obj, "v 0 0 nan\n");
        assertThatThrownBy(() -> ObjReader.read(obj)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("finite");
        assertThatThrownBy(() -> ObjReader.read(dir.resolve("missing.obj"))).isInstanceOf(BadInputException.class)
            .hasMessageContaining("not found");

        Path ply = dir.resolve("bad.ply");
        Files.writeString(ply, "ply\nformat binary_little_endian 1.0\nelement vertex 1000000\nproperty float x\n"
            + "property float y\nproperty float z\nend_header\n\0\0\0\0");
        assertThatThrownBy(() -> PlyReader.read(ply)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("more data than the file holds");
        Files.writeString(ply, "PK\3\4 not a ply");
        assertThatThrownBy(() -> PlyReader.read(ply)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("expected a PLY file");
        Files.writeString(ply, "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\n"
            + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
            + "0 0 0\n1 1 1\n3 0 1 2\n");
        assertThatThrownBy(() -> PlyReader.read(ply)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("refers to vertex 2");
    }

    @Test
    void writersLeaveNothingBehindOnFailureAndNameTheUnit() throws Exception {
        Path file = dir.resolve("box.obj");
        ObjWriter.write(file, Shapes.box("b", 0, 0, 0, 1, 1, 1));
        assertThat(Files.readString(file)).contains("# unit: metres");
        Path ply = dir.resolve("box.ply");
        PlyWriter.write(ply, Shapes.box("b", 0, 0, 0, 1, 1, 1), false);
        assertThat(Files.readString(ply)).contains("comment unit: metres");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("box.obj", "box.ply");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
