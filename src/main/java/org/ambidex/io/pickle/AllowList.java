package org.ambidex.io.pickle;

import java.util.HashMap;
import java.util.Map;

/**
 * The globals a pickle may refer to. Anything else (such as {@code os.system}, {@code builtins.eval},
 * {@code subprocess.Popen}) is refused by its module and name when the opcode naming it is read, before
 * any value is built.
 */
final class AllowList {

    private final Map<String, PyGlobal> globals = new HashMap<>();

    AllowList(boolean allowObjectArrays) {
        BuiltinGlobals.register(globals);
        NumpyGlobals.register(globals, allowObjectArrays);
        ScipyGlobals.register(globals);
        ChumpyGlobals.register(globals);
        TorchGlobals.register(globals);
    }

    PyGlobal resolve(String module, String name) {
        PyGlobal g = globals.get(module + "." + name);
        if (g == null) {
            throw new PickleException("refused to load the Python global '" + module + "." + name
                + "': not on the allow list (numpy arrays, scipy.sparse matrices, chumpy, torch tensors and plain"
                + " containers only)");
        }
        return g;
    }
}
