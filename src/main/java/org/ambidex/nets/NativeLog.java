package org.ambidex.nets;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PyTorch's native library (c10) prints on stderr. libtorch warns about things only the authors of the engine
 * binding can change, such as DJL's use of a deprecated guard ({@code [W... LegacyTypeDispatch.h:74] Warning:
 * AutoNonVariableTypeMode is deprecated ...}, printed once per process when weights are first written). ambidex
 * prints errors only, unless warnings are asked for ({@code --debug}) or the environment variable
 * {@value #LEVEL_VARIABLE} names a level (INFO, WARNING, ERROR, FATAL or 0 to 3, as PyTorch documents it).
 *
 * <p>c10 reads {@value #LEVEL_VARIABLE} only in {@code c10::initLogging()}, which neither libtorch nor DJL's JNI
 * library calls, so under DJL the variable alone changes nothing (PyTorch 2.5.1): the level is written into the
 * loaded library's {@code FLAGS_caffe2_log_level}, the flag c10's logger compares each message with, through JNA
 * (which DJL brings). Where that fails (a libc10 without the symbol) the messages show as before and nothing else
 * changes.
 */
public final class NativeLog {

    /** PyTorch's variable for the native log level. */
    public static final String LEVEL_VARIABLE = "TORCH_CPP_LOG_LEVEL";

    private static final String FLAG = "FLAGS_caffe2_log_level";
    private static final int WARNING = 1;
    private static final int ERROR = 2;
    /** dlopen's RTLD_LAZY alone: the library is already loaded, and JNA's default RTLD_GLOBAL would re-export it. */
    private static final int RTLD_LAZY = 1;

    private static boolean showWarnings;
    private static boolean looked;
    private static Pointer flag;

    private NativeLog() {
    }

    /**
     * Whether c10's warnings reach stderr (they do not by default); takes effect at once if the engine is loaded,
     * otherwise when {@link #apply()} loads it. An explicit {@value #LEVEL_VARIABLE} overrides this.
     */
    public static synchronized void showWarnings(boolean show) {
        showWarnings = show;
        if (flag != null) {
            write();
        }
    }

    /**
     * Loads the PyTorch engine if it is not loaded yet and sets its native log level. The networks call it before
     * they write weights, which is when the warning comes; later calls only take a lock.
     */
    public static synchronized void apply() {
        if (looked) {
            return;
        }
        Engine.getEngine("PyTorch");
        flag = find();
        looked = true;
        if (flag != null) {
            write();
        }
    }

    /** The native level {@code text} names, as c10 parses {@value #LEVEL_VARIABLE}; -1 for anything else. */
    static int parseLevel(String text) {
        return switch (text == null ? "" : text.strip().toUpperCase(Locale.ROOT)) {
            case "0", "INFO" -> 0;
            case "1", "WARNING" -> 1;
            case "2", "ERROR" -> 2;
            case "3", "FATAL" -> 3;
            default -> -1;
        };
    }

    private static void write() {
        int level = parseLevel(System.getenv(LEVEL_VARIABLE));
        flag.setInt(0, level >= 0 ? level : showWarnings ? WARNING : ERROR);
    }

    private static Pointer find() {
        String c10 = System.mapLibraryName("c10");
        try {
            c10 = Path.of(LibUtils.getLibtorchPath()).resolve(c10).toString();
            NativeLibrary library = NativeLibrary.getInstance(c10, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY));
            return library.getGlobalVariableAddress(FLAG);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // The logger is made here, not when the class loads: the command line configures slf4j after that.
            Logger log = LoggerFactory.getLogger(NativeLog.class);
            log.debug("cannot set PyTorch's native log level: no {} in {} ({})", FLAG, c10, e.toString());
            return null;
        }
    }
}
