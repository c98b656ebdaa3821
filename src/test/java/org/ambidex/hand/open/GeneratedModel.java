package org.ambidex.hand.open;

/** The model for the default seed, generated once per test JVM (generation takes a few seconds). */
final class GeneratedModel {

    private static OpenHandModelData model;

    private GeneratedModel() {
    }

    static synchronized OpenHandModelData right() {
        if (model == null) {
            model = OpenHandGenerator.generate(OpenHandGenerator.DEFAULT_SEED);
        }
        return model;
    }
}
