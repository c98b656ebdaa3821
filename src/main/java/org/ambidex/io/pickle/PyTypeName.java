package org.ambidex.io.pickle;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.ambidex.io.NdArray;

/** Python-like names of the values the pickle reader gives ("a dict", "a list", "an integer"), for messages. */
public final class PyTypeName {

    private PyTypeName() {
    }

    /** The name of {@code value}'s type with its article, as Python would call it. */
    public static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof PyGlobal g) {
            return g.qualifiedName();
        }
        if (value instanceof Pending p) {
            return p.describe();
        }
        if (value instanceof PyTuple) {
            return "a tuple";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a dict";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "an integer";
        }
        if (value instanceof Double) {
            return "a float";
        }
        if (value instanceof NdArray a) {
            return "an array " + a;
        }
        if (value instanceof Boolean) {
            return "a bool";
        }
        if (value instanceof java.util.Set) {
            return "a set";
        }
        if (value instanceof SparseMatrix) {
            return "a sparse matrix";
        }
        if (value instanceof ObjectArray) {
            return "an object array";
        }
        if (value instanceof PyComplex) {
            return "a complex number";
        }
        // Never a Java class name: the reader of the message knows Python's types, not ours.
        return "an object";
    }
}
