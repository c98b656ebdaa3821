package org.ambidex.io.pickle;

import java.util.List;
import java.util.Map;
import org.ambidex.io.NdArray;

/**
 * {@code scipy.sparse} csc, csr and coo matrices (and arrays) under their old ({@code scipy.sparse.csc})
 * and current ({@code scipy.sparse._csc}) module names. They are pickled as an empty object whose
 * attribute dictionary ({@code data}, {@code indices}, {@code indptr}, {@code _shape} ...) follows in
 * {@code BUILD}.
 */
final class ScipyGlobals {

    private ScipyGlobals() {
    }

    static void register(Map<String, PyGlobal> globals) {
        for (SparseMatrix.Format format : SparseMatrix.Format.values()) {
            String f = format.scipyName();
            for (String module : List.of("scipy.sparse." + f, "scipy.sparse._" + f)) {
                for (String kind : List.of("_matrix", "_array")) {
                    ClassToken token = new ClassToken(module, f + kind, args -> new PendingSparse(format));
                    globals.put(token.qualifiedName(), token);
                }
            }
        }
    }

    private static final class PendingSparse extends Pending {
        private final SparseMatrix.Format format;

        PendingSparse(SparseMatrix.Format format) {
            this.format = format;
        }

        @Override
        protected Object build(Object state) {
            Map<Object, Object> attributes = Args.dict(state, "scipy sparse state");
            Object shapeValue = attributes.containsKey("_shape") ? attributes.get("_shape") : attributes.get("shape");
            int[] shape = Args.shape(shapeValue, "scipy sparse shape");
            if (shape.length != 2) {
                throw new PickleException("scipy sparse matrix of " + shape.length + " dimensions, expected 2");
            }
            NdArray data = array(attributes, "data");
            int nnz = (int) data.size();
            int[] rows;
            int[] cols;
            if (format == SparseMatrix.Format.COO) {
                if (attributes.get("coords") instanceof List<?> coords && coords.size() == 2) {
                    rows = indexArray(coords.get(0), "coords[0]", nnz);
                    cols = indexArray(coords.get(1), "coords[1]", nnz);
                } else {
                    rows = indexArray(attributes.get("row"), "row", nnz);
                    cols = indexArray(attributes.get("col"), "col", nnz);
                }
            } else {
                boolean csc = format == SparseMatrix.Format.CSC;
                int major = csc ? shape[1] : shape[0];
                int[] minor = indexArray(attributes.get("indices"), "indices", nnz);
                int[] pointer = indexArray(attributes.get("indptr"), "indptr", major + 1);
                int[] majorIndex = new int[nnz];
                if (pointer[0] != 0 || pointer[major] != nnz) {
                    throw new PickleException("scipy sparse indptr does not span the " + nnz + " stored values");
                }
                for (int m = 0; m < major; m++) {
                    if (pointer[m + 1] < pointer[m]) {
                        throw new PickleException("scipy sparse indptr decreases at " + m);
                    }
                    for (int k = pointer[m]; k < pointer[m + 1]; k++) {
                        majorIndex[k] = m;
                    }
                }
                rows = csc ? minor : majorIndex;
                cols = csc ? majorIndex : minor;
            }
            try {
                return new SparseMatrix(format, shape[0], shape[1], rows, cols, data.reshape(nnz));
            } catch (IllegalArgumentException e) {
                throw new PickleException("scipy sparse matrix: " + e.getMessage());
            }
        }

        private static NdArray array(Map<Object, Object> attributes, String key) {
            Object value = attributes.get(key);
            if (!(value instanceof NdArray a)) {
                throw new PickleException("scipy sparse state has no array '" + key + "'");
            }
            return a;
        }

        private static int[] indexArray(Object value, String key, int expectedLength) {
            if (!(value instanceof NdArray a) || a.dtype().isFloating() || a.dtype().isComplex()) {
                throw new PickleException("scipy sparse state has no integer array '" + key + "'");
            }
            if (a.size() != expectedLength) {
                throw new PickleException("scipy sparse '" + key + "' has " + a.size() + " entries, expected "
                    + expectedLength);
            }
            try {
                return a.toIntArray();
            } catch (ArithmeticException e) {
                throw new PickleException("scipy sparse '" + key + "' holds an index out of range");
            }
        }

        @Override
        protected String describe() {
            return "scipy.sparse " + format.scipyName() + " matrix";
        }
    }
}
