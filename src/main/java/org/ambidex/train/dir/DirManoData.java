package org.ambidex.train.dir;

import java.util.Map;
import org.ambidex.hand.HandModel;
import org.ambidex.io.NdArray;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.dir.DirModel;

/**
 * Writes hand models into every MANO layer of a DIR network ({@code mano_layer_right.th_*},
 * {@code mano_layer_left.th_*} of each regressor), as the reference's manopth layers read MANO_RIGHT.pkl and
 * MANO_LEFT.pkl at construction: template, shape and pose blend shapes, joint regressor, skinning weights,
 * faces, hand mean and all 45 PCA components; {@code th_betas} zero. The models are taken as given (a left
 * model's shapedirs fix, if any, is the loader's).
 */
public final class DirManoData {

    private DirManoData() {
    }

    /** Fills {@code model}'s MANO buffers from {@code right} and {@code left} (778-vertex MANO topology). */
    public static void fill(DirModel model, HandModel right, HandModel left) {
        Map<String, StateEntry> entries = model.network().stateEntries();
        entries.forEach((name, e) -> {
            int dot = name.lastIndexOf('.');
            String layer = dot < 0 ? "" : name.substring(0, dot);
            HandModel hand = layer.endsWith("mano_layer_right") ? right : layer.endsWith("mano_layer_left") ? left
                : null;
            if (hand == null) {
                return;
            }
            NdArray value = switch (name.substring(dot + 1)) {
                case "th_betas" -> NdArray.ofFloats(e.shape(), new float[count(e.shape())]);
                case "th_shapedirs" -> hand.shapedirs();
                case "th_posedirs" -> hand.posedirs();
                case "th_v_template" -> hand.vTemplate();
                case "th_J_regressor" -> hand.jRegressor();
                case "th_weights" -> hand.weights();
                case "th_faces" -> hand.faces();
                case "th_hands_mean" -> hand.handsMean();
                case "th_comps", "th_selected_comps" -> hand.handsComponents();
                default -> null;
            };
            if (value == null) {
                return;
            }
            float[] data = value.toFloatArray();
            if (data.length != count(e.shape())) {
                throw new IllegalArgumentException(name + " needs " + count(e.shape()) + " values; the hand model "
                    + hand.name() + " gives " + data.length);
            }
            e.write(NdArray.ofFloats(e.shape(), data));
        });
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
