package org.ambidex.fit;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;

/**
 * The hand models the fit tests use, loaded once per test JVM: the open model and the MANO-format fixture
 * (synthetic files with MANO's structure: 778 vertices, non-zero pose blend shapes, dense weights, random
 * geometry), each side.
 */
final class TestModels {

    private static final Map<String, Map<HandSide, HandModel>> CACHE = new HashMap<>();

    private TestModels() {
    }

    static synchronized HandModel open(HandSide side) {
        return CACHE.computeIfAbsent("open", k -> new EnumMap<>(HandSide.class))
            .computeIfAbsent(side, s -> HandModelLoader.resolve(HandModelLoader.OPEN, s, false));
    }

    static synchronized HandModel manoFixture(HandSide side) {
        return CACHE.computeIfAbsent("mano", k -> new EnumMap<>(HandSide.class))
            .computeIfAbsent(side, s -> HandModelLoader.resolve(FitFixtures.manoPath(s), s, true));
    }

    static HandModel named(String name, HandSide side) {
        return name.equals("open") ? open(side) : manoFixture(side);
    }
}
