package org.ambidex.io.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BuildInfo;

/**
 * Writes glTF 2.0 binary (GLB) files: one scene with one named node per mesh, each node holding a mesh of
 * one indexed triangle primitive with {@code POSITION}, {@code NORMAL} (computed when the mesh has none,
 * renormalised otherwise), {@code COLOR_0} when the mesh has vertex colours, and a material of its own
 * (metal-free PBR with the mesh's material colour, double sided because hand meshes are open at the wrist).
 * Positions are stored as 32-bit floats in metres, glTF's unit; the vertex data is written as it is, with no
 * change of axes. Colours are converted from sRGB to the linear values glTF expects.
 */
public final class GlbWriter {

    /** The material colour of meshes that have none (sRGB). */
    public static final Rgb DEFAULT_COLOR = Rgb.of8Bit(200, 200, 200);

    private static final int GLB_MAGIC = 0x46546C67;
    private static final int CHUNK_JSON = 0x4E4F534A;
    private static final int CHUNK_BIN = 0x004E4942;
    private static final int FLOAT = 5126;
    private static final int UNSIGNED_INT = 5125;
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;

    private GlbWriter() {
    }

    /** Writes {@code meshes} to {@code path} atomically. */
    public static void write(Path path, List<Mesh> meshes) {
        if (meshes.isEmpty()) {
            throw new IllegalArgumentException("no mesh to write to " + path);
        }
        AtomicOutput.write(path, out -> writeTo(out, meshes));
    }

    /** Writes the GLB bytes of {@code meshes} to {@code out} (not closed). */
    public static void writeTo(OutputStream out, List<Mesh> meshes) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode asset = root.putObject("asset");
        BuildInfo build = BuildInfo.current();
        asset.put("version", "2.0");
        asset.put("generator", "ambidex " + build.version() + " (" + build.commit() + ")");
        asset.putObject("extras").put("unit", "metres");
        root.put("scene", 0);
        ObjectNode scene = root.putArray("scenes").addObject();
        scene.put("name", "ambidex");
        ArrayNode sceneNodes = scene.putArray("nodes");
        ArrayNode nodes = root.putArray("nodes");
        ArrayNode gltfMeshes = root.putArray("meshes");
        ArrayNode materials = root.putArray("materials");
        ArrayNode accessors = root.putArray("accessors");
        ArrayNode views = root.putArray("bufferViews");
        ByteArrayOutputStream bin = new ByteArrayOutputStream();

        for (int m = 0; m < meshes.size(); m++) {
            Mesh mesh = meshes.get(m);
            int v = mesh.vertexCount();
            if (v == 0) {
                throw new IllegalArgumentException("mesh " + mesh.name() + " has no vertices; glTF needs at least one");
            }
            float[] positions = new float[3 * v];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = (float) mesh.position(i / 3, i % 3);
            }
            ObjectNode attributes = json.createObjectNode();
            attributes.put("POSITION", addFloatAccessor(json, accessors, views, bin, positions, true));
            attributes.put("NORMAL", addFloatAccessor(json, accessors, views, bin, unitNormals(mesh), false));
            if (mesh.hasVertexColors()) {
                float[] colors = new float[3 * v];
                for (int i = 0; i < colors.length; i++) {
                    colors[i] = (float) Rgb.toLinear(mesh.vertexColor(i / 3, i % 3) / 255.0);
                }
                attributes.put("COLOR_0", addFloatAccessor(json, accessors, views, bin, colors, false));
            }

            ObjectNode material = materials.addObject();
            material.put("name", mesh.name() + "-material");
            ObjectNode pbr = material.putObject("pbrMetallicRoughness");
            double[] linear = (mesh.materialColor() != null ? mesh.materialColor() : DEFAULT_COLOR).toLinearArray();
            pbr.putArray("baseColorFactor").add(linear[0]).add(linear[1]).add(linear[2]).add(1.0);
            pbr.put("metallicFactor", 0.0);
            pbr.put("roughnessFactor", 0.6);
            material.put("doubleSided", true);

