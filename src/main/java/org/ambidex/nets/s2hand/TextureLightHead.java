package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Linear;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * S2HAND's {@code texture_light_estimator} ({@code texture_light_from_low} in the checkpoint): from the low-level
 * map (B, 32, 56, 56), convolutions and pooling to 256 features, then per-face colours (B, 1538, 3) as offsets from
 * the mean skin colour (200, 150, 150) / 256, and 11 raw lighting values (B, 11): ambient intensity, directional
 * intensity, ambient colour (3), directional colour (3), direction (3). The renderer applies {@code tanh} to the
 * colours; both are returned as the network gives them.
 */
final class TextureLightHead extends TorchModule {

    static final int FACES = 1538;
    static final int LIGHTS = 11;
    private static final float[] MEAN = {200f / 256, 150f / 256, 150f / 256};

    private final Sequential baseLayers;
    private final Sequential textureReg;
    private final Sequential lightReg;

    TextureLightHead() {
        baseLayers = child("base_layers", new Sequential(new Conv2d(32, 48, 10, 4, 1, true), Functional.relu(),
            Functional.maxPool(3, 2, 0), new Conv2d(48, 64, 3, 1, 0, true), Functional.relu(),
            Functional.maxPool(2, 2, 0)));
        textureReg = child("texture_reg", new Sequential(new Linear(256, 64), Functional.relu(),
            new Linear(64, FACES * 3)));
        lightReg = child("light_reg", new Sequential(new Linear(256, 64), Functional.relu(), new Linear(64, LIGHTS)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray base = baseLayers.forward(store, inputs, training, params).singletonOrThrow();
        base = base.reshape(base.getShape().get(0), -1);
        NDArray bias = textureReg.forward(store, new NDList(base), training, params).singletonOrThrow();
        NDArray textures = bias.reshape(-1, FACES, 3).add(base.getManager().create(MEAN));
        NDArray lights = lightReg.forward(store, new NDList(base), training, params).singletonOrThrow();
        return new NDList(textures, lights);
    }
}
