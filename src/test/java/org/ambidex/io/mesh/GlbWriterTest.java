package org.ambidex.io.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlbWriterTest {

    @TempDir
    Path dir;

    private static List<Mesh> twoHands() {
        Mesh right = Shapes.ellipsoid("right_hand", -0.05, 0, 0.5, 0.04, 0.09, 0.02, 12, 16)
            .withMaterialColor(Rgb.ofHex(0xE0A080));
        byte[] colors = new byte[3 * 642];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = (byte) (i * 37);
        }
        // No normals of its own: the writer computes them.
        Mesh left = Mesh.of("left_hand", Shapes.icosphere("x", 0.05, 0, 0.5, 0.05, 3).positions(),
            Shapes.icosphere("x", 0.05, 0, 0.5, 0.05, 3).faces()).withVertexColors(colors);
        return List.of(right, left);
    }

    @Test
    void glbStructureHoldsNamedNodesMaterialsAndTheExactFloats() throws IOException {
        Path file = dir.resolve("hands.glb");
        List<Mesh> meshes = twoHands();
        GlbWriter.write(file, meshes);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).isEqualTo(0x46546C67);
        assertThat(b.getInt()).isEqualTo(2);
        assertThat(b.getInt()).isEqualTo(b.capacity());
        int jsonLength = b.getInt();
        assertThat(b.getInt()).isEqualTo(0x4E4F534A);
        assertThat(jsonLength % 4).isZero();
        byte[] jsonBytes = new byte[jsonLength];
        b.get(jsonBytes);
        JsonNode gltf = new ObjectMapper().readTree(new String(jsonBytes, StandardCharsets.UTF_8));
        int binLength = b.getInt();
        assertThat(b.getInt()).isEqualTo(0x004E4942);
        int binStart = b.position();
        assertThat(binStart + binLength).isEqualTo(b.capacity());

        assertThat(gltf.at("/asset/version").asText()).isEqualTo("2.0");
        assertThat(gltf.at("/asset/extras/unit").asText()).isEqualTo("metres");
        assertThat(gltf.at("/nodes/0/name").asText()).isEqualTo("right_hand");
        assertThat(gltf.at("/nodes/1/name").asText()).isEqualTo("left_hand");
        assertThat(gltf.get("materials")).hasSize(2);
        // sRGB 0xE0 = 224 -> linear 0.7454.
        assertThat(gltf.at("/materials/0/pbrMetallicRoughness/baseColorFactor/0").asDouble())
            .isCloseTo(Rgb.toLinear(224 / 255.0), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(gltf.at("/meshes/1/primitives/0/attributes/COLOR_0").isInt()).isTrue();
        assertThat(gltf.at("/meshes/0/primitives/0/attributes/COLOR_0").isMissingNode()).isTrue();

        for (int m = 0; m < 2; m++) {
            Mesh mesh = meshes.get(m);
            JsonNode primitive = gltf.at("/meshes/" + m + "/primitives/0");
            float[] positions = floats(gltf, b, binStart, primitive.at("/attributes/POSITION").asInt());
            assertThat(positions).hasSize(3 * mesh.vertexCount());
            for (int i = 0; i < positions.length; i++) {
                assertThat(positions[i]).isEqualTo((float) mesh.position(i / 3, i % 3));
            }
            float[] normals = floats(gltf, b, binStart, primitive.at("/attributes/NORMAL").asInt());
            double[] expected = mesh.hasNormals() ? mesh.normals() : VertexNormals.areaWeighted(mesh);
            for (int i = 0; i < normals.length; i++) {
                assertThat((double) normals[i]).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-6));
            }
            JsonNode indices = gltf.at("/accessors/" + primitive.get("indices").asInt());
            assertThat(indices.get("count").asInt()).isEqualTo(3 * mesh.faceCount());
            int offset = binStart + gltf.at("/bufferViews/" + indices.get("bufferView").asInt() + "/byteOffset").asInt();
            for (int i = 0; i < 3 * mesh.faceCount(); i++) {
                assertThat(b.getInt(offset + 4 * i)).isEqualTo(mesh.face(i / 3, i % 3));
            }
        }
    }

    private static float[] floats(JsonNode gltf, ByteBuffer b, int binStart, int accessor) {
        JsonNode a = gltf.at("/accessors/" + accessor);
        JsonNode view = gltf.at("/bufferViews/" + a.get("bufferView").asInt());
        float[] out = new float[3 * a.get("count").asInt()];
        int offset = binStart + view.get("byteOffset").asInt();
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat(offset + 4 * i);
        }
        return out;
    }

    /** The Khronos validator finds no errors and no warnings (see {@link GltfValidator} for when it runs). */
    @Test
    void khronosValidatorReportsNoErrorsOrWarnings() throws Exception {
        Path file = dir.resolve("hands.glb");
        GlbWriter.write(file, twoHands());
        JsonNode report = GltfValidator.assertValid(file);
        assertThat(report.at("/info/totalVertexCount").asInt()).isEqualTo(12 * 16 - 16 + 2 + 642);
        Path single = dir.resolve("box.glb");
        GlbWriter.write(single, List.of(Shapes.box("box", 0, 0, 0, 0.1, 0.1, 0.1)));
        GltfValidator.assertValid(single);
    }
}
