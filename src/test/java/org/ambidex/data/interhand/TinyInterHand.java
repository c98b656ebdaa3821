package org.ambidex.data.interhand;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The hand-written dataset in {@code fixtures/interhand-tiny} (see its README for the values). */
public final class TinyInterHand {

    private TinyInterHand() {
    }

    public static Path root() {
        try {
            return Path.of(TinyInterHand.class.getResource("/fixtures/interhand-tiny/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
