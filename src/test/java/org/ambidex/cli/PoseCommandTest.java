package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.ObjReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ambidex pose} against the smplx reference outputs, and its handling of bad input. */
class PoseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(PoseCommandTest.class.getResource("/fixtures/mano-format/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyReferenceCaseThroughTheCommandLine() throws IOException {
        JsonNode reference = JSON.readTree(fixture("reference_outputs.json").toFile());
        for (String group : new String[] {"right", "left_raw", "left_shapedirs_fixed"}) {
            // Cases sharing the options run as one parameters list.
            Map<String, List<JsonNode>> byOptions = new LinkedHashMap<>();
            for (JsonNode c : reference.get(group)) {
                String key = c.get("flat_hand_mean").asBoolean() + "/" + c.get("num_pca_comps").asInt();
                byOptions.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            }
            // The pickle for the right hand, the .npz for the left (both proven identical in HandLayerReferenceTest).
            Path model = fixture(group.equals("right") ? "MANO_RIGHT.pkl" : "MANO_LEFT.npz");
            for (List<JsonNode> cases : byOptions.values()) {
                JsonNode first = cases.get(0);
                ArrayNode params = JSON.createArrayNode();
                List<double[]> expectedVertices = new ArrayList<>();
                List<double[]> expectedJoints = new ArrayList<>();
                for (JsonNode c : cases) {
                    for (int b = 0; b < c.get("betas").size(); b++) {
                        ObjectNode o = params.addObject();
                        for (String key : new String[] {"betas", "global_orient", "hand_pose", "transl"}) {
                            o.set(key, c.get(key).get(b));
                        }
                        expectedVertices.add(flat(c.get("vertices").get(b)));
                        expectedJoints.add(flat(c.get("joints21").get(b)));
                    }
                }
                Path paramsFile = dir.resolve(group + "-params.json");
                JSON.writeValue(paramsFile.toFile(), params);
                Path out = dir.resolve(group + "-out.json");
                List<String> args = new ArrayList<>(List.of("pose", "--model", model.toString(), "--params",
                    paramsFile.toString(), "--out", out.toString(), "--tips", "smplx", "--joint-order", "mano"));
                if (first.get("flat_hand_mean").asBoolean()) {
                    args.add("--flat-hand-mean");
                }
                if (first.get("num_pca_comps").asInt() < 45) {
                    args.addAll(List.of("--pca", first.get("num_pca_comps").asText()));
                }
                if (group.equals("left_raw")) {
                    args.add("--no-left-fix");
                }
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertThat(run.status()).as(run.err()).isZero();
                JsonNode result = JSON.readTree(out.toFile());
                assertThat(result.get("format").asText()).isEqualTo("ambidex.pose/1");
                assertThat(result.get("unit").asText()).isEqualTo("m");
                assertThat(result.get("joint_order").asText()).isEqualTo("mano");
                assertThat(result.get("tips").asText()).isEqualTo("smplx");
                assertThat(result.get("left_shapedirs_fixed").asBoolean()).isEqualTo(group.equals("left_shapedirs_fixed"));
                JsonNode results = result.get("results");
                assertThat(results).hasSize(expectedVertices.size());
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get("vertices")).hasSize(778);
                    assertThat(results.get(i).get("joints")).hasSize(21);
                    assertWithin(flat(results.get(i).get("vertices")), expectedVertices.get(i), 1e-6);
                    assertWithin(flat(results.get(i).get("joints")), expectedJoints.get(i), 1e-6);
                }
            }
        }
    }

    @Test
    void meshOutputsOneFileOrOneFilePerResult() throws IOException {
        Path params = Files.writeString(dir.resolve("p.json"),
            "[{\"global_orient\": [0.1, 0.2, 0.3]}, {\"transl\": [0, 0, 1]}, {}]");
        Path single = Files.writeString(dir.resolve("one.json"), "{\"betas\": [1, 2]}");
        CliRun one = CliRun.of("pose", "--model", fixture("MANO_RIGHT.npz").toString(), "--params", single.toString(),
            "--out", dir.resolve("hand.obj").toString());
        assertThat(one.status()).as(one.err()).isZero();
        Mesh mesh = ObjReader.read(dir.resolve("hand.obj"));
        assertThat(mesh.vertexCount()).isEqualTo(778);
        assertThat(mesh.faceCount()).isEqualTo(1538);

        CliRun many = CliRun.of("pose", "--model", fixture("MANO_RIGHT.npz").toString(), "--params", params.toString(),
            "--out", dir.resolve("hands.ply").toString());
        assertThat(many.status()).as(many.err()).isZero();
        assertThat(dir.resolve("hands-0.ply")).exists();
        assertThat(dir.resolve("hands-2.ply")).exists();
        assertThat(dir.resolve("hands.ply")).doesNotExist();
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
        String model = fixture("MANO_RIGHT.npz").toString();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"hand_pose\": [0, 0, 0]}", "hand_pose has 3 values, expected 45");
        cases.put("{\"transl\": [0, 0]}", "transl has 2 values, expected 3");
        cases.put("{\"betas\": [0,0,0,0,0,0,0,0,0,0,0]}", "betas has 11 values, the model takes at most 10");
        cases.put("{\"global_orient\": [0, 0, 0, 1]}", "global_orient has 4 values");
        cases.put("{\"transl\": [0, NaN, 0]}", "transl[1] is NaN");
        cases.put("{\"transl\": [0, 1e999, 0]}", "transl[1] is Infinity");
        cases.put("{\"transl\": [0, \"1\", 0]}", "expected a number");
        cases.put("{\"pose\": [0, 0, 0]}", "unknown key 'pose'");
        cases.put("[{}, {\"shape\": 1}]", "entry 1: unknown key 'shape'");
        cases.put("[1, 2", "not valid JSON");
        cases.put("42", "expected a JSON object or a list");
        Path out = dir.resolve("never.json");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path params = Files.writeString(dir.resolve("bad.json"), c.getKey());
            CliRun run = CliRun.of("pose", "--model", model, "--params", params.toString(), "--out", out.toString());
            assertThat(run.status()).as(c.getKey() + " -> " + run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains(c.getValue());
            assertThat(out).doesNotExist();
        }
        Path good = Files.writeString(dir.resolve("good.json"), "{}");
        Path notAModel = Files.writeString(dir.resolve("MANO_RIGHT.pkl"), "not a model");
        String[][] argLists = {
            {"pose", "--model", notAModel.toString(), "--params", good.toString(), "--out", out.toString()},
            {"pose", "--model", good.toString(), "--params", good.toString(), "--out", out.toString(), "--side", "right"},
            {"pose", "--model", model, "--params", good.toString(), "--out", out.toString(), "--pca", "46"},
            {"pose", "--model", model, "--params", good.toString(), "--out", out.toString(), "--tips", "mine"},
            {"pose", "--model", model, "--params", good.toString(), "--out", out.toString(), "--joint-order", "x"},
            {"pose", "--model", model, "--params", good.toString(), "--out", dir.resolve("x.txt").toString()},
            {"pose", "--model", model, "--params", dir.resolve("absent.json").toString(), "--out", out.toString()},
        };
        for (String[] args : argLists) {
            CliRun run = CliRun.of(args);
            assertThat(run.status()).as(String.join(" ", args) + " -> " + run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).isEqualTo(1);
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void pcaHandPoseNeedsExactlyNCoefficients() throws IOException {
        Path params = Files.writeString(dir.resolve("p.json"), "{\"hand_pose\": [0.5, -0.5, 0.1, 0, 0, 0]}");
        CliRun ok = CliRun.of("pose", "--model", fixture("MANO_RIGHT.npz").toString(), "--params", params.toString(),
            "--out", dir.resolve("o.json").toString(), "--pca", "6");
        assertThat(ok.status()).as(ok.err()).isZero();
        CliRun bad = CliRun.of("pose", "--model", fixture("MANO_RIGHT.npz").toString(), "--params", params.toString(),
            "--out", dir.resolve("o.json").toString(), "--pca", "5");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("hand_pose has 6 values, expected 5 PCA coefficients");
    }

    @Test
    void theDefaultModelIsTheOpenModelOrAClearRefusal() throws IOException {
        Path params = Files.writeString(dir.resolve("p.json"), "{}");
        CliRun run = CliRun.of("pose", "--params", params.toString(), "--out", dir.resolve("o.json").toString());
        if (org.ambidex.hand.BuiltInHandModel.named("open").orElseThrow().isAvailable()) {
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(JSON.readTree(dir.resolve("o.json").toFile()).get("hand_model_source").asText()).contains("open");
        } else {
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("the open hand model is not built yet");
            assertThat(dir.resolve("o.json")).doesNotExist();
        }
    }

    private static double[] flat(JsonNode n) {
        List<Double> out = new ArrayList<>();
        collect(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> collect(c, out));
        } else {
            out.add(n.asDouble());
        }
    }

    private static void assertWithin(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(tolerance);
    }
}
