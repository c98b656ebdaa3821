package org.ambidex.hand;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;

/**
 * Where the model spec {@code open} comes from: ambidex's own hand model (issue 6), a MANO-format
 * {@code .npz} shipped as the class-path resource {@value #RIGHT_RESOURCE} for the right hand; the left hand
 * is its mirror image, made by {@link #mirrorToLeft(HandModel)}.
 */
public final class OpenModelSource {

    /** Class-path resource of the right open hand model. */
    public static final String RIGHT_RESOURCE = "org/ambidex/hand/open/ambidex-open-hand-right.npz";

    private static volatile HandModel right;
    private static volatile HandModel left;

    private OpenModelSource() {
    }

    /** Whether the open model resource is on the class path. */
    public static boolean isAvailable() {
        return OpenModelSource.class.getClassLoader().getResource(RIGHT_RESOURCE) != null;
    }

    /**
     * The open hand model of {@code side}.
     *
     * @throws BadInputException when the model is not built into this ambidex
     */
    public static HandModel load(HandSide side) {
        HandModel r = right();
        return side == HandSide.RIGHT ? r : mirrorToLeft(r);
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

    /**
     * The left open hand model, the mirror image of {@code right} across the plane x = 0 (template and shape
     * directions' x negated, faces rewound, pose blend shapes, PCA space and joint axes following the mirrored
     * rotations). The mirroring belongs to the open model's own package, which builds the model.
     */
    static HandModel mirrorToLeft(HandModel right) {
        HandModel l = left;
        if (l == null) {
            synchronized (OpenModelSource.class) {
                if (left == null) {
                    left = org.ambidex.hand.open.OpenHandModel.mirrorToLeft(right);
                }
                l = left;
            }
        }
        return l;
    }
}
