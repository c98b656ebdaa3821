package org.ambidex.io.mesh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ambidex.core.BadInputException;
import org.ambidex.core.InputFiles;

/**
 * Reads Stanford PLY (ASCII, binary little- and big-endian) into a {@link Mesh}: vertex {@code x y z},
 * optional {@code nx ny nz} and {@code red green blue} (8-bit, or floats in 0..1), and the face list
 * {@code vertex_indices} (or {@code vertex_index}); polygons become triangle fans. Other elements and
 * properties are skipped. The mesh is named by an {@code obj_info name ...} header line when present, else
 * after the file. Counts in the header are checked against the file size before anything is allocated.
 */
public final class PlyReader {

    /** Larger files are refused: a hand mesh is a few hundred kilobytes. */
    static final long MAX_FILE_BYTES = 1L << 30;

    private PlyReader() {
    }

    private enum Format { ASCII, BINARY_LE, BINARY_BE }

    private enum Type {
        CHAR(1), UCHAR(1), SHORT(2), USHORT(2), INT(4), UINT(4), FLOAT(4), DOUBLE(8);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        static Type parse(String s) {
            return switch (s) {
                case "char", "int8" -> CHAR;
                case "uchar", "uint8" -> UCHAR;
                case "short", "int16" -> SHORT;
                case "ushort", "uint16" -> USHORT;
                case "int", "int32" -> INT;
                case "uint", "uint32" -> UINT;
                case "float", "float32" -> FLOAT;
                case "double", "float64" -> DOUBLE;
                default -> null;
            };
        }
    }

