package org.ambidex.io.pickle;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;

/**
 * The pickle virtual machine for protocols 0 to 5, restricted to data: it builds Java values for Python's
 * plain types and constructs only the allow-listed globals ({@link AllowList}); anything else is refused
 * with its name. One instance reads one pickle (up to its {@code STOP}); the source may continue after it.
 *
 * <p>Python values map to: dict to {@code LinkedHashMap<Object,Object>}, list to {@code ArrayList}, tuple to
 * an unmodifiable {@code List}, int to {@code Long} (or {@code BigInteger}), float to {@code Double}, bool to
 * {@code Boolean}, None to {@code null}, str (and Python 2 str, as Latin-1) to {@code String}, bytes to
 * {@code byte[]}, numpy arrays and scalars to {@link NdArray}, scipy sparse matrices to
 * {@link SparseMatrix}, chumpy objects to their resolved {@link NdArray}, complex to {@link PyComplex}, set
 * to {@code Set}.
 */
public final class Unpickler {

    /** Longest text argument of a protocol 0 opcode (a number, a global name, a quoted string). */
    private static final int MAX_LINE = 1 << 20;

    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final PickleSource in;
    private final Path file;
    private final String part;
    private final AllowList allowList;
    private final PersistentLoader persistentLoader;

    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long opcodeAt;

    /**
     * A reader of the pickle at the current position of {@code in}.
     *
     * @param file             the file named in error messages
     * @param part             the part of the file the pickle is (a zip entry), or null
     * @param persistentLoader resolves persistent ids, or null to refuse them
     * @param allowObjectArrays whether numpy arrays of dtype object are accepted
     */
    public Unpickler(PickleSource in, Path file, String part, PersistentLoader persistentLoader,
                     boolean allowObjectArrays) {
        this.in = in;
        this.file = file;
        this.part = part;
        this.allowList = new AllowList(allowObjectArrays);
        this.persistentLoader = persistentLoader;
    }

    /** Reads the pickle and resolves every value, tensors included (their storages must be loaded by then). */
    public Object load() {
        long size = in.remaining();
        return resolveDeferred(loadDeferred(), size < 0 ? CopyBudget.unlimited() : CopyBudget.forStorages(size));
    }

