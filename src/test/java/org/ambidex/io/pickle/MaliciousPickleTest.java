package org.ambidex.io.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A corpus of hostile and broken pickles, assembled by hand: code-running globals are refused by name before
 * anything is built, and broken or lying input fails with one BadInputException line, never another
 * exception or an out-of-memory error.
 */
class MaliciousPickleTest {

    @ParameterizedTest
    @CsvSource({"os, system", "posix, system", "nt, system", "builtins, eval", "__builtin__, eval", "builtins, exec",
        "subprocess, Popen", "builtins, getattr", "builtins, __import__", "pickle, loads", "torch, load",
        "numpy, load", "numpy.testing._private.utils, runstring", "torch.serialization, load",
        "copyreg, _reconstructor.__globals__"})
    void codeRunningGlobalsAreRefusedByName(String module, String name) {
        // GLOBAL module name; (S'echo pwned'\n tR.  (protocol 0: call it with one string)
        byte[] p = PickleBytes.text().ascii("c" + module + "\n" + name + "\n(S'echo pwned'\ntR.").bytes();
        assertThatThrownBy(() -> PickleReader.read(p, "evil.pkl")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("refused to load the Python global '" + module + "." + name + "'")
            .hasMessageContaining("(pickle opcode at byte 0)");
    }

    @Test
    void stackGlobalAndInstAreRefusedToo() {
        assertThatThrownBy(() -> PickleBytes.proto(4).shortUnicode("os").shortUnicode("system").op(0x93)
            .shortUnicode("id").op(0x85, 'R').stop().read()).hasMessageContaining("'os.system'");
        assertThatThrownBy(() -> PickleBytes.text().ascii("(S'id'\nios\nsystem\n.").read())
            .hasMessageContaining("'os.system'");
    }

    @Test
    void allowListedClassesCannotSmuggleCalls() {
        // copy_reg._reconstructor needs an allow-listed class; REDUCE on a non-global; BUILD on a plain value
        assertThatThrownBy(() -> PickleBytes.proto(2).global("copy_reg", "_reconstructor").py2("x").py2("y").op('N')
            .op(0x87, 'R').stop().read()).hasMessageContaining("copy_reg._reconstructor of a string");
        assertThatThrownBy(() -> PickleBytes.proto(2).py2("os").op(')', 'R').stop().read())
            .hasMessageContaining("REDUCE of a string");
        assertThatThrownBy(() -> PickleBytes.proto(2).int1(1).op('}', 'b').stop().read())
            .hasMessageContaining("BUILD (set the state) of an integer");
        assertThatThrownBy(() -> PickleBytes.proto(2).op(0x82, 1).stop().read())
            .hasMessageContaining("extension registry");
    }

    @Test
    void absurdDeclaredSizesFailBeforeAllocating() {
        assertThatThrownBy(() -> PickleBytes.proto(4).op(0x8e).le(1L << 40, 8).op(1, 2).stop().read())
            .isInstanceOf(BadInputException.class).hasMessageContaining("2 GiB");
        assertThatThrownBy(() -> PickleBytes.proto(2).op('X').le(0x7fff_fff0L, 4).op(1, 2).stop().read())
            .isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> PickleBytes.proto(2).op(0x8b).le(0x7000_0000L, 4).stop().read())
            .isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> PickleBytes.proto(4).op(0x95).le(-1L, 8).stop().read())
            .isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
        // A numpy state declaring a shape its data does not hold
        assertThatThrownBy(() -> PickleBytes.proto(2).global("numpy.core.multiarray", "_reconstruct")
            .global("numpy", "ndarray").int1(0).op(0x85).py2("b").op(0x87, 'R').op('(').int1(1)
            .binint(Integer.MAX_VALUE).binint(Integer.MAX_VALUE).op(0x86).dtype("f8", "<").op(0x89).py2("abc")
            .op('t', 'b').stop().read()).isInstanceOf(BadInputException.class).hasMessageContaining("needs");
        // An instream-length lie: reading from a stream of unknown length must not pre-allocate 1.9 GB
        byte[] lie = PickleBytes.proto(3).op('B').le(0x7000_0000L, 4).op(1, 2, 3).bytes();
        assertThatThrownBy(() -> PickleReader.read(new java.io.ByteArrayInputStream(lie), -1, "stream"))
            .isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
    }

    @Test
    void everyTruncationOfAValidPickleIsACleanError() {
        byte[] whole = PickleReaderTest.numpyPickle();
        assertThat(PickleReader.read(whole, "ok.pkl")).isNotNull();
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            try {
                PickleReader.read(cut, "cut.pkl");
                fail("a pickle cut to " + n + " bytes was accepted");
            } catch (BadInputException expected) {
                assertThat(expected.getMessage()).startsWith("cut.pkl: ").doesNotContain("\n");
            }
        }
    }

    @Test
    void randomCorruptionsFailOnlyWithBadInput() {
        byte[] whole = PickleReaderTest.numpyPickle();
        SplittableRandom random = new SplittableRandom(20261121L);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] broken = whole.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
            }
            try {
                PickleReader.read(broken, "fuzz.pkl");
            } catch (BadInputException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n");
            } catch (RuntimeException | Error e) {
                throw new AssertionError("trial " + trial + " failed with " + e, e);
            }
        }
    }
}
