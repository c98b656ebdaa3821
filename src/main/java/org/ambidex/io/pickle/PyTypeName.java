package org.ambidex.io.pickle;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ambidex.io.NdArray;

/** Python-like names of the values the pickle reader gives ("a dict", "a list", "an integer"), for messages. */
public final class PyTypeName {

    /** Names by the reader's value types, in the order they are tried (a tuple is a list too, so it comes first). */
    private static final Map<Class<?>, String> NAMES = names();

    private PyTypeName() {
    }

    private static Map<Class<?>, String> names() {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        names.put(PyTuple.class, "a tuple");
        names.put(List.class, "a list");
        names.put(Map.class, "a dict");
        names.put(Set.class, "a set");
        names.put(String.class, "a string");
        names.put(byte[].class, "bytes");
        names.put(Long.class, "an integer");
        names.put(BigInteger.class, "an integer");
        names.put(Double.class, "a float");
        names.put(Boolean.class, "a bool");
        names.put(SparseMatrix.class, "a sparse matrix");
        names.put(ObjectArray.class, "an object array");
        names.put(PyComplex.class, "a complex number");
        return names;
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
        if (value instanceof NdArray a) {
            return "an array " + a;
        }
        for (Map.Entry<Class<?>, String> e : NAMES.entrySet()) {
            if (e.getKey().isInstance(value)) {
                return e.getValue();
            }
        }
        // Never a Java class name: the reader of the message knows Python's types, not ours.
        return "an object";
    }
}
