package org.ambidex.hand;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A hand model built into ambidex and named by a model spec rather than a path, such as {@code open}
 * ({@link HandModelLoader#OPEN}). The packages that build such models implement this and register the
 * implementation in {@code META-INF/services}; {@link HandModelLoader} finds them through {@link ServiceLoader},
 * so {@code hand} does not depend on the packages above it that make models.
 *
 * <p>Implementations need a public no-argument constructor (the service loader makes a new instance per lookup),
 * so any cache belongs in static state.
 */
public interface BuiltInHandModel {

    /** The model spec that names this model, compared ignoring case. */
    String name();

    /** Whether the model's data is part of this ambidex. */
    boolean isAvailable();

    /**
     * The model of {@code side}.
     *
     * @throws org.ambidex.core.BadInputException when the model is not available
     */
    HandModel load(HandSide side);

    /** The registered model named {@code name} (ignoring case and surrounding blanks), if any. */
    static Optional<BuiltInHandModel> named(String name) {
        String n = name.strip();
        for (BuiltInHandModel m : ServiceLoader.load(BuiltInHandModel.class, BuiltInHandModel.class.getClassLoader())) {
            if (m.name().equalsIgnoreCase(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
