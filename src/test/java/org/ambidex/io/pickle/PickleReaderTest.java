package org.ambidex.io.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;

/** Hand-assembled pickles of every protocol, whose values are known byte by byte. */
@SuppressWarnings("unchecked")
class PickleReaderTest {

    @Test
    void protocolZeroTextOpcodes() {
        // {'key': [1, 2.5, True, None, 12345678901234567890L, -7], 'esc': 'aA\n\xe9', u'uni\xe9': -3, 'again': <memo 2>}
        byte[] p = PickleBytes.text().ascii("(dp0\nS'key'\np1\n(lp2\nI1\naF2.5\naI01\naNaL12345678901234567890L\naI-7\na")
            .ascii("sS'esc'\np3\nS'a\\x41\\n\\351'\np4\nsVuni\\u00e9\np5\nI-3\nsS'again'\np6\ng2\ns.").bytes();
        Map<Object, Object> value = (Map<Object, Object>) PickleReader.read(p, "p0.pkl");
        assertThat(value.keySet()).containsExactly("key", "esc", "uni\u00e9", "again");
        assertThat((List<Object>) value.get("key")).containsExactly(1L, 2.5, true, null,
            new BigInteger("12345678901234567890"), -7L);
        assertThat(value.get("esc")).isEqualTo("aA\n\u00e9");
        assertThat(value.get("uni\u00e9")).isEqualTo(-3L);
        assertThat(value.get("again")).isSameAs(value.get("key"));
    }

    @Test
    void protocolZeroOrderedDictAndInstances() {
        // collections.OrderedDict([['b', 1], ['a', 2]]) as protocol 0 writes it
        byte[] p = PickleBytes.text().ascii("ccollections\nOrderedDict\np0\n((lp1\n(lp2\nS'b'\np3\naI1\naa(lp4\nS'a'\n")
            .ascii("p5\naI2\naatp6\nRp7\n.").bytes();
        Map<Object, Object> value = (Map<Object, Object>) PickleReader.read(p, "od.pkl");
        assertThat(value.keySet()).containsExactly("b", "a");
        assertThat(value.get("a")).isEqualTo(2L);
    }

    @Test
    void protocolFiveFramingMemoizeAndNewTypes() {
        PickleBytes body = PickleBytes.text()
            .op('}', 0x94, '(')
            .shortUnicode("a").op(0x94).op(0x96).le(3, 8).op(1, 2, 3)
            .shortUnicode("b").op(0x8f, 0x94, '(').int1(1).int1(2).op(0x90)
            .shortUnicode("c").op(0x8d).le(2, 8).op(0xc3, 0xbc)
            .shortUnicode("d").op('h', 1)
            .shortUnicode("e").op('(').int1(1).int1(2).op(0x91)
            .shortUnicode("f").shortUnicode("builtins").shortUnicode("complex").op(0x93).binfloat(1.0).binfloat(-2.0)
            .op(0x86, 'R')
            .shortUnicode("g").op(0x8a, 1, 0xff)
            .shortUnicode("h").op(0x8a, 9).le(0, 8).op(1)
            .shortUnicode("i").op(0x8e).le(2, 8).op(7, 8).op(0x98)
            .shortUnicode("j").op('M').le(65535, 2)
            .op('u').stop();
        PickleBytes p = PickleBytes.proto(5).op(0x95).le(body.bytes().length, 8).raw(body.bytes());
        Map<Object, Object> value = (Map<Object, Object>) p.read();
        assertThat((byte[]) value.get("a")).containsExactly(1, 2, 3);
        assertThat((Set<Object>) value.get("b")).containsExactly(1L, 2L);
        assertThat(value.get("c")).isEqualTo("\u00fc");
        assertThat(value.get("d")).isEqualTo("a");
        assertThat((Set<Object>) value.get("e")).containsExactly(1L, 2L);
        assertThat(value.get("f")).isEqualTo(new PyComplex(1.0, -2.0));
        assertThat(value.get("g")).isEqualTo(-1L);
        assertThat(value.get("h")).isEqualTo(BigInteger.ONE.shiftLeft(64));
        assertThat((byte[]) value.get("i")).containsExactly(7, 8);
        assertThat(value.get("j")).isEqualTo(65535L);
    }

