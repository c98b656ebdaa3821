package org.ambidex.io.pickle;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;

/**
 * A {@code scipy.sparse} matrix read from a pickle, kept in coordinate form whatever its storage format:
 * entry {@code k} has value {@code values[k]} at ({@code rows[k]}, {@code cols[k]}). Duplicate coordinates
 * add up, as in SciPy.
 *
 * @param format     the SciPy format it was stored in
 * @param rowCount   number of rows
 * @param colCount   number of columns
 * @param rowIndex   row of each stored entry
 * @param colIndex   column of each stored entry
 * @param values     the stored values (one-dimensional, {@code nnz} elements)
 */
public record SparseMatrix(Format format, int rowCount, int colCount, int[] rowIndex, int[] colIndex,
                           NdArray values) {

    /** The SciPy storage formats ambidex reads. */
    public enum Format {
        CSC, CSR, COO;

        /** SciPy's name ({@code csc}). */
        public String scipyName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SparseMatrix {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(values, "values");
        if (rowIndex.length != colIndex.length || rowIndex.length != values.size()) {
            throw new IllegalArgumentException("sparse matrix with " + rowIndex.length + " rows, " + colIndex.length
                + " columns and " + values.size() + " values");
        }
        for (int k = 0; k < rowIndex.length; k++) {
            if (rowIndex[k] < 0 || rowIndex[k] >= rowCount || colIndex[k] < 0 || colIndex[k] >= colCount) {
                throw new IllegalArgumentException("sparse entry (" + rowIndex[k] + ", " + colIndex[k]
                    + ") outside the shape (" + rowCount + ", " + colCount + ")");
            }
        }
        rowIndex = rowIndex.clone();
        colIndex = colIndex.clone();
    }

    /** {@code (rows, columns)}. */
    public int[] shape() {
        return new int[] {rowCount, colCount};
    }

    /** Number of stored entries. */
    public int nnz() {
        return rowIndex.length;
    }

    @Override
    public int[] rowIndex() {
        return rowIndex.clone();
    }

    @Override
    public int[] colIndex() {
        return colIndex.clone();
    }

    /**
     * The dense matrix, C order: float64 for float64 values, float32 for float32 values, int64 otherwise.
     */
    public NdArray toDense() {
        long cells = (long) rowCount * colCount;
        if (cells > (Integer.MAX_VALUE - 16) / 8) {
            throw new IllegalStateException("dense " + rowCount + "x" + colCount + " matrix is too large");
        }
        int[] shape = {rowCount, colCount};
        DType type = values.dtype();
        if (type == DType.FLOAT64 || type == DType.FLOAT32) {
            double[] dense = new double[(int) cells];
            for (int k = 0; k < rowIndex.length; k++) {
                dense[rowIndex[k] * colCount + colIndex[k]] += values.getDouble(k);
            }
            if (type == DType.FLOAT64) {
                return NdArray.ofDoubles(shape, dense);
            }
            float[] narrow = new float[dense.length];
            for (int i = 0; i < dense.length; i++) {
                narrow[i] = (float) dense[i];
            }
            return NdArray.ofFloats(shape, narrow);
        }
        long[] dense = new long[(int) cells];
        for (int k = 0; k < rowIndex.length; k++) {
            dense[rowIndex[k] * colCount + colIndex[k]] += values.getLong(k);
        }
        return NdArray.ofLongs(shape, dense);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseMatrix m && format == m.format && rowCount == m.rowCount && colCount == m.colCount
            && Arrays.equals(rowIndex, m.rowIndex) && Arrays.equals(colIndex, m.colIndex) && values.equals(m.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, rowCount, colCount, Arrays.hashCode(rowIndex), Arrays.hashCode(colIndex), values);
    }

    @Override
    public String toString() {
        return "SparseMatrix(" + format.scipyName() + ", " + rowCount + "x" + colCount + ", nnz " + nnz() + ", "
            + values.dtype() + ")";
    }
}