            ObjectNode primitive = json.createObjectNode();
            primitive.set("attributes", attributes);
            if (mesh.faceCount() > 0) {
                primitive.put("indices", addIndexAccessor(accessors, views, bin, mesh));
                primitive.put("mode", 4);
            } else {
                primitive.put("mode", 0);
            }
            primitive.put("material", m);
            ObjectNode gltfMesh = gltfMeshes.addObject();
            gltfMesh.put("name", mesh.name());
            gltfMesh.putArray("primitives").add(primitive);

            ObjectNode node = nodes.addObject();
            node.put("name", mesh.name());
            node.put("mesh", m);
            sceneNodes.add(m);
        }
        root.putArray("buffers").addObject().put("byteLength", bin.size());

        byte[] jsonBytes = padded(json.writeValueAsBytes(root), (byte) ' ');
        byte[] binBytes = padded(bin.toByteArray(), (byte) 0);
        int total = 12 + 8 + jsonBytes.length + 8 + binBytes.length;
        ByteBuffer header = ByteBuffer.allocate(12 + 8).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(GLB_MAGIC).putInt(2).putInt(total).putInt(jsonBytes.length).putInt(CHUNK_JSON);
        out.write(header.array());
        out.write(jsonBytes);
        ByteBuffer binHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        binHeader.putInt(binBytes.length).putInt(CHUNK_BIN);
        out.write(binHeader.array());
        out.write(binBytes);
        out.flush();
    }

    private static float[] unitNormals(Mesh mesh) {
        double[] n = mesh.hasNormals() ? mesh.normals() : VertexNormals.areaWeighted(mesh);
        float[] f = new float[n.length];
        for (int i = 0; i < n.length; i += 3) {
            double len = Math.sqrt(n[i] * n[i] + n[i + 1] * n[i + 1] + n[i + 2] * n[i + 2]);
            if (len > 0 && Double.isFinite(len)) {
                f[i] = (float) (n[i] / len);
                f[i + 1] = (float) (n[i + 1] / len);
                f[i + 2] = (float) (n[i + 2] / len);
            } else {
                f[i + 2] = 1;
            }
        }
        return f;
    }

    private static int addFloatAccessor(ObjectMapper json, ArrayNode accessors, ArrayNode views,
                                        ByteArrayOutputStream bin, float[] values, boolean withBounds) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            b.putFloat(f);
        }
        int view = addView(views, bin, b.array(), ARRAY_BUFFER);
        ObjectNode a = accessors.addObject();
        a.put("bufferView", view);
        a.put("componentType", FLOAT);
        a.put("count", values.length / 3);
        a.put("type", "VEC3");
        if (withBounds) {
            // Required for POSITION; computed from the stored floats so they match exactly.
            ArrayNode min = a.putArray("min");
            ArrayNode max = a.putArray("max");
            for (int axis = 0; axis < 3; axis++) {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int i = axis; i < values.length; i += 3) {
                    lo = Math.min(lo, values[i]);
                    hi = Math.max(hi, values[i]);
                }
                if (values.length == 0) {
                    lo = 0;
                    hi = 0;
                }
                min.add(lo);
                max.add(hi);
            }
        }
        return accessors.size() - 1;
    }

    private static int addIndexAccessor(ArrayNode accessors, ArrayNode views, ByteArrayOutputStream bin, Mesh mesh) {
        int[] faces = mesh.faces();
        ByteBuffer b = ByteBuffer.allocate(4 * faces.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : faces) {
            b.putInt(i);
        }
        int view = addView(views, bin, b.array(), ELEMENT_ARRAY_BUFFER);
        ObjectNode a = accessors.addObject();
        a.put("bufferView", view);
        a.put("componentType", UNSIGNED_INT);
        a.put("count", faces.length);
        a.put("type", "SCALAR");
        return accessors.size() - 1;
    }

    private static int addView(ArrayNode views, ByteArrayOutputStream bin, byte[] data, int target) {
        while (bin.size() % 4 != 0) {
            bin.write(0);
        }
        ObjectNode view = views.addObject();
        view.put("buffer", 0);
        view.put("byteOffset", bin.size());
        view.put("byteLength", data.length);
        view.put("target", target);
        bin.write(data, 0, data.length);
        return views.size() - 1;
    }

    private static byte[] padded(byte[] data, byte pad) {
        int length = (data.length + 3) & ~3;
        byte[] out = java.util.Arrays.copyOf(data, length);
        java.util.Arrays.fill(out, data.length, length, pad);
        return out;
    }
}
