package org.ambidex.io.tflite;

import static org.ambidex.io.tflite.TinyModel.csr;
import static org.ambidex.io.tflite.TinyModel.dense;
import static org.ambidex.io.tflite.TinyModel.sparsity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.api.Test;

/** Sparse constants (TFLite's SparsityParameters) densified by the reader, and malformed ones refused. */
public class TfliteSparsityTest {

    /** 4 x 4 (OHWI 4 x 1 x 1 x 4), rows compressed: 5 of 16 stored. */
    static final float[] CSR_DENSE = {
        1, 0, 0, 2,
        0, 0, 0, 0,
        0, 3, 0, 0,
        4, 0, 5, 0};

    /** 4 x 4 in 1 x 2 blocks along the last axis, the blocks compressed: 4 blocks stored, zeros inside them too. */
    static final float[] BLOCK_DENSE = {
        1, 2, 0, 0,
        0, 0, 0, 0,
        0, 0, 3, 4,
        5, 0, 0, 6};

    /**
     * A 1 x 1 convolution with the CSR weight (float32, DENSIFY) then one with the block-sparse weight (float16,
     * DENSIFY then DEQUANTIZE), plus an unused 2 x 3 constant stored column by column (traversal order 1, 0):
     * tensors x 0, w1 1-2, y 3, w2 4-6, z 7, columns 8, the convolutions' biases 9 and 10.
     */
    public static TinyModel model(Consumer<TinyModel> change) {
        TinyModel m = new TinyModel();
        int x = m.input("x", 1, 2, 2, 4);
        int w1 = m.sparseWeight("w1", false, new float[] {1, 2, 3, 4, 5},
            sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(4), dense(1), dense(1),
                csr(new int[] {0, 2, 2, 3, 5}, new int[] {0, 3, 1, 0, 2})), 4, 1, 1, 4);
        int y = m.activation("y", 1, 2, 2, 4);
        m.op(3, TinyModel.conv(TinyModel.VALID, 1, 1, TinyModel.NONE), TinyModel.CONV_2D_OPTIONS,
            new int[] {x, w1, 9}, y);
        int w2 = m.sparseWeight("w2", true, new float[] {1, 2, 3, 4, 5, 0, 0, 6},
            sparsity(new int[] {0, 1, 2, 3, 4}, new int[] {3}, dense(4), dense(1), dense(1),
                csr(new int[] {0, 1, 1, 2, 4}, new int[] {0, 1, 0, 1}), dense(2)), 4, 1, 1, 4);
        int z = m.activation("z", 1, 2, 2, 4);
        m.op(3, TinyModel.conv(TinyModel.VALID, 1, 1, TinyModel.NONE), TinyModel.CONV_2D_OPTIONS,
            new int[] {y, w2, 10}, z);
        m.sparseConstant("columns", false, new float[] {8, 7, 9},
            sparsity(new int[] {1, 0}, new int[0], dense(3), csr(new int[] {0, 1, 2, 3}, new int[] {1, 0, 1})), 2, 3);
        // The biases last, so that the sparse tensors keep their indices (TFLite 2.6.2's CONV_2D needs a bias).
        m.constant("b1", new float[] {0.5f, -0.25f, 0, 1}, 4);
        m.constant("b2", new float[] {-1, 0.75f, 0.125f, 0}, 4);        m.outputs(z);
        change.accept(m);
        return m;
    }

    static TfliteModel read(Consumer<TinyModel> change) {
        return TfliteModel.read(model(change).build(), "tiny.tflite");
    }

    @Test
    void compressedRowsBlocksAndAnyTraversalOrderDensify() {
        TfliteModel m = read(t -> { });
        TfliteTensor w1 = m.tensors().stream().filter(t -> t.name().equals("w1_sparse")).findFirst().orElseThrow();
        TfliteTensor w2 = m.tensors().stream().filter(t -> t.name().equals("w2_sparse")).findFirst().orElseThrow();
        TfliteTensor columns = m.tensors().stream().filter(t -> t.name().equals("columns")).findFirst().orElseThrow();
        assertThat(w1.sparse()).isTrue();
        assertThat(m.floats(w1.index())).containsExactly(CSR_DENSE);
        assertThat(w2.dtype()).isEqualTo(TfliteDType.FLOAT16);
        assertThat(w2.sparsity().blockMap()).containsExactly(3);
        assertThat(w2.sparsity().blockSizes()).containsExactly(2);
        assertThat(m.floats(w2.index())).containsExactly(BLOCK_DENSE);
        assertThat(m.floats(columns.index())).containsExactly(0, 7, 0, 8, 0, 9);
        assertThat(m.constant(w2.index()).shape()).containsExactly(4, 1, 1, 4);
        assertThat(m.tensor(m.inputs().get(0)).sparse()).isFalse();
        assertThat(m.operators()).extracting(TfliteOperator::op).containsExactly(TfliteOp.DENSIFY,
            TfliteOp.CONV_2D, TfliteOp.DENSIFY, TfliteOp.DEQUANTIZE, TfliteOp.CONV_2D);
    }

    @Test
    void malformedSparsityIsRefusedInOneLineNamingTheTensor() {
        // An index past its level (4 of 4 columns).
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(4),
            dense(1), dense(1), csr(new int[] {0, 2, 2, 3, 5}, new int[] {0, 4, 1, 0, 2}))),
            "tensor 1 'w1_sparse' is sparse but its sparsity has index 4 at level 3 (axis 3); expected 0..3");
        // Segments that end before the indices do.
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(4),
            dense(1), dense(1), csr(new int[] {0, 2, 2, 3, 4}, new int[] {0, 3, 1, 0, 2}))),
            "tensor 1 'w1_sparse' is sparse but its sparsity has 5 segments from 0 to 4 at level 3");
        // Segments that go back.
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(4),
            dense(1), dense(1), csr(new int[] {0, 3, 2, 3, 5}, new int[] {0, 3, 1, 0, 2}))),
            "has decreasing segments 3, 2 at level 3");
        // The same element twice.
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(4),
            dense(1), dense(1), csr(new int[] {0, 2, 2, 3, 5}, new int[] {0, 0, 1, 0, 2}))),
            "stores element 0 twice");
        // Fewer stored values than the sparsity walks to.
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(4),
            dense(1), dense(1), csr(new int[] {0, 2, 2, 3, 6}, new int[] {0, 3, 1, 0, 2, 1}))),
            "describes 6 stored values; its buffer holds 5");
        // A traversal order that is no permutation, and a block that does not divide its axis.
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 1, 3}, new int[0], dense(4),
            dense(1), dense(1), csr(new int[] {0, 2, 2, 3, 5}, new int[] {0, 3, 1, 0, 2}))),
            "has traversal order [0, 1, 1, 3]; expected a permutation of 0..3");
        assertRefused(m -> m.tensorTable(4).table(6, sparsity(new int[] {0, 1, 2, 3, 4}, new int[] {3}, dense(4),
            dense(1), dense(1), csr(new int[] {0, 1, 1, 2, 4}, new int[] {0, 1, 0, 1}), dense(3))),
            "tensor 4 'w2_sparse' is sparse but its sparsity has block 0 of size 3 on axis 3");
        // A dense level whose size is not the axis's.
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(5),
            dense(1), dense(1), csr(new int[] {0, 2, 2, 3, 5}, new int[] {0, 3, 1, 0, 2}))),
            "has dense size 5 at level 0 (axis 0); expected 4");
        // An unknown index vector type.
        assertRefused(m -> m.tensorTable(1).table(6, sparsity(new int[] {0, 1, 2, 3}, new int[0], dense(4),
            dense(1), dense(1), csr(new int[] {0, 2, 2, 3, 5}, new int[] {0, 3, 1, 0, 2}).i8(4, 7))),
            "array_indices has vector type 7; expected Int32Vector (1), Uint16Vector (2) or Uint8Vector (3)");
    }

    @Test
    void onlyDensifyReadsASparseTensor() {
        assertRefused(m -> {
            int other = m.activation("other", 1, 2, 2, 4);
            m.op(3, TinyModel.conv(TinyModel.VALID, 1, 1, TinyModel.NONE), TinyModel.CONV_2D_OPTIONS,
                new int[] {0, 1, -1}, other);
        }, "reads sparse tensor 1 'w1_sparse'; only DENSIFY reads sparse tensors");
    }

    @Test
    void aDensifiedConstantIsNoOutput() {
        assertRefused(m -> m.outputs(7, 5), "has output 5 'w2_dense', which no op computes");
    }

    private static void assertRefused(Consumer<TinyModel> change, String message) {
        assertThatThrownBy(() -> read(change)).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith("tiny.tflite: ").hasMessageContaining(message)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
