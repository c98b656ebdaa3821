package org.ambidex.io.mesh;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Wavefront OBJ text: {@code v} (with optional {@code r g b} colours in 0..1), {@code vn},
 * {@code f} with any of the {@code a}, {@code a/b}, {@code a/b/c}, {@code a//c} forms and negative (relative)
 * indices, {@code o} object names. Polygons are split into triangle fans. Texture coordinates, groups,
 * materials and other statements are skipped. Normals are kept when every vertex is used with a single
 * normal (as {@link ObjWriter} writes them); otherwise they are dropped with a warning, since a
 * {@link Mesh} holds one normal per vertex. Vertex colours are kept when every vertex has them.
 */
public final class ObjReader {

    private static final Logger LOG = LoggerFactory.getLogger(ObjReader.class);

    private ObjReader() {
    }

    /** The whole file as one mesh, named after its first object (or the file name). */
    public static Mesh read(Path path) {
        Parsed p = parse(path);
        String name = p.objects.isEmpty() || p.objects.get(0).name == null ? stem(path) : p.objects.get(0).name;
        return p.build(path, name, 0, p.positions.size() / 3, 0, p.faces.size() / 9);
    }

    /**
     * One mesh per {@code o} object. A vertex belongs to the object it is declared in; a face that uses a
     * vertex of another object is bad input (read such a file with {@link #read(Path)}).
     */
    public static List<Mesh> readObjects(Path path) {
        Parsed p = parse(path);
        List<Mesh> meshes = new ArrayList<>();
        for (int k = 0; k < p.objects.size(); k++) {
            ObjectRange o = p.objects.get(k);
            int vEnd = k + 1 < p.objects.size() ? p.objects.get(k + 1).firstVertex : p.positions.size() / 3;
            int fEnd = k + 1 < p.objects.size() ? p.objects.get(k + 1).firstFace : p.faces.size() / 9;
            if (vEnd == o.firstVertex && fEnd == o.firstFace) {
                continue;
            }
            String name = o.name != null ? o.name : stem(path) + (k == 0 ? "" : "_" + k);
            meshes.add(p.build(path, name, o.firstVertex, vEnd, o.firstFace, fEnd));
        }
        return meshes;
    }

    private static String stem(Path path) {
        String f = path.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    private static final class ObjectRange {
        final String name;
        final int firstVertex;
        final int firstFace;

        ObjectRange(String name, int firstVertex, int firstFace) {
            this.name = name;
            this.firstVertex = firstVertex;
            this.firstFace = firstFace;
        }
    }

    /** Everything read, with faces as (F, 3 corners, {vertex, normal, line}) in zero-based indices. */
    private static final class Parsed {
        final GrowableArrays.Doubles positions = new GrowableArrays.Doubles();
        final GrowableArrays.Doubles colors = new GrowableArrays.Doubles();
        final GrowableArrays.Doubles normals = new GrowableArrays.Doubles();
        final GrowableArrays.Ints faces = new GrowableArrays.Ints();
        final List<ObjectRange> objects = new ArrayList<>();
        int verticesWithColor;

        private boolean sameNormal(int a, int b) {
            return a == b || (Double.compare(normals.get(3 * a), normals.get(3 * b)) == 0
                && Double.compare(normals.get(3 * a + 1), normals.get(3 * b + 1)) == 0
                && Double.compare(normals.get(3 * a + 2), normals.get(3 * b + 2)) == 0);
        }

        /** The normal index matching an unused vertex, when normals are written one per vertex in order. */
        private int unusedVertexNormal(int v0, int v1, int local) {
            return normals.size() / 3 == positions.size() / 3 ? v0 + local : -1;
        }

        Mesh build(Path path, String name, int v0, int v1, int f0, int f1) {
            int v = v1 - v0;
            int[] tri = new int[3 * (f1 - f0)];
            int[] normalOf = new int[v];
            java.util.Arrays.fill(normalOf, -1);
            boolean normalsConsistent = normals.size() > 0;
            boolean anyNormal = false;
            for (int f = f0; f < f1; f++) {
                for (int k = 0; k < 3; k++) {
                    int base = 9 * f + 3 * k;
                    int vi = faces.get(base);
                    int ni = faces.get(base + 1);
                    if (vi < v0 || vi >= v1) {
                        throw new BadInputException(path, "line " + faces.get(base + 2)
                            + ": a face uses a vertex of another object; expected each object's faces to use its own vertices");
                    }
                    int local = vi - v0;
                    tri[3 * (f - f0) + k] = local;
                    anyNormal |= ni >= 0;
                    if (ni < 0 || (normalOf[local] >= 0 && !sameNormal(normalOf[local], ni))) {
                        normalsConsistent = false;
                    }
                    normalOf[local] = ni;
                }
            }
            double[] normal = null;
            if (normalsConsistent) {
                normal = new double[3 * v];
                for (int i = 0; i < v && normal != null; i++) {
                    // A vertex no face uses takes the normal of its own index when the file has one per
                    // vertex (as ObjWriter writes them); otherwise it has none and the normals are dropped.
                    int ni = normalOf[i] >= 0 ? normalOf[i] : unusedVertexNormal(v0, v1, i);
                    if (ni < 0) {
                        normal = null;
                        break;
                    }
                    for (int a = 0; a < 3; a++) {
                        normal[3 * i + a] = normals.get(3 * ni + a);
                    }
                }
            }
            if (normal == null && anyNormal) {
                LOG.warn("{}: normals are not one per vertex; they were dropped (recompute them if needed)", path);
            }
            byte[] color = null;
            if (verticesWithColor == positions.size() / 3 && verticesWithColor > 0) {
                color = new byte[3 * v];
                for (int i = 0; i < 3 * v; i++) {
                    color[i] = (byte) Rgb.to8Bit(colors.get(3 * v0 + i));
                }
            }
            try {
                return new Mesh(name, positions.toArray(3 * v0, 3 * v1), tri, normal, color, null);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(path, e.getMessage() + "; expected a valid triangle mesh", e);
            }
        }
    }

    private static Parsed parse(Path path) {
        Parsed p = new Parsed();
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int[] corners = new int[32];
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String s = line.strip();
                if (s.isEmpty() || s.charAt(0) == '#') {
                    continue;
                }
                String[] t = s.split("\\s+");
                switch (t[0]) {
                    case "v" -> {
                        if (t.length != 4 && t.length != 5 && t.length != 7) {
                            throw bad(path, lineNumber, "expected 'v x y z' or 'v x y z r g b'");
                        }
                        for (int a = 1; a <= 3; a++) {
                            p.positions.add(number(path, lineNumber, t[a]));
                        }
                        if (t.length == 7) {
                            for (int a = 4; a <= 6; a++) {
                                p.colors.add(number(path, lineNumber, t[a]));
                            }
                            p.verticesWithColor++;
                        } else {
                            for (int a = 0; a < 3; a++) {
                                p.colors.add(0);
                            }
                        }
                    }
                    case "vn" -> {
                        if (t.length != 4) {
                            throw bad(path, lineNumber, "expected 'vn x y z'");
                        }
                        for (int a = 1; a <= 3; a++) {
                            p.normals.add(number(path, lineNumber, t[a]));
                        }
                    }
                    case "f" -> {
                        int n = t.length - 1;
                        if (n < 3) {
                            throw bad(path, lineNumber, "a face needs at least 3 vertices");
                        }
                        if (2 * n > corners.length) {
                            corners = new int[2 * n];
                        }
                        for (int k = 0; k < n; k++) {
                            parseCorner(path, lineNumber, t[k + 1], p, corners, 2 * k);
                        }
                        for (int k = 1; k + 1 < n; k++) {
                            addCorner(p, corners, 0, lineNumber);
                            addCorner(p, corners, 2 * k, lineNumber);
                            addCorner(p, corners, 2 * (k + 1), lineNumber);
                        }
                    }
                    case "o" -> p.objects.add(new ObjectRange(t.length > 1 ? s.substring(1).strip() : null,
                        p.positions.size() / 3, p.faces.size() / 9));
                    default -> {
                        // vt, g, s, usemtl, mtllib, l, p...: not part of a Mesh.
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(path, "file not found; expected an OBJ mesh", e);
        } catch (IOException e) {
            throw new BadInputException(path, "cannot read (" + e.getMessage() + "); expected an OBJ mesh", e);
        }
        if (p.positions.size() == 0) {
            throw new BadInputException(path, "no 'v' lines; expected an OBJ mesh");
        }
        if (p.objects.isEmpty() || p.objects.get(0).firstVertex > 0 || p.objects.get(0).firstFace > 0) {
            p.objects.add(0, new ObjectRange(null, 0, 0));
        }
        return p;
    }

    private static void addCorner(Parsed p, int[] corners, int at, int line) {
        p.faces.add(corners[at]);
        p.faces.add(corners[at + 1]);
        p.faces.add(line);
    }

    private static void parseCorner(Path path, int line, String token, Parsed p, int[] out, int at) {
        String[] parts = token.split("/", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw bad(path, line, "face corner '" + token + "' is not v, v/t, v/t/n or v//n");
        }
        out[at] = index(path, line, parts[0], p.positions.size() / 3);
        out[at + 1] = parts.length == 3 && !parts[2].isEmpty() ? index(path, line, parts[2], p.normals.size() / 3) : -1;
    }

    private static int index(Path path, int line, String token, int count) {
        int i;
        try {
            i = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw bad(path, line, "'" + token + "' is not an index");
        }
        int zeroBased = i > 0 ? i - 1 : count + i;
        if (i == 0 || zeroBased < 0 || zeroBased >= count) {
            throw bad(path, line, "index " + i + " is out of range; " + count + " defined so far");
        }
        return zeroBased;
    }

    private static double number(Path path, int line, String token) {
        try {
            double v = Double.parseDouble(token);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(path, line, "'" + token + "' is not a finite number");
    }

    private static BadInputException bad(Path path, int line, String message) {
        return new BadInputException(path, "line " + line + ": " + message);
    }
}
