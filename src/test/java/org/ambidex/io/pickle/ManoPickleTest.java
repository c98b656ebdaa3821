package org.ambidex.io.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MANO-format fixtures (Python 2 pickles with numpy, scipy.sparse and chumpy objects) read into the
 * same arrays as their plain .npz twins, which were written from the same Python objects.
 */
@SuppressWarnings("unchecked")
class ManoPickleTest {

    static Path fixture(String name) {
        try {
            return Path.of(ManoPickleTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RIGHT", "LEFT"})
    void pickleAndNpzHoldIdenticalArrays(String side) {
        Map<Object, Object> pkl = (Map<Object, Object>) PickleReader.read(fixture("mano-format/MANO_" + side + ".pkl"));
        Map<String, NdArray> npz = Npz.read(fixture("mano-format/MANO_" + side + ".npz"));

        assertThat(pkl.keySet()).containsExactlyInAnyOrder((Object) "hands_components", "f", "J_regressor", "kintree_table",
            "J", "bs_style", "hands_coeffs", "weights", "posedirs", "hands_mean", "v_template", "shapedirs", "bs_type");
        assertThat(pkl.get("bs_style")).isEqualTo("lbs");
        assertThat(pkl.get("bs_type")).isEqualTo("lrotmin");

        for (String key : npz.keySet()) {
            Object value = pkl.get(key);
            NdArray expected = npz.get(key);
            NdArray actual = value instanceof SparseMatrix m ? m.toDense() : (NdArray) value;
            assertThat(actual.shape()).as(key).isEqualTo(expected.shape());
            assertThat(actual.dtype()).as(key).isEqualTo(expected.dtype());
            assertThat(actual).as(key).isEqualTo(expected); // bit-exact element bytes
        }
    }

    @Test
    void shapedirsComesFromTheChumpySelectAndJRegressorFromTheSparseMatrix() {
        Map<Object, Object> pkl = (Map<Object, Object>) PickleReader.read(fixture("mano-format/MANO_RIGHT.pkl"));
        NdArray shapedirs = (NdArray) pkl.get("shapedirs");
        assertThat(shapedirs.shape()).containsExactly(778, 3, 10);
        assertThat(shapedirs.dtype()).isEqualTo(DType.FLOAT64);

        SparseMatrix regressor = (SparseMatrix) pkl.get("J_regressor");
        assertThat(regressor.format()).isEqualTo(SparseMatrix.Format.CSC);
        assertThat(regressor.shape()).containsExactly(16, 778);
        NdArray dense = regressor.toDense();
        assertThat(dense.shape()).containsExactly(16, 778);
        // Every row of a joint regressor sums to 1.
        for (int j = 0; j < 16; j++) {
            double sum = 0;
            for (int v = 0; v < 778; v++) {
                sum += dense.get(j, v);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }

        NdArray kintree = (NdArray) pkl.get("kintree_table");
        assertThat(kintree.dtype()).isEqualTo(DType.INT64);
        assertThat(kintree.getLong(0)).isEqualTo(4294967295L);
        NdArray faces = (NdArray) pkl.get("f");
        assertThat(faces.dtype()).isEqualTo(DType.UINT32);
        assertThat(faces.shape()).containsExactly(1538, 3);
    }

    @Test
    void leftFileReproducesTheOfficialShapedirsDefect() {
        NdArray right = (NdArray) ((Map<?, ?>) PickleReader.read(fixture("mano-format/MANO_RIGHT.pkl"))).get("shapedirs");
        NdArray left = (NdArray) ((Map<?, ?>) PickleReader.read(fixture("mano-format/MANO_LEFT.pkl"))).get("shapedirs");
        double difference = 0;
        for (int v = 0; v < 778; v++) {
            for (int k = 0; k < 10; k++) {
                difference += Math.abs(left.get(v, 0, k) - right.get(v, 0, k));
            }
        }
        assertThat(difference).isZero();
        assertThat(left).isNotEqualTo(right);
    }
}
