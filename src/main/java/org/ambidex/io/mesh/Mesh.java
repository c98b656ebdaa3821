package org.ambidex.io.mesh;

import java.util.Arrays;
import java.util.Objects;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;

/**
 * An immutable triangle mesh.
 *
 * <p>Arrays are flat and row-major: {@code positions} is (V, 3) in metres, {@code faces} is (F, 3) zero-based
 * vertex indices (counter-clockwise seen from outside, so the right-hand normal points out),
 * {@code normals} is (V, 3) unit vectors or {@code null}, {@code vertexColors} is (V, 3) 8-bit sRGB values
 * (stored as bytes, read them with {@code & 0xFF}) or {@code null}, and {@code materialColor} is the whole
 * mesh's colour or {@code null}. The constructor copies every array and accessors return copies, so a
 * {@code Mesh} never changes; use {@link #x(int)}, {@link #face(int, int)} and friends in loops.
 *
 * @param name a name for the mesh (object name in OBJ, node and mesh name in glTF); not empty
 * @param positions (V, 3) vertex positions, metres
 * @param faces (F, 3) vertex indices of triangles
 * @param normals (V, 3) unit vertex normals, or {@code null}
 * @param vertexColors (V, 3) 8-bit sRGB vertex colours, or {@code null}
 * @param materialColor colour of the whole mesh, or {@code null}
 */
public record Mesh(String name, double[] positions, int[] faces, double[] normals, byte[] vertexColors,
                   Rgb materialColor) {

    public Mesh {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a mesh needs a name");
        }
        positions = Objects.requireNonNull(positions, "positions").clone();
        faces = Objects.requireNonNull(faces, "faces").clone();
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions must be (V, 3), got " + positions.length + " values");
        }
        if (faces.length % 3 != 0) {
            throw new IllegalArgumentException("faces must be (F, 3), got " + faces.length + " values");
        }
        int v = positions.length / 3;
        for (int i = 0; i < positions.length; i++) {
            if (!Double.isFinite(positions[i])) {
                throw new IllegalArgumentException("vertex " + i / 3 + " has a non-finite coordinate");
            }
        }
        for (int i = 0; i < faces.length; i++) {
            if (faces[i] < 0 || faces[i] >= v) {
                throw new IllegalArgumentException(
                    "face " + i / 3 + " refers to vertex " + faces[i] + " of " + v + " vertices");
            }
        }
        if (normals != null) {
            normals = normals.clone();
            if (normals.length != positions.length) {
                throw new IllegalArgumentException("normals must be (V, 3) like positions: got "
                    + normals.length + " values for " + v + " vertices");
            }
        }
        if (vertexColors != null) {
            vertexColors = vertexColors.clone();
            if (vertexColors.length != positions.length) {
                throw new IllegalArgumentException("vertex colours must be (V, 3) like positions: got "
                    + vertexColors.length + " values for " + v + " vertices");
            }
        }
    }

    /** A mesh with positions and faces only. */
    public static Mesh of(String name, double[] positions, int[] faces) {
        return new Mesh(name, positions, faces, null, null, null);
    }

    /** A mesh from single-precision positions (converted exactly to double). */
    public static Mesh ofFloats(String name, float[] positions, int[] faces) {
        double[] p = new double[positions.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = positions[i];
        }
        return of(name, p, faces);
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int faceCount() {
        return faces.length / 3;
    }

    public boolean hasNormals() {
        return normals != null;
    }

    public boolean hasVertexColors() {
        return vertexColors != null;
    }

    /** Coordinate {@code axis} (0 x, 1 y, 2 z) of vertex {@code i}, metres. */
    public double position(int i, int axis) {
        return positions[3 * i + axis];
    }

    public double x(int i) {
        return positions[3 * i];
    }

    public double y(int i) {
        return positions[3 * i + 1];
    }

    public double z(int i) {
        return positions[3 * i + 2];
    }

    /** Corner {@code corner} (0..2) of face {@code f}: a vertex index. */
    public int face(int f, int corner) {
        return faces[3 * f + corner];
    }

    /** Component {@code axis} of the normal of vertex {@code i}; fails when the mesh has no normals. */
    public double normal(int i, int axis) {
        if (normals == null) {
            throw new IllegalStateException("mesh " + name + " has no normals");
        }
        return normals[3 * i + axis];
    }

    /** Channel {@code channel} (0 r, 1 g, 2 b) of vertex {@code i}'s colour, 0..255. */
    public int vertexColor(int i, int channel) {
        if (vertexColors == null) {
            throw new IllegalStateException("mesh " + name + " has no vertex colours");
        }
        return vertexColors[3 * i + channel] & 0xFF;
    }

    @Override
    public double[] positions() {
        return positions.clone();
    }

    @Override
    public int[] faces() {
        return faces.clone();
    }

    @Override
    public double[] normals() {
        return normals == null ? null : normals.clone();
    }

    @Override
    public byte[] vertexColors() {
        return vertexColors == null ? null : vertexColors.clone();
    }

    public Mesh withName(String newName) {
        return new Mesh(newName, positions, faces, normals, vertexColors, materialColor);
    }

    public Mesh withNormals(double[] newNormals) {
        return new Mesh(name, positions, faces, newNormals, vertexColors, materialColor);
    }

    public Mesh withVertexColors(byte[] colors) {
        return new Mesh(name, positions, faces, normals, colors, materialColor);
    }

    public Mesh withMaterialColor(Rgb color) {
        return new Mesh(name, positions, faces, normals, vertexColors, color);
    }

    /** This mesh with normals computed by {@link VertexNormals#areaWeighted(Mesh)}. */
    public Mesh withComputedNormals() {
        return withNormals(VertexNormals.areaWeighted(this));
    }

    /** The same mesh with {@code (x, y, z)} mapped to {@code (x', y', z')} = R p + t (normals rotated by R). */
    public Mesh transformed(Mat3 rotation, Vec3 translation) {
        double[] p = new double[positions.length];
        double[] n = normals == null ? null : new double[normals.length];
        double[] r = rotation.toRowMajor();
        for (int i = 0; i < p.length; i += 3) {
            applyRotation(r, positions, i, p);
            p[i] += translation.x();
            p[i + 1] += translation.y();
            p[i + 2] += translation.z();
            if (n != null) {
                applyRotation(r, normals, i, n);
            }
        }
        return new Mesh(name, p, faces, n, vertexColors, materialColor);
    }

    private static void applyRotation(double[] r, double[] in, int i, double[] out) {
        double x = in[i];
        double y = in[i + 1];
        double z = in[i + 2];
        out[i] = r[0] * x + r[1] * y + r[2] * z;
        out[i + 1] = r[3] * x + r[4] * y + r[5] * z;
        out[i + 2] = r[6] * x + r[7] * y + r[8] * z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mesh m && name.equals(m.name) && Arrays.equals(positions, m.positions)
            && Arrays.equals(faces, m.faces) && Arrays.equals(normals, m.normals)
            && Arrays.equals(vertexColors, m.vertexColors) && Objects.equals(materialColor, m.materialColor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(positions), Arrays.hashCode(faces), Arrays.hashCode(normals),
            Arrays.hashCode(vertexColors), materialColor);
    }

    @Override
    public String toString() {
        return "Mesh[" + name + ", " + vertexCount() + " vertices, " + faceCount() + " faces"
            + (normals != null ? ", normals" : "") + (vertexColors != null ? ", vertex colours" : "")
            + (materialColor != null ? ", colour " + String.format("#%06x", materialColor.toHex()) : "") + "]";
    }
}