    @Test
    void tuplesAreUnmodifiableListsAndPython2StringsLatin1() {
        Object value = PickleBytes.proto(2).py2("caf\u00e9").int1(5).op(0x89, 0x87).stop().read();
        List<Object> tuple = (List<Object>) value;
        assertThat(tuple).containsExactly("caf\u00e9", 5L, false);
        assertThatThrownBy(() -> tuple.add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void numpyArraysInBothByteOrdersAndFortranOrder() {
        // _reconstruct(ndarray, (0,), b'b') then BUILD (1, (2, 3), dtype('>i2'), True, data) as Python 2 writes it
        byte[] data = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN)
            .putShort((short) 1).putShort((short) 4).putShort((short) 2).putShort((short) 5).putShort((short) 3)
            .putShort((short) -6).array();
        PickleBytes p = PickleBytes.proto(2).global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray")
            .int1(0).op(0x85).py2("b").op(0x87, 'R')
            .op('(').int1(1).int1(2).int1(3).op(0x86).dtype("i2", ">").op(0x88).py2Long(data).op('t', 'b').stop();
        NdArray a = (NdArray) p.read();
        assertThat(a.dtype()).isEqualTo(DType.INT16);
        assertThat(a.order()).isEqualTo(NdArray.Order.FORTRAN);
        assertThat(a.toLongArray()).containsExactly(1, 2, 3, 4, 5, -6);
    }

    @Test
    void numpy2NamesProtocolFiveFromBufferAndScalars() {
        byte[] floats = NdArray.ofFloats(new int[] {4}, 1.5f, -2f, 3f, 0.25f).bytes();
        PickleBytes p = PickleBytes.proto(5).op('(')
            .shortUnicode("numpy._core.numeric").shortUnicode("_frombuffer").op(0x93).op('(')
            .op(0x96).le(floats.length, 8).raw(floats).dtype("f4", "<").int1(2).int1(2).op(0x86).shortUnicode("C")
            .op('t', 'R')
            .global("numpy.core.multiarray", "scalar").dtype("i8", "<")
            .shortBytes(NdArray.ofLongs(new int[0], -9).bytes()).op(0x86, 'R')
            .global("numpy._core.multiarray", "_reconstruct").global("numpy", "ndarray").int1(0).op(0x85)
            .shortBytes(new byte[] {'b'}).op(0x87, 'R')
            .op('(').int1(1).int1(0).op(0x85).dtype("f8", "<").op(0x89).shortBytes(new byte[0]).op('t', 'b')
            .op('t').stop();
        List<Object> values = (List<Object>) p.read();
        NdArray a = (NdArray) values.get(0);
        assertThat(a.shape()).containsExactly(2, 2);
        assertThat(a.toFloatArray()).containsExactly(1.5f, -2f, 3f, 0.25f);
        NdArray scalar = (NdArray) values.get(1);
        assertThat(scalar.ndim()).isZero();
        assertThat(scalar.getLong(0)).isEqualTo(-9);
        assertThat(((NdArray) values.get(2)).shape()).containsExactly(0);
    }

    @Test
    void python3BytesViaCodecsEncode() {
        Object value = PickleBytes.proto(2).global("_codecs", "encode").unicode("\u00ff\u0001").unicode("latin1")
            .op(0x86, 'R').stop().read();
        assertThat((byte[]) value).containsExactly(0xff, 0x01);
    }

    @Test
    void scipyCsrAndCooUnderNewModuleNames() {
        NdArray data = NdArray.ofDoubles(new int[] {3}, 1, 2, 3);
        // csr: row 0 -> col 2 (1.0); row 1 -> cols 0, 1 (2.0, 3.0)
        Map<String, Object> csr = Map.of("_shape", List.of(2L, 3L), "data", data,
            "indices", NdArray.ofInts(new int[] {3}, 2, 0, 1), "indptr", NdArray.ofInts(new int[] {3}, 0, 1, 3));
        SparseMatrix m = sparse("scipy.sparse._csr", "csr_matrix", csr);
        assertThat(m.toDense().toDoubleArray()).containsExactly(0, 0, 1, 2, 3, 0);
        Map<String, Object> coo = Map.of("_shape", List.of(2L, 2L), "data", data,
            "row", NdArray.ofInts(new int[] {3}, 0, 1, 1), "col", NdArray.ofInts(new int[] {3}, 1, 0, 0));
        SparseMatrix c = sparse("scipy.sparse.coo", "coo_matrix", coo);
        assertThat(c.toDense().toDoubleArray()).containsExactly(0, 1, 5, 0); // duplicates add up
    }

    private static SparseMatrix sparse(String module, String name, Map<String, Object> state) {
        // The state dict is given through a stand-in: build the pickle-level object directly.
        PyGlobal cls = new AllowList(false).resolve(module, name);
        Pending pending = (Pending) cls.newInstance(List.of());
        return (SparseMatrix) pending.buildOnce(new java.util.LinkedHashMap<Object, Object>(state));
    }

    @Test
    void chumpySelectIsResolvedWithIdxsAndPreferredShape() {
        PyGlobal ch = new AllowList(false).resolve("chumpy.ch", "Ch");
        Pending x = (Pending) ch.newInstance(List.of());
        NdArray values = NdArray.ofDoubles(new int[] {2, 3}, 0, 1, 2, 3, 4, 5);
        Object resolvedX = x.buildOnce(new java.util.HashMap<Object, Object>(Map.of("x", values)));
        assertThat(resolvedX).isEqualTo(values);
        Pending select = (Pending) new AllowList(false).resolve("chumpy.reordering", "Select").newInstance(List.of());
        NdArray selected = (NdArray) select.buildOnce(new java.util.HashMap<Object, Object>(Map.of("a", values,
            "idxs", NdArray.ofLongs(new int[] {4}, 5, 0, 4, 1), "preferred_shape", PyTuple.of(2L, 2L))));
        assertThat(selected.shape()).containsExactly(2, 2);
        assertThat(selected.toDoubleArray()).containsExactly(5, 0, 4, 1);
    }

    @Test
    void sharedReferencesStaySharedAndDeepNestingIsHandled() {
        PickleBytes p = PickleBytes.proto(2);
        int depth = 200_000;
        for (int i = 0; i < depth; i++) {
            p.op(']');
        }
        for (int i = 0; i < depth - 1; i++) {
            p.op('a');
        }
        Object value = p.stop().read();
        assertThat(value).isInstanceOf(List.class);
    }

    @Test
    void unknownOpcodeAndLeftoverStackAreRefused() {
        assertThatThrownBy(() -> PickleBytes.proto(2).op(0xff).read()).isInstanceOf(BadInputException.class)
            .hasMessageContaining("unknown pickle opcode 0xff").hasMessageStartingWith("test.pkl: ");
        assertThatThrownBy(() -> PickleBytes.proto(2).int1(1).int1(2).stop().read())
            .hasMessageContaining("values left on its stack");
        assertThatThrownBy(() -> PickleBytes.proto(6).stop().read()).hasMessageContaining("protocol 6");
        assertThatThrownBy(() -> PickleBytes.proto(2).op('h', 3).stop().read()).hasMessageContaining("memo entry 3");
        assertThatThrownBy(() -> PickleBytes.proto(2).op('Q').stop().read()).hasMessageContaining("empty stack");
        assertThatThrownBy(() -> PickleBytes.proto(2).op(')', 'Q').stop().read())
            .hasMessageContaining("persistent ids");
    }

    static byte[] numpyPickle() {
        byte[] data = NdArray.ofDoubles(new int[] {2, 2}, 1, 2, 3, 4).bytes();
        return PickleBytes.proto(2).op('}', '(').py2("w").global("numpy.core.multiarray", "_reconstruct")
            .op('q', 1).global("numpy", "ndarray").int1(0).op(0x85).py2("b").op(0x87, 'R')
            .op('(').int1(1).int1(2).int1(2).op(0x86).dtype("f8", "<").op(0x89).py2Long(data).op('t', 'b')
            .py2("n").op('h', 1).op('u').stop().bytes();
    }

    @Test
    void arraysAreNotMistakenForTheirGlobals() {
        // 'n' is the memoised _reconstruct global: a global kept as a value becomes its name
        Map<Object, Object> value = (Map<Object, Object>) PickleReader.read(numpyPickle(), "n.pkl");
        assertThat(((NdArray) value.get("w")).toDoubleArray()).containsExactly(1, 2, 3, 4);
        assertThat(value.get("n")).isEqualTo("numpy.core.multiarray._reconstruct");
        assertThat(Arrays.asList(DType.values())).contains(((NdArray) value.get("w")).dtype());
    }
}