    private record Property(String name, Type type, Type countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private record Element(String name, long count, List<Property> properties) {
    }

    /** Reads {@code path}. */
    public static Mesh read(Path path) {
        byte[] bytes = InputFiles.readBounded(path, MAX_FILE_BYTES, "a PLY mesh");
        return new Parser(path, bytes).parse();
    }

    private static final class Parser {
        private final Path path;
        private final byte[] bytes;
        private int pos;
        private Format format;
        private String name;
        private final List<Element> elements = new ArrayList<>();

        Parser(Path path, byte[] bytes) {
            this.path = path;
            this.bytes = bytes;
        }

        private BadInputException bad(String message) {
            return new BadInputException(path, message);
        }

        Mesh parse() {
            readHeader();
            Element vertex = elements.stream().filter(e -> e.name.equals("vertex")).findFirst()
                .orElseThrow(() -> bad("no 'vertex' element; expected a PLY mesh"));
            int[] xyz = {find(vertex, "x"), find(vertex, "y"), find(vertex, "z")};
            if (xyz[0] < 0 || xyz[1] < 0 || xyz[2] < 0) {
                throw bad("the vertex element lacks x, y or z; expected vertex positions");
            }
            int[] nxyz = {find(vertex, "nx"), find(vertex, "ny"), find(vertex, "nz")};
            boolean hasNormals = nxyz[0] >= 0 && nxyz[1] >= 0 && nxyz[2] >= 0;
            int[] rgb = {find(vertex, "red"), find(vertex, "green"), find(vertex, "blue")};
            boolean hasColors = rgb[0] >= 0 && rgb[1] >= 0 && rgb[2] >= 0;

            long minBytes = 0;
            for (Element e : elements) {
                long perItem = 0;
                for (Property p : e.properties) {
                    perItem += format == Format.ASCII ? 2 : p.isList() ? p.countType.bytes : p.type.bytes;
                }
                minBytes += e.count * Math.max(perItem, 1);
            }
            if (minBytes > bytes.length - pos || vertex.count > Integer.MAX_VALUE / 3) {
                throw bad("the header declares more data than the file holds; expected a complete PLY file");
            }
            int v = (int) vertex.count;
            double[] positions = new double[3 * v];
            double[] normals = hasNormals ? new double[3 * v] : null;
            byte[] colors = hasColors ? new byte[3 * v] : null;
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(format == Format.BINARY_BE ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
            buffer.position(pos);
            Tokens tokens = format == Format.ASCII ? new Tokens(bytes, pos) : null;

            for (Element e : elements) {
                int faceList = e.name.equals("face") ? Math.max(find(e, "vertex_indices"), find(e, "vertex_index")) : -1;
                double[] values = new double[e.properties.size()];
                for (long item = 0; item < e.count; item++) {
                    for (int k = 0; k < e.properties.size(); k++) {
                        Property p = e.properties.get(k);
                        if (p.isList()) {
                            long n = (long) read(buffer, tokens, p.countType);
                            if (n < 0 || n > 1_000_000) {
                                throw bad("a list of " + n + " items in element '" + e.name + "'; expected a small polygon");
                            }
                            int[] list = new int[(int) n];
                            for (int i = 0; i < n; i++) {
                                list[i] = (int) read(buffer, tokens, p.type);
                            }
                            if (k == faceList) {
                                addFan(list, v, item);
                            }
                        } else {
                            values[k] = read(buffer, tokens, p.type);
                        }
                    }
                    if (e == vertex) {
                        int i = (int) item;
                        for (int a = 0; a < 3; a++) {
                            positions[3 * i + a] = finite(values[xyz[a]], i);
                            if (hasNormals) {
                                normals[3 * i + a] = finite(values[nxyz[a]], i);
                            }
                            if (hasColors) {
                                colors[3 * i + a] = (byte) color(values[rgb[a]], vertex.properties.get(rgb[a]).type);
                            }
                        }
                    }
                }
            }
            String meshName = name != null ? name : stem(path);
            int[] tri = faces.toArray(0, faces.size());
            try {
                return new Mesh(meshName, positions, tri, normals, colors, null);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(path, e.getMessage() + "; expected a valid triangle mesh", e);
            }
        }

        private GrowableArrays.Ints faces;

        private void addFan(int[] list, int v, long item) {
            if (list.length < 3) {
                throw bad("face " + item + " has " + list.length + " vertices; expected at least 3");
            }
            for (int i : list) {
                if (i < 0 || i >= v) {
                    throw bad("face " + item + " refers to vertex " + i + " of " + v);
                }
            }
            for (int k = 1; k + 1 < list.length; k++) {
                faces.add(list[0]);
                faces.add(list[k]);
                faces.add(list[k + 1]);
            }
        }

        private double finite(double value, int vertex) {
            if (!Double.isFinite(value)) {
                throw bad("vertex " + vertex + " has a non-finite value; expected finite coordinates");
            }
            return value;
        }

        private static int color(double value, Type type) {
            if (type == Type.FLOAT || type == Type.DOUBLE) {
                return Rgb.to8Bit(value);
            }
            return (int) Math.max(0, Math.min(255, value));
        }

        private double read(ByteBuffer b, Tokens tokens, Type type) {
            if (tokens != null) {
                String t = tokens.next();
                if (t == null) {
                    throw bad("the data ends early; expected the counts the header declares");
                }
                try {
                    // A float property's text names a float: parse it as one so the value is that float.
                    return type == Type.FLOAT ? Float.parseFloat(t) : Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw bad("'" + t + "' is not a number");
                }
            }
            if (b.remaining() < type.bytes) {
                throw bad("the data ends early; expected the counts the header declares");
            }
            return switch (type) {
                case CHAR -> b.get();
                case UCHAR -> b.get() & 0xFF;
                case SHORT -> b.getShort();
                case USHORT -> b.getShort() & 0xFFFF;
                case INT -> b.getInt();
                case UINT -> b.getInt() & 0xFFFFFFFFL;
                case FLOAT -> b.getFloat();
                case DOUBLE -> b.getDouble();
            };
        }

        private static int find(Element e, String property) {
            for (int k = 0; k < e.properties.size(); k++) {
                if (e.properties.get(k).name.equals(property)) {
                    return k;
                }
            }
            return -1;
        }

        private String nextHeaderLine() {
            int start = pos;
            while (pos < bytes.length && bytes[pos] != '\n') {
                pos++;
            }
            if (pos >= bytes.length) {
                throw bad("the header has no end_header line; expected a PLY file");
            }
            String line = new String(bytes, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        private void readHeader() {
            faces = new GrowableArrays.Ints();
            if (bytes.length < 4 || !nextHeaderLine().strip().equals("ply")) {
                throw bad("does not start with 'ply'; expected a PLY file");
            }
            while (true) {
                String line = nextHeaderLine().strip();
                String[] t = line.split("\\s+");
                switch (t[0]) {
                    case "format" -> {
                        if (t.length < 2) {
                            throw bad("bad format line '" + line + "'");
                        }
                        format = switch (t[1]) {
                            case "ascii" -> Format.ASCII;
                            case "binary_little_endian" -> Format.BINARY_LE;
                            case "binary_big_endian" -> Format.BINARY_BE;
                            default -> throw bad("unknown format '" + t[1] + "'; expected ascii or binary");
                        };
                    }
                    case "element" -> {
                        if (t.length != 3) {
                            throw bad("bad element line '" + line + "'");
                        }
                        long count;
                        try {
                            count = Long.parseLong(t[2]);
                        } catch (NumberFormatException e) {
                            throw bad("bad element count in '" + line + "'");
                        }
                        if (count < 0) {
                            throw bad("negative element count in '" + line + "'");
                        }
                        elements.add(new Element(t[1], count, new ArrayList<>()));
                    }
                    case "property" -> {
                        if (elements.isEmpty()) {
                            throw bad("a property before any element");
                        }
                        Property p;
                        if (t.length == 5 && t[1].equals("list")) {
                            p = new Property(t[4], type(t[3], line), type(t[2], line));
                        } else if (t.length == 3) {
                            p = new Property(t[2], type(t[1], line), null);
                        } else {
                            throw bad("bad property line '" + line + "'");
                        }
                        elements.get(elements.size() - 1).properties.add(p);
                    }
                    case "obj_info" -> {
                        String rest = line.substring("obj_info".length()).strip();
                        if (rest.toLowerCase(Locale.ROOT).startsWith("name ") && name == null) {
                            name = rest.substring(5).strip();
                        }
                    }
                    case "end_header" -> {
                        if (format == null) {
                            throw bad("no format line; expected a PLY header");
                        }
                        return;
                    }
                    default -> {
                        // comment and unknown header lines
                    }
                }
            }
        }

        private Type type(String s, String line) {
            Type t = Type.parse(s);
            if (t == null) {
                throw bad("unknown property type '" + s + "' in '" + line + "'");
            }
            return t;
        }
    }

    /** White-space separated tokens of an ASCII body. */
    private static final class Tokens {
        private final byte[] b;
        private int i;

        Tokens(byte[] b, int start) {
            this.b = b;
            this.i = start;
        }

        String next() {
            while (i < b.length && b[i] <= ' ') {
                i++;
            }
            if (i >= b.length) {
                return null;
            }
            int start = i;
            while (i < b.length && b[i] > ' ') {
                i++;
            }
            return new String(b, start, i - start, StandardCharsets.US_ASCII);
        }
    }

    private static String stem(Path path) {
        String f = path.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
