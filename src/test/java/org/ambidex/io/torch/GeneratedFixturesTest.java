package org.ambidex.io.torch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.PickleReader;
import org.ambidex.io.pickle.PyComplex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by the real tools (numpy 2.4 pickles of protocols 0, 2, 4 and 5; PyTorch 1.13 checkpoints in
 * both containers with pickle protocol 4 and a plain pickle.dump of tensors; parameters, views sharing a storage, a transposed and an expanded
 * view, bfloat16, complex, a numpy array inside) read as the tools' own dump (the .expected.json beside each,
 * made by make_fixtures.py) says, bit for bit.
 */
class GeneratedFixturesTest {

    static Path fixture(String name) {
        try {
            return Path.of(GeneratedFixturesTest.class.getResource("/fixtures/generated/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"numpy2_protocol0.pkl", "numpy2_protocol2.pkl", "numpy2_protocol4.pkl", "numpy2_protocol5.pkl",
        "torch_protocol4.pt", "torch_legacy_views.pth", "plain_tensor.pkl"})
    void readsAsTheToolsSay(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(fixture(name + ".expected.json").toFile());
        Object actual = name.endsWith(".pkl") ? PickleReader.read(fixture(name)) : Checkpoints.readObject(fixture(name));
        compare(expected, actual, name);
    }

    private static void compare(JsonNode expected, Object actual, String path) {
        if (expected.isObject() && expected.has("dtype")) {
            assertThat(actual).as(path).isInstanceOf(NdArray.class);
            NdArray a = (NdArray) actual;
            assertThat(a.dtype().displayName()).as(path).isEqualTo(expected.get("dtype").asText());
            List<Integer> shape = new ArrayList<>();
            expected.get("shape").forEach(d -> shape.add(d.asInt()));
            assertThat(a.shape()).as(path).containsExactly(shape.stream().mapToInt(Integer::intValue).toArray());
            List<JsonNode> values = new ArrayList<>();
            expected.get("values").forEach(values::add);
            List<Double> doubles = asDoubles(a);
            assertThat(doubles).as(path).hasSize(values.size());
            for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                if (v.isBoolean()) {
                    assertThat(doubles.get(i) != 0).as(path + "[" + i + "]").isEqualTo(v.asBoolean());
                } else if (v.isIntegralNumber() && !a.dtype().isFloating()) {
                    assertThat(a.getLong(i)).as(path + "[" + i + "]").isEqualTo(v.asLong());
                } else {
                    assertThat(Double.doubleToLongBits(doubles.get(i))).as(path + "[" + i + "]")
                        .isEqualTo(Double.doubleToLongBits(v.asDouble()));
                }
            }
        } else if (expected.isObject() && expected.has("dict")) {
            Map<?, ?> map = (Map<?, ?>) actual;
            List<String> keys = new ArrayList<>();
            expected.get("dict").fieldNames().forEachRemaining(keys::add);
            assertThat(map.keySet().stream().map(String::valueOf).toList()).as(path).isEqualTo(keys);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                compare(expected.get("dict").get(String.valueOf(e.getKey())), e.getValue(), path + "." + e.getKey());
            }
        } else if (expected.isObject() && expected.has("list")) {
            List<?> list = (List<?>) actual;
            assertThat(list).as(path).hasSize(expected.get("list").size());
            for (int i = 0; i < list.size(); i++) {
                compare(expected.get("list").get(i), list.get(i), path + "." + i);
            }
        } else if (expected.isObject() && expected.has("set")) {
            List<Object> items = new ArrayList<>();
            for (Iterator<JsonNode> it = expected.get("set").elements(); it.hasNext(); ) {
                JsonNode n = it.next();
                items.add(n.isTextual() ? n.asText() : (Object) n.asLong());
            }
            assertThat(new ArrayList<Object>((Set<?>) actual)).as(path).containsExactlyInAnyOrderElementsOf(items);
        } else if (expected.isObject() && expected.has("complex")) {
            assertThat(actual).as(path).isEqualTo(new PyComplex(expected.get("complex").get(0).asDouble(),
                expected.get("complex").get(1).asDouble()));
        } else if (expected.isObject() && expected.has("bytes")) {
            byte[] bytes = (byte[]) actual;
            assertThat(bytes).as(path).hasSize(expected.get("bytes").size());
            for (int i = 0; i < bytes.length; i++) {
                assertThat(bytes[i] & 0xff).as(path).isEqualTo(expected.get("bytes").get(i).asInt());
            }
        } else if (expected.isObject() && expected.has("torch_dtype")) {
            assertThat(actual).as(path).isEqualTo(expected.get("torch_dtype").asText());
        } else if (expected.isNull()) {
            assertThat(actual).as(path).isNull();
        } else if (expected.isBoolean()) {
            assertThat(actual).as(path).isEqualTo(expected.asBoolean());
        } else if (expected.isBigInteger()) {
            assertThat(actual).as(path).isEqualTo(expected.bigIntegerValue());
        } else if (expected.isIntegralNumber()) {
            assertThat(actual).as(path).isEqualTo(expected.asLong());
        } else if (expected.isDouble()) {
            assertThat(actual).as(path).isEqualTo(expected.asDouble());
        } else if (expected.isTextual()) {
            assertThat(actual).as(path).isEqualTo(expected.asText());
        } else {
            throw new AssertionError(path + ": unexpected " + expected);
        }
    }

    /** Elements as doubles in C order; complex elements as (real, imaginary) pairs. */
    private static List<Double> asDoubles(NdArray a) {
        List<Double> out = new ArrayList<>();
        if (!a.dtype().isComplex()) {
            for (long i = 0; i < a.size(); i++) {
                out.add(a.dtype() == DType.UINT64 ? new BigInteger(Long.toUnsignedString(a.getLong(i))).doubleValue()
                    : a.getDouble(i));
            }
            return out;
        }
        ByteBuffer b = a.toCOrder().buffer().order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < 2 * a.size(); i++) {
            out.add(a.dtype() == DType.COMPLEX64 ? (double) b.getFloat() : b.getDouble());
        }
        return out;
    }
}
