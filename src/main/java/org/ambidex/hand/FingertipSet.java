package org.ambidex.hand;

import java.util.Locale;

/**
 * Which MANO mesh vertices serve as the five fingertip keypoints (order thumb, index, middle, ring, pinky).
 * Each code base picked its own (SEED_SPEC.md D.4); evaluation protocols must use theirs.
 *
 * <p>These indices are for the 778-vertex MANO topology. A model that declares its own tip vertices (the open
 * hand model's {@code tip_vertices}) uses those for every set: see {@link HandModel#tipVertices(FingertipSet)}.
 */
public enum FingertipSet {
    /** 745, 317, 444, 556, 673: IntagHand, DIR, Zhang et al., manopth's right hand. The default. */
    INTAGHAND("intaghand", 745, 317, 444, 556, 673),
    /** 744, 320, 443, 554, 671: smplx {@code vertex_ids['mano']}. */
    SMPLX("smplx", 744, 320, 443, 554, 671),
    /** 745, 317, 445, 556, 673: the InterHand2.6M MANO joint regressor (manopth's left hand). */
    INTERHAND("interhand", 745, 317, 445, 556, 673),
    /** 744, 320, 443, 555, 672: S2HAND's own MANO code ({@code hand_3d_model.py}, "for FreiHand"). */
    S2HAND("s2hand", 744, 320, 443, 555, 672);

    /** Number of vertices of the MANO mesh these indices refer to. */
    public static final int MANO_VERTEX_COUNT = 778;

    private final String cliName;
    private final int[] vertices;

    FingertipSet(String cliName, int... vertices) {
        this.cliName = cliName;
        this.vertices = vertices;
    }

    public String cliName() {
        return cliName;
    }

    /** The five vertex indices, thumb to pinky (a copy). */
    public int[] vertices() {
        return vertices.clone();
    }

    /** The tip vertex of {@code finger}. */
    public int vertex(Finger finger) {
        return vertices[finger.ordinal()];
    }

    /** The set named {@code name} ({@code intaghand}, {@code smplx}, {@code interhand}), or null. */
    public static FingertipSet fromCliName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (FingertipSet s : values()) {
            if (s.cliName.equals(n)) {
                return s;
            }
        }
        return null;
    }
}
