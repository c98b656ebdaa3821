package org.ambidex.hand.open;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.BuiltInHandModel;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;

/**
 * Where the model spec {@code open} comes from: ambidex's own hand model (issue 6), a MANO-format
 * {@code .npz} shipped as the class-path resource {@value #RIGHT_RESOURCE} for the right hand; the left hand
 * is its mirror image ({@link OpenHandModel#mirrorToLeft(HandModel)}). Registered as the
 * {@link BuiltInHandModel} named {@link HandModelLoader#OPEN}, which is how {@link HandModelLoader} reaches it.
 *
 * <p>Both models are read or mirrored once per process and shared: the service loader makes a new instance per
 * lookup, so the cache is static.
 */
public final class OpenModelSource implements BuiltInHandModel {

    /** Class-path resource of the right open hand model. */
    public static final String RIGHT_RESOURCE = "org/ambidex/hand/open/ambidex-open-hand-right.npz";

    private static volatile HandModel right;
    private static volatile HandModel left;

    /** For the service loader; the models are read on first use. */
    public OpenModelSource() {
    }

    @Override
    public String name() {
        return HandModelLoader.OPEN;
    }

    /** Whether the open model resource is on the class path. */
    @Override
    public boolean isAvailable() {
        return OpenModelSource.class.getClassLoader().getResource(RIGHT_RESOURCE) != null;
    }

    /**
     * The open hand model of {@code side}.
     *
     * @throws BadInputException when the model is not built into this ambidex
     */
    @Override
    public HandModel load(HandSide side) {
        return model(side);
    }

    /** As {@link #load(HandSide)}, for this package's static entry points. */
    static HandModel model(HandSide side) {
        HandModel r = right();
        return side == HandSide.RIGHT ? r : left(r);
    }

    private static HandModel right() {
        HandModel r = right;
        if (r == null) {
            synchronized (OpenModelSource.class) {
                if (right == null) {
                    right = readResource();
                }
                r = right;
            }
        }
        return r;
    }

    private static HandModel readResource() {
        try (InputStream in = OpenModelSource.class.getClassLoader().getResourceAsStream(RIGHT_RESOURCE)) {
            if (in == null) {
                throw new BadInputException("the open hand model is not built yet (no " + RIGHT_RESOURCE
                    + " in this ambidex); use --model PATH with a MANO .pkl/.npz file or folder");
            }
            // The npz reader needs random access: copy the resource out of the jar first.
            Path temporary = Files.createTempFile("ambidex-open-hand-", ".npz");
            try {
                Files.copy(in, temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                HandModel m = HandModelLoader.read(temporary, HandSide.RIGHT);
                return m.toBuilder().source("resource:" + RIGHT_RESOURCE).build();
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new BadInputException(null, "cannot read the open hand model resource (" + e.getMessage() + ")", e);
        }
    }

    private static HandModel left(HandModel right) {
        HandModel l = left;
        if (l == null) {
            synchronized (OpenModelSource.class) {
                if (left == null) {
                    left = OpenHandModel.mirrorToLeft(right);
                }
                l = left;
            }
        }
        return l;
    }
}
