package org.ambidex.io.pickle;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's plain value types under their Python 2 and 3 module names: sets, complex, bytes,
 * {@code OrderedDict}, {@code argparse.Namespace} (as a dict of its attributes), the {@code copyreg}
 * helpers Python uses to pickle instances of the allow-listed classes, and {@code _codecs.encode}, which
 * Python 3 uses to pickle {@code bytes} at protocols below 3.
 */
final class BuiltinGlobals {

    private BuiltinGlobals() {
    }

    static void register(Map<String, PyGlobal> globals) {
        for (String b : List.of("__builtin__", "builtins")) {
            put(globals, new Simple(b, "set", args -> set(args, false)));
            put(globals, new Simple(b, "frozenset", args -> set(args, true)));
            put(globals, new Simple(b, "complex", BuiltinGlobals::complex));
            put(globals, new Simple(b, "bytes", BuiltinGlobals::bytes));
            put(globals, new Simple(b, "bytearray", BuiltinGlobals::bytes));
            put(globals, new ClassToken(b, "object"));
        }
        for (String c : List.of("copy_reg", "copyreg")) {
            put(globals, new Simple(c, "_reconstructor", BuiltinGlobals::reconstructor));
            put(globals, new Simple(c, "__newobj__", BuiltinGlobals::newObject));
        }
        put(globals, new Simple("_codecs", "encode", BuiltinGlobals::encode));
        put(globals, new Simple("collections", "OrderedDict", BuiltinGlobals::orderedDict));
        put(globals, new ClassToken("argparse", "Namespace", args -> new PendingNamespace()));
    }

    private static void put(Map<String, PyGlobal> globals, PyGlobal g) {
        globals.put(g.qualifiedName(), g);
    }

    private static Object set(List<Object> args, boolean frozen) {
        Set<Object> set = new LinkedHashSet<>();
        if (!args.isEmpty()) {
            if (!(args.get(0) instanceof List<?> items)) {
                throw new PickleException("set of " + Args.typeName(args.get(0)) + ", expected a list");
            }
            set.addAll(items);
        }
        return frozen ? Collections.unmodifiableSet(set) : set;
    }

    private static Object complex(List<Object> args) {
        double re = args.isEmpty() ? 0 : number(args.get(0));
        double im = args.size() < 2 ? 0 : number(args.get(1));
        return new PyComplex(re, im);
    }

    private static double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        return Args.integer(value, "complex part");
    }

    private static Object bytes(List<Object> args) {
        if (args.isEmpty()) {
            return new byte[0];
        }
        if (args.get(0) instanceof byte[] b) {
            return b.clone();
        }
        if (args.get(0) instanceof List<?> items) {
            byte[] out = new byte[items.size()];
            for (int i = 0; i < out.length; i++) {
                long v = Args.integer(items.get(i), "byte value");
                if (v < 0 || v > 255) {
                    throw new PickleException("byte value " + v + " out of range");
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (args.size() == 2 && args.get(0) instanceof String s && args.get(1) instanceof String encoding) {
            return encode(List.of(s, encoding));
        }
        throw new PickleException("bytes of " + Args.typeName(args.get(0)) + " are not supported");
    }

    /** {@code _codecs.encode(text, 'latin1')}: the bytes Python 3 wrote as Latin-1 text. */
    private static Object encode(List<Object> args) {
        Args.atLeast(args, 1, "_codecs.encode");
        if (!(args.get(0) instanceof String text)) {
            throw new PickleException("_codecs.encode of " + Args.typeName(args.get(0)));
        }
        String encoding = args.size() > 1 && args.get(1) instanceof String e ? e.toLowerCase(java.util.Locale.ROOT)
            : "utf-8";
        return switch (encoding.replace('_', '-')) {
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1" -> Args.bytes(text, "_codecs.encode text");
            case "utf-8", "utf8" -> text.getBytes(StandardCharsets.UTF_8);
            case "ascii" -> text.getBytes(StandardCharsets.US_ASCII);
            default -> throw new PickleException("_codecs.encode with encoding '" + encoding + "' is not supported");
        };
    }

    /** {@code OrderedDict()} or {@code OrderedDict([[key, value], ...])} (protocol 0 and 1). */
    private static Object orderedDict(List<Object> args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (!args.isEmpty() && args.get(0) != null) {
            if (!(args.get(0) instanceof List<?> pairs)) {
                throw new PickleException("OrderedDict of " + Args.typeName(args.get(0)) + ", expected pairs");
            }
            for (Object p : pairs) {
                if (!(p instanceof List<?> pair) || pair.size() != 2) {
                    throw new PickleException("OrderedDict item is not a (key, value) pair");
                }
                map.put(Unpickler.checkKey(pair.get(0)), pair.get(1));
            }
        }
        return map;
    }

    /** Python 2's {@code copy_reg._reconstructor(cls, object, None)}: an instance of {@code cls}. */
    private static Object reconstructor(List<Object> args) {
        Args.count(args, 3, "copy_reg._reconstructor");
        if (!(args.get(0) instanceof PyGlobal cls)) {
            throw new PickleException("copy_reg._reconstructor of " + Args.typeName(args.get(0)));
        }
        if (args.get(2) != null) {
            throw new PickleException("copy_reg._reconstructor with a base state is not supported");
        }
        return cls.newInstance(List.of());
    }

    /** {@code copyreg.__newobj__(cls, *args)}: the same as the {@code NEWOBJ} opcode. */
    private static Object newObject(List<Object> args) {
        Args.atLeast(args, 1, "copyreg.__newobj__");
        if (!(args.get(0) instanceof PyGlobal cls)) {
            throw new PickleException("copyreg.__newobj__ of " + Args.typeName(args.get(0)));
        }
        return cls.newInstance(args.subList(1, args.size()));
    }

    /** An {@code argparse.Namespace}: kept as the dictionary of its attributes. */
    private static final class PendingNamespace extends Pending {
        @Override
        protected Object build(Object state) {
            return new LinkedHashMap<>(Args.dict(state, "argparse.Namespace state"));
        }

        @Override
        protected String describe() {
            return "argparse.Namespace";
        }
    }
}
