package org.ambidex.data.freihand;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.ambidex.core.BadInputException;
import org.ambidex.geom.Intrinsics;

/**
 * One split of a FreiHAND folder: {@code <split>_xyz.json} (a list of 21 x 3 joints, metres) and
 * {@code <split>_K.json} (a list of 3 x 3 intrinsic matrices) are read whole (they are small);
 * {@code <split>_verts.json} (a list of 778 x 3 vertices), when present, is streamed sample by sample while
 * iterating, so its hundreds of megabytes never sit in memory.
 *
 * <p>Splits are named by their file prefix: {@code training} or {@code evaluation}.
 */
public final class FreiHandDataset implements Iterable<FreiHandSample> {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int VERTICES = 778;

    private final Path root;
    private final String split;
    private final List<double[]> joints;
    private final List<Intrinsics> intrinsics;
    private final Path verticesFile;

    private FreiHandDataset(Path root, String split, List<double[]> joints, List<Intrinsics> intrinsics,
                            Path verticesFile) {
        this.root = root;
        this.split = split;
        this.joints = joints;
        this.intrinsics = intrinsics;
        this.verticesFile = verticesFile;
    }

    /** Whether {@code root} holds the annotation files of {@code split}. */
    public static boolean isFreiHand(Path root, String split) {
        return Files.isRegularFile(root.resolve(split + "_xyz.json"));
    }

    /** Opens split {@code split} (e.g. {@code training}, {@code evaluation}) of the FreiHAND folder {@code root}. */
    public static FreiHandDataset open(Path root, String split) {
        Path xyzFile = root.resolve(split + "_xyz.json");
        Path kFile = root.resolve(split + "_K.json");
        if (!Files.isRegularFile(xyzFile)) {
            throw new BadInputException(xyzFile, "no such file; expected FreiHAND's " + split + "_xyz.json");
        }
        if (!Files.isRegularFile(kFile)) {
            throw new BadInputException(kFile, "no such file; expected FreiHAND's " + split + "_K.json");
        }
        List<double[]> xyz = readMatrices(xyzFile, 21, 3);
        List<double[]> ks = readMatrices(kFile, 3, 3);
        if (xyz.size() != ks.size()) {
            throw new BadInputException(kFile, ks.size() + " camera matrices for " + xyz.size()
                + " joint sets in " + xyzFile.getFileName() + "; expected one per sample");
        }
        List<Intrinsics> intrinsics = new ArrayList<>(ks.size());
        for (int i = 0; i < ks.size(); i++) {
            double[] k = ks.get(i);
            if (k[1] != 0 || k[3] != 0 || k[6] != 0 || k[7] != 0 || k[8] != 1) {
                throw new BadInputException(kFile, "matrix " + i + " is not a pinhole K [[fx,0,cx],[0,fy,cy],[0,0,1]]");
            }
            intrinsics.add(new Intrinsics(k[0], k[4], k[2], k[5]));
        }
        Path verts = root.resolve(split + "_verts.json");
        return new FreiHandDataset(root, split, xyz, intrinsics, Files.isRegularFile(verts) ? verts : null);
    }

    public int size() {
        return joints.size();
    }

    public String split() {
        return split;
    }

    public Path root() {
        return root;
    }

    /** The camera of sample {@code index}, pixels of its 224 x 224 image. */
    public Intrinsics intrinsics(int index) {
        return intrinsics.get(index);
    }

    /** The image of sample {@code index}: {@code <root>/<split>/rgb/%08d.jpg}. */
    public Path image(int index) {
        return root.resolve(split).resolve("rgb").resolve(String.format(java.util.Locale.ROOT, "%08d.jpg", index));
    }

    /** Whether the split has ground-truth vertices. */
    public boolean hasVertices() {
        return verticesFile != null;
    }

    /** Samples in file order; vertices are parsed as the iteration reaches them. */
    @Override
    public Iterator<FreiHandSample> iterator() {
        return new Iterator<>() {
            private int next;
            private JsonParser verts = verticesFile == null ? null : openVertices();

            @Override
            public boolean hasNext() {
                if (next < joints.size()) {
                    return true;
                }
                closeVertices();
                return false;
            }

            @Override
            public FreiHandSample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                double[] v = verts == null ? null : nextVertices();
                int i = next++;
                return new FreiHandSample(i, joints.get(i), intrinsics.get(i), v);
            }

            private JsonParser openVertices() {
                try {
                    JsonParser p = JSON.createParser(verticesFile.toFile());
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        p.close();
                        throw new BadInputException(verticesFile, "expected a list of 778 x 3 vertex arrays");
                    }
                    return p;
                } catch (IOException e) {
                    throw new BadInputException(verticesFile, "not readable (" + describe(e) + ")", e);
                }
            }

            private double[] nextVertices() {
                try {
                    if (verts.nextToken() != JsonToken.START_ARRAY) {
                        throw new BadInputException(verticesFile, "has fewer vertex sets than " + joints.size()
                            + " samples, or entry " + next + " is not a list");
                    }
                    return readMatrix(verts, verticesFile, next, VERTICES, 3);
                } catch (IOException e) {
                    throw new BadInputException(verticesFile, "entry " + next + " not readable (" + describe(e) + ")", e);
                }
            }

            private void closeVertices() {
                if (verts != null) {
                    try {
                        verts.close();
                    } catch (IOException ignored) {
                        // nothing left to read from it
                    }
                    verts = null;
                }
            }
        };
    }

    private static List<double[]> readMatrices(Path file, int rows, int cols) {
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new BadInputException(file, "expected a list of " + rows + " x " + cols + " arrays");
            }
            List<double[]> out = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                out.add(readMatrix(p, file, out.size(), rows, cols));
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new BadInputException(file, "entry " + out.size() + " is not a " + rows + " x " + cols + " array");
            }
            return out;
        } catch (IOException e) {
            throw new BadInputException(file, "not readable as JSON (" + describe(e) + ")", e);
        }
    }

    /** Reads the rows of one matrix; the parser stands on its opening bracket. */
    private static double[] readMatrix(JsonParser p, Path file, int entry, int rows, int cols) throws IOException {
        double[] m = new double[rows * cols];
        int r = 0;
        while (p.nextToken() == JsonToken.START_ARRAY) {
            if (r >= rows) {
                throw new BadInputException(file, "entry " + entry + " has more than " + rows + " rows");
            }
            int c = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.currentToken().isNumeric() || c >= cols) {
                    throw new BadInputException(file, "entry " + entry + " row " + r + " must hold " + cols + " numbers");
                }
                m[r * cols + c++] = p.getDoubleValue();
            }
            if (c != cols) {
                throw new BadInputException(file, "entry " + entry + " row " + r + " must hold " + cols + " numbers, got "
                    + c);
            }
            r++;
        }
        if (r != rows) {
            throw new BadInputException(file, "entry " + entry + " has " + r + " rows; expected " + rows);
        }
        return m;
    }

    private static String describe(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
    }
}
