package org.ambidex.hand;

import static org.ambidex.hand.HandJoint.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The per-hand joint orders in use, and every permutation between them: the one place where joint index
 * lists live (SEED_SPEC.md D.4 and A.6). Other code converts with {@link #gatherFrom(JointOrder)} or
 * {@link #convert(double[], JointOrder, int)}, never with literal index lists.
 *
 * <ul>
 *   <li>{@link #MANO16}: the 16 joints of the MANO kinematic tree (wrist; index, middle, pinky, ring, thumb
 *       chains, base to last joint);
 *   <li>{@link #MANO16_TIPS}: those 16 then the tips thumb, index, middle, ring, pinky (smplx vertex-joint
 *       order, HO3D, Zhang et al. v2);
 *   <li>{@link #OPENPOSE}: the canonical order (OpenPose, FreiHAND, MediaPipe, manopth, IntagHand);
 *   <li>{@link #INTERHAND}: one InterHand2.6M hand block, tip first per finger, wrist last.
 * </ul>
 * The two-hand InterHand2.6M layout (42 joints: right block 0..20, left block 21..41) is served by
 * {@link #interHand42Index(HandSide, HandJoint)} and {@link #gatherFromInterHand42(HandSide)}.
 */
public enum JointOrder {
    MANO16("mano16", List.of(WRIST, INDEX_MCP, INDEX_PIP, INDEX_DIP, MIDDLE_MCP, MIDDLE_PIP, MIDDLE_DIP,
        PINKY_MCP, PINKY_PIP, PINKY_DIP, RING_MCP, RING_PIP, RING_DIP, THUMB_CMC, THUMB_MCP, THUMB_IP)),
    MANO16_TIPS("mano", List.of(WRIST, INDEX_MCP, INDEX_PIP, INDEX_DIP, MIDDLE_MCP, MIDDLE_PIP, MIDDLE_DIP,
        PINKY_MCP, PINKY_PIP, PINKY_DIP, RING_MCP, RING_PIP, RING_DIP, THUMB_CMC, THUMB_MCP, THUMB_IP,
        THUMB_TIP, INDEX_TIP, MIDDLE_TIP, RING_TIP, PINKY_TIP)),
    OPENPOSE("openpose", List.of(HandJoint.values())),
    INTERHAND("interhand", interHandBlock());

    /**
     * HO-3D's joint order ({@code handJoints3D}; SEED_SPEC.md G.4), which is {@link #MANO16_TIPS}: S2HAND's
     * {@code HO3D2Frei}/{@code Frei2HO3D} mapping (FreiHAND joint i is HO-3D joint m[i]: 0, 13, 14, 15, 16, 1, 2, 3,
     * 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20) is {@code OPENPOSE.gatherFrom(HO3D)}. A name, not another order.
     */
    public static final JointOrder HO3D = MANO16_TIPS;

    /** Number of joints in the InterHand2.6M two-hand layout. */
    public static final int INTERHAND42_SIZE = 42;

    private final String cliName;
    private final List<HandJoint> joints;
    private final int[] indexOfJoint;

    JointOrder(String cliName, List<HandJoint> joints) {
        this.cliName = cliName;
        this.joints = joints;
        this.indexOfJoint = new int[HandJoint.values().length];
        Arrays.fill(indexOfJoint, -1);
        for (int i = 0; i < joints.size(); i++) {
            indexOfJoint[joints.get(i).ordinal()] = i;
        }
    }

    private static List<HandJoint> interHandBlock() {
        List<HandJoint> block = new ArrayList<>(21);
        for (Finger f : Finger.values()) {
            for (int level = 4; level >= 1; level--) {
                block.add(HandJoint.of(f, level));
            }
        }
        block.add(WRIST);
        return List.copyOf(block);
    }

    /** The name used on command lines and in output files ({@code openpose}, {@code mano}, ...). */
    public String cliName() {
        return cliName;
    }

    /** The joints in this order. */
    public List<HandJoint> joints() {
        return joints;
    }

    public int size() {
        return joints.size();
    }

    /** Position of {@code joint} in this order, or -1 if this order does not hold it. */
    public int indexOf(HandJoint joint) {
        return indexOfJoint[joint.ordinal()];
    }

    public boolean contains(HandJoint joint) {
        return indexOf(joint) >= 0;
    }

    /**
     * The gather list from {@code source} to this order: for each slot i of this order, the index in
     * {@code source} of the same joint ({@code out[i] = in[result[i]]}).
     *
     * @throws IllegalArgumentException when {@code source} lacks a joint of this order (e.g. tips from MANO16)
     */
    public int[] gatherFrom(JointOrder source) {
        int[] g = new int[size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = source.indexOf(joints.get(i));
            if (g[i] < 0) {
                throw new IllegalArgumentException(source + " has no " + joints.get(i) + " needed by " + this);
            }
        }
        return g;
    }

    /**
     * Reorders per-joint values: {@code values} holds {@code source.size()} rows of {@code width} numbers (for
     * example x, y, z); the result holds this order's rows.
     */
    public double[] convert(double[] values, JointOrder source, int width) {
        if (values.length != source.size() * width) {
            throw new IllegalArgumentException("expected " + source.size() + " joints x " + width + " values for "
                + source + ", got " + values.length);
        }
        int[] g = gatherFrom(source);
        double[] out = new double[g.length * width];
        for (int i = 0; i < g.length; i++) {
            System.arraycopy(values, g[i] * width, out, i * width, width);
        }
        return out;
    }

    /** Index of {@code joint} of hand {@code side} in the InterHand2.6M 42-joint two-hand layout. */
    public static int interHand42Index(HandSide side, HandJoint joint) {
        return side.index() * 21 + INTERHAND.indexOf(joint);
    }

    /**
     * The gather list taking one hand out of the 42-joint InterHand2.6M layout into the canonical
     * {@link #OPENPOSE} order: {@code out[i] = in42[result[i]]}.
     */
    public static int[] gatherFromInterHand42(HandSide side) {
        int[] g = new int[21];
        for (HandJoint j : HandJoint.values()) {
            g[j.ordinal()] = interHand42Index(side, j);
        }
        return g;
    }

    /** The InterHand2.6M name of slot {@code index} of the 42-joint layout ({@code r_thumb4} .. {@code l_wrist}). */
    public static String interHand42Name(int index) {
        if (index < 0 || index >= INTERHAND42_SIZE) {
            throw new IndexOutOfBoundsException("InterHand2.6M joint index must be 0..41, got " + index);
        }
        HandSide side = HandSide.ofIndex(index / 21);
        return (side == HandSide.RIGHT ? "r_" : "l_") + INTERHAND.joints.get(index % 21).interHandName();
    }

    /** The order named {@code name} on a command line (see {@link #cliName()}), or null. */
    public static JointOrder fromCliName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (JointOrder o : values()) {
            if (o.cliName.equals(n)) {
                return o;
            }
        }
        return null;
    }
}
