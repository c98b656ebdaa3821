package org.ambidex.io.pickle;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.ambidex.io.NdArray;

/**
 * The chumpy objects of the official MANO and SMPL files, resolved to arrays: a {@code chumpy.ch.Ch} is its
 * value {@code x}; a {@code chumpy.reordering.Select} is {@code a.ravel()[idxs].reshape(preferred_shape)}.
 */
final class ChumpyGlobals {

    private ChumpyGlobals() {
    }

    static void register(Map<String, PyGlobal> globals) {
        ClassToken ch = new ClassToken("chumpy.ch", "Ch", args -> new PendingCh());
        ClassToken select = new ClassToken("chumpy.reordering", "Select", args -> new PendingSelect());
        globals.put(ch.qualifiedName(), ch);
        globals.put(select.qualifiedName(), select);
    }

    private static NdArray arrayOf(Object value, String what) {
        if (value instanceof NdArray a) {
            return a;
        }
        if (value instanceof Double d) {
            return NdArray.ofDoubles(new int[0], d);
        }
        throw new PickleException(what + " is " + Args.typeName(value) + ", expected an array");
    }

    private static final class PendingCh extends Pending {
        @Override
        protected Object build(Object state) {
            return arrayOf(Args.dict(state, "chumpy Ch state").get("x"), "chumpy Ch value 'x'");
        }

        @Override
        protected String describe() {
            return "chumpy.ch.Ch";
        }
    }

    private static final class PendingSelect extends Pending {
        @Override
        protected Object build(Object state) {
            Map<Object, Object> attributes = Args.dict(state, "chumpy Select state");
            NdArray a = arrayOf(attributes.get("a"), "chumpy Select source 'a'");
            NdArray idxs = arrayOf(attributes.get("idxs"), "chumpy Select 'idxs'");
            if (idxs.dtype().isFloating() || idxs.dtype().isComplex()) {
                throw new PickleException("chumpy Select 'idxs' is " + idxs.dtype() + ", expected integers");
            }
            int[] shape = attributes.get("preferred_shape") == null ? new int[] {(int) idxs.size()}
                : Args.shape(attributes.get("preferred_shape"), "chumpy Select 'preferred_shape'");
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (count != idxs.size()) {
                throw new PickleException("chumpy Select selects " + idxs.size() + " values for preferred shape "
                    + Arrays.toString(shape));
            }
            int item = a.dtype().itemSize();
            ByteBuffer source = a.toCOrder().buffer();
            byte[] out = new byte[(int) count * item];
            for (int i = 0; i < count; i++) {
                long index = idxs.getLong(i);
                if (index < 0 || index >= a.size()) {
                    throw new PickleException("chumpy Select index " + index + " outside its source of " + a.size()
                        + " values");
                }
                source.position((int) index * item);
                source.get(out, i * item, item);
            }
            return NdArray.wrap(a.dtype(), shape, NdArray.Order.C, out);
        }

        @Override
        protected String describe() {
            return "chumpy.reordering.Select";
        }
    }
}
