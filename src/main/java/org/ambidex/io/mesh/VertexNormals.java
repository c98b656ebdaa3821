package org.ambidex.io.mesh;

/** Vertex normals of a triangle mesh. */
public final class VertexNormals {

    private VertexNormals() {
    }

    /**
     * Unit vertex normals (V, 3): the sum of the adjacent faces' cross products (so each face weighs by its
     * area), normalised. The direction follows the faces' winding (counter-clockwise = outward). A vertex
     * with no non-degenerate face gets {@code (0, 0, 1)} so that every normal stays a unit vector (glTF
     * requires it).
     */
    public static double[] areaWeighted(Mesh mesh) {
        int v = mesh.vertexCount();
        double[] n = new double[3 * v];
        for (int f = 0; f < mesh.faceCount(); f++) {
            int a = mesh.face(f, 0);
            int b = mesh.face(f, 1);
            int c = mesh.face(f, 2);
            double ux = mesh.x(b) - mesh.x(a);
            double uy = mesh.y(b) - mesh.y(a);
            double uz = mesh.z(b) - mesh.z(a);
            double wx = mesh.x(c) - mesh.x(a);
            double wy = mesh.y(c) - mesh.y(a);
            double wz = mesh.z(c) - mesh.z(a);
            double cx = uy * wz - uz * wy;
            double cy = uz * wx - ux * wz;
            double cz = ux * wy - uy * wx;
            for (int k = 0; k < 3; k++) {
                int i = mesh.face(f, k);
                n[3 * i] += cx;
                n[3 * i + 1] += cy;
                n[3 * i + 2] += cz;
            }
        }
        for (int i = 0; i < v; i++) {
            double len = Math.sqrt(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2]);
            if (len > 0 && Double.isFinite(len)) {
                n[3 * i] /= len;
                n[3 * i + 1] /= len;
                n[3 * i + 2] /= len;
            } else {
                n[3 * i] = 0;
                n[3 * i + 1] = 0;
                n[3 * i + 2] = 1;
            }
        }
        return n;
    }
}