    /**
     * Reads the pickle but leaves tensors as references to their storages, for containers that store the
     * storage bytes after the pickle; call {@link #resolveDeferred(Object, CopyBudget)} once the storages are loaded.
     */
    public Object loadDeferred() {
        try {
            return run();
        } catch (PickleException e) {
            throw fail(e.getMessage(), null);
        } catch (EOFException e) {
            throw fail("the pickle is truncated (the file ends inside it)", e);
        } catch (UncheckedIOException e) {
            throw fail("cannot read the pickle (" + e.getCause().getMessage() + ")", e);
        } catch (BadInputException e) {
            throw e;
        } catch (ClassCastException e) {
            // Its message names Java classes (java.util.ArrayList), which say nothing to the file's author.
            throw fail("malformed pickle (an opcode found a value of the wrong type on the stack)", e);
        } catch (RuntimeException e) {
            // Any other failure while decoding is a consequence of malformed input (an overflowing size,
            // an index out of range): report it as such rather than as an internal error.
            throw fail("malformed pickle (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (StackOverflowError e) {
            throw fail("the pickle nests its values too deeply", null);
        }
    }

    /**
     * Replaces every deferred value (tensor reference) reachable from {@code root}, copying at most what
     * {@code budget} allows.
     */
    public Object resolveDeferred(Object root, CopyBudget budget) {
        try {
            return new Resolver(budget).resolve(root);
        } catch (PickleException e) {
            throw fail(e.getMessage(), null);
        } catch (StackOverflowError e) {
            throw fail("the pickle nests its values too deeply", null);
        }
    }

    private BadInputException fail(String message, Throwable cause) {
        String where = (part == null ? "" : part + ": ") + message + " (pickle opcode at byte " + opcodeAt + ")";
        return new BadInputException(file, where, cause);
    }

    private Object run() throws EOFException {
        while (true) {
            opcodeAt = in.position();
            int op = in.readByte();
            switch (op) {
                case 0x80 -> { // PROTO
                    int protocol = in.readByte();
                    if (protocol > 5) {
                        throw new PickleException("pickle protocol " + protocol + " is not supported (0 to 5)");
                    }
                }
                case 0x95 -> { // FRAME: the frame's length is only a read-ahead hint
                    long length = in.readLittleEndian(8);
                    if (length < 0 || (in.remaining() >= 0 && length > in.remaining())) {
                        throw new EOFException();
                    }
                }
                case '.' -> { // STOP
                    Object result = pop();
                    if (!stack.isEmpty()) {
                        throw new PickleException("the pickle stops with " + stack.size() + " values left on its stack");
                    }
                    return finished(result);
                }
                case '(' -> { // MARK
                    marks.push(stack.size());
                    stack.add(MARK);
                }
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'I' -> push(parseIntLine(line()));
                case 'L' -> push(parseLongLine(line()));
                case 'J' -> push((long) (int) in.readLittleEndian(4));
                case 'K' -> push((long) in.readByte());
                case 'M' -> push(in.readLittleEndian(2));
                case 0x8a -> push(longFromBytes(in.readBytes(in.readByte()))); // LONG1
                case 0x8b -> push(longFromBytes(in.readBytes(length(in.readLittleEndian(4))))); // LONG4
                case 'F' -> push(parseFloat(line()));
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.readLittleEndian(8))));
                case 'S' -> push(Py2Strings.unquote(line())); // STRING
                case 'T' -> push(latin1(in.readBytes(length((int) in.readLittleEndian(4))))); // BINSTRING
                case 'U' -> push(latin1(in.readBytes(in.readByte()))); // SHORT_BINSTRING
                case 'V' -> push(Py2Strings.rawUnicodeEscape(line())); // UNICODE
                case 'X' -> push(utf8(in.readBytes(in.readLittleEndian(4)))); // BINUNICODE
                case 0x8c -> push(utf8(in.readBytes(in.readByte()))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(in.readBytes(length(in.readLittleEndian(8))))); // BINUNICODE8
                case 'B' -> push(in.readBytes(in.readLittleEndian(4))); // BINBYTES
                case 'C' -> push(in.readBytes(in.readByte())); // SHORT_BINBYTES
                case 0x8e -> push(in.readBytes(length(in.readLittleEndian(8)))); // BINBYTES8
                case 0x96 -> push(in.readBytes(length(in.readLittleEndian(8)))); // BYTEARRAY8
                case 0x97 -> throw new PickleException("the pickle refers to out-of-band buffers (NEXT_BUFFER), which"
                    + " a file cannot supply");
                case 0x98 -> { } // READONLY_BUFFER: bytes are immutable here anyway
                case ')' -> push(PyTuple.EMPTY);
                case 't' -> push(new PyTuple(popMark().toArray()));
                case 0x85 -> push(PyTuple.of(pop()));
                case 0x86 -> {
                    Object b = pop();
                    push(PyTuple.of(pop(), b));
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    push(PyTuple.of(pop(), b, c));
                }
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> { // APPEND
                    Object value = pop();
                    list(peek()).add(value);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> push(dictOf(popMark()));
                case 's' -> { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    dict(peek()).put(checkKey(key), value);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    Map<Object, Object> target = dict(peek());
                    putPairs(target, items);
                }
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    if (!(peek() instanceof Set<?>)) {
                        throw new PickleException("ADDITEMS to " + Args.typeName(peek()) + ", expected a set");
                    }
                    @SuppressWarnings("unchecked")
                    Set<Object> set = (Set<Object>) peek();
                    for (Object item : items) {
                        set.add(checkKey(item));
                    }
                }
                case 0x91 -> push(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); // FROZENSET
                case 'p' -> memo.put(parseIndex(line()), peek()); // PUT
                case 'q' -> memo.put((long) in.readByte(), peek()); // BINPUT
                case 'r' -> memo.put(in.readLittleEndian(4), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'g' -> push(memoGet(parseIndex(line()))); // GET
                case 'h' -> push(memoGet(in.readByte())); // BINGET
                case 'j' -> push(memoGet(in.readLittleEndian(4))); // LONG_BINGET
                case 'c' -> { // GLOBAL
                    String module = ascii(line());
                    String name = ascii(line());
                    push(allowList.resolve(module, name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw new PickleException("STACK_GLOBAL needs two strings");
                    }
                    push(allowList.resolve(m, n));
                }
                case 0x82, 0x83, 0x84 -> throw new PickleException("the pickle uses the copyreg extension registry"
                    + " (EXT opcodes), which ambidex does not load");
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    push(global(callable, "REDUCE").call(tuple(args, "REDUCE arguments")));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop();
                    Object cls = pop();
                    push(global(cls, "NEWOBJ").newInstance(tuple(args, "NEWOBJ arguments")));
                }
                case 0x92 -> { // NEWOBJ_EX
                    Object kwargs = pop();
                    Object args = pop();
                    Object cls = pop();
                    if (!(kwargs instanceof Map<?, ?> k) || !k.isEmpty()) {
                        throw new PickleException("NEWOBJ_EX with keyword arguments is not supported");
                    }
                    push(global(cls, "NEWOBJ_EX").newInstance(tuple(args, "NEWOBJ_EX arguments")));
                }
                case 'i' -> { // INST
                    String module = ascii(line());
                    String name = ascii(line());
                    List<Object> args = popMark();
                    push(allowList.resolve(module, name).newInstance(args));
                }
                case 'o' -> { // OBJ
                    List<Object> items = popMark();
                    if (items.isEmpty()) {
                        throw new PickleException("OBJ without a class");
                    }
                    push(global(items.get(0), "OBJ").newInstance(items.subList(1, items.size())));
                }
                case 'b' -> build(); // BUILD
                case 'P' -> push(persistent(ascii(line()))); // PERSID
                case 'Q' -> push(persistent(pop())); // BINPERSID
                default -> throw new PickleException(String.format("unknown pickle opcode 0x%02x", op));
            }
        }
    }

    private void build() {
        Object state = pop();
        Object target = peek();
        if (target instanceof Pending pending) {
            Object result = pending.buildOnce(state);
            stack.set(stack.size() - 1, result);
        } else if (target instanceof Map<?, ?>) {
            // OrderedDict subclasses (state dicts) carry attributes such as _metadata: kept out of the values.
            if (state != null && !(state instanceof Map<?, ?>) && !(state instanceof List<?>)) {
                throw new PickleException("BUILD of a dict with " + Args.typeName(state));
            }
        } else {
            throw new PickleException("BUILD (set the state) of " + Args.typeName(target) + " is not supported");
        }
    }

    private Object persistent(Object pid) {
        if (persistentLoader == null) {
            throw new PickleException("the pickle refers to persistent ids (data outside the pickle), which a plain"
                + " pickle file cannot supply");
        }
        return persistentLoader.load(pid);
    }

    private static PyGlobal global(Object value, String opcode) {
        if (value instanceof PyGlobal g) {
            return g;
        }
        throw new PickleException(opcode + " of " + Args.typeName(value) + ", expected an allow-listed global");
    }

    private static List<Object> tuple(Object value, String what) {
        if (value instanceof PyTuple t) {
            return t;
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new PickleException(what + " are " + Args.typeName(value) + ", expected a tuple");
    }

    private Object memoGet(long index) {
        Object value = memo.get(index);
        if (value == null && !memo.containsKey(index)) {
            throw new PickleException("the pickle reads memo entry " + index + ", which was never stored");
        }
        if (value instanceof Pending p && p.isBuilt()) {
            return p.result();
        }
        return value;
    }

    /** The top of the stack once the pickle stops: a value still under construction is an error. */
    private static Object finished(Object value) {
        if (value instanceof Pending p) {
            if (!p.isBuilt()) {
                throw new PickleException("the pickle ends with a " + p.describe() + " that has no state");
            }
            return p.result();
        }
        return value;
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new PickleException("the pickle pops from an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new PickleException("the pickle reads from an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new PickleException("the pickle closes a MARK it never opened");
        }
        int at = marks.pop();
        List<Object> sub = stack.subList(at + 1, stack.size());
        List<Object> items = new ArrayList<>(sub);
        stack.subList(at, stack.size()).clear();
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (value instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw new PickleException("APPEND to " + Args.typeName(value) + ", expected a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object value) {
        if (value instanceof LinkedHashMap<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new PickleException("SETITEM on " + Args.typeName(value) + ", expected a dict");
    }

    private static Map<Object, Object> dictOf(List<Object> items) {
        Map<Object, Object> map = new LinkedHashMap<>();
        putPairs(map, items);
        return map;
    }

    private static void putPairs(Map<Object, Object> target, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new PickleException("a dict is given an odd number of keys and values");
        }
        for (int i = 0; i < items.size(); i += 2) {
            target.put(checkKey(items.get(i)), items.get(i + 1));
        }
    }

    /** Keys must be hashable in Python: no lists, dicts, sets or arrays. */
    static Object checkKey(Object key) {
        if (key instanceof PyTuple t) {
            for (Object item : t) {
                checkKey(item);
            }
            return key;
        }
        // Frozensets are unmodifiable sets and hashable; a set built by EMPTY_SET or set() is a LinkedHashSet.
        if (key instanceof List || key instanceof Map || key instanceof LinkedHashSet
            || key instanceof NdArray || key instanceof Pending) {
            throw new PickleException("a dict key is " + Args.typeName(key) + ", which is not hashable");
        }
        return key;
    }

    private byte[] line() throws EOFException {
        return in.readLine(MAX_LINE);
    }

    private static long length(long n) {
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new PickleException("a length of " + n + " bytes exceeds what ambidex reads (2 GiB)");
        }
        return n;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Python pickles lone surrogates with 'surrogatepass'; keep what decodes.
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20) {
                throw new PickleException("a global name holds control characters");
            }
        }
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    private static Object longFromBytes(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return narrow(new BigInteger(bigEndian));
    }

    private static Object narrow(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static Object parseIntLine(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII).strip();
        if (text.equals("01")) {
            return Boolean.TRUE;
        }
        if (text.equals("00")) {
            return Boolean.FALSE;
        }
        return parseInteger(text);
    }

    private static Object parseLongLine(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII).strip();
        if (text.endsWith("L")) {
            text = text.substring(0, text.length() - 1);
        }
        return parseInteger(text);
    }

    private static Object parseInteger(String text) {
        if (text.length() > 10_000) {
            throw new PickleException("an integer of " + text.length() + " digits");
        }
        try {
            return narrow(new BigInteger(text));
        } catch (NumberFormatException e) {
            throw new PickleException("'" + abbreviate(text) + "' is not an integer");
        }
    }

    private static long parseIndex(byte[] line) {
        Object v = parseInteger(new String(line, StandardCharsets.US_ASCII).strip());
        if (!(v instanceof Long l)) {
            throw new PickleException("memo index out of range");
        }
        return l;
    }

    private static double parseFloat(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII).strip();
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    if (!text.matches("[-+0-9.eE]+")) {
                        throw new NumberFormatException();
                    }
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new PickleException("'" + abbreviate(text) + "' is not a float");
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** Replaces deferred values in a finished object graph, without recursion. */
    static final class Resolver {
        private final CopyBudget budget;

        Resolver(CopyBudget budget) {
            this.budget = budget;
        }

        Object resolve(Object root) {
            Object top = replacement(root);
            Map<Object, Boolean> seen = new IdentityHashMap<>();
            Deque<Object> work = new ArrayDeque<>();
            work.push(top);
            while (!work.isEmpty()) {
                Object value = work.pop();
                if (value == null || seen.put(value, Boolean.TRUE) != null) {
                    continue;
                }
                if (value instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> m = (Map<Object, Object>) map;
                    for (Map.Entry<Object, Object> e : m.entrySet()) {
                        Object r = replacement(e.getValue());
                        if (r != e.getValue()) {
                            e.setValue(r);
                        }
                        work.push(e.getKey());
                        if (r != null) {
                            work.push(r);
                        }
                    }
                } else if (value instanceof PyTuple t) {
                    for (int i = 0; i < t.size(); i++) {
                        Object r = replacement(t.get(i));
                        t.patch(i, r);
                        if (r != null) {
                            work.push(r);
                        }
                    }
                } else if (value instanceof ArrayList<?> list) {
                    @SuppressWarnings("unchecked")
                    List<Object> l = (List<Object>) list;
                    for (int i = 0; i < l.size(); i++) {
                        Object r = replacement(l.get(i));
                        l.set(i, r);
                        if (r != null) {
                            work.push(r);
                        }
                    }
                } else if (value instanceof Set<?> set) {
                    for (Object item : set) {
                        if (item != null) {
                            work.push(item);
                        }
                    }
                } else if (value instanceof ObjectArray array) {
                    work.addAll(array.elements().stream().filter(java.util.Objects::nonNull).toList());
                }
            }
            return top;
        }

        private Object replacement(Object value) {
            if (value instanceof Deferred d) {
                return d.resolve(budget);
            }
            if (value instanceof Pending p) {
                if (!p.isBuilt()) {
                    throw new PickleException("a " + p.describe() + " in the pickle never receives its state");
                }
                return p.result() instanceof Deferred d ? d.resolve(budget) : p.result();
            }
            if (value instanceof PyGlobal g) {
                // A class or dtype kept as a value (torch.float32 in an optimizer state): its name.
                return g.qualifiedName();
            }
            return value;
        }
    }
}
