package org.ambidex.cli;

import org.ambidex.core.BadInputException;
import org.ambidex.hand.FingertipSet;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The hand-model options that {@code ambidex pose} and {@code ambidex render} share (a picocli mixin): which
 * model, which side, how to read the pose parameters, which fingertips and joint order.
 */
final class HandPoseOptions {

    @Option(names = "--model", paramLabel = "PATH|open", defaultValue = "open",
        description = "Hand model: 'open' (built in), a MANO .pkl/.npz file, or a folder holding MANO_RIGHT/MANO_LEFT"
            + " (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--side", paramLabel = "right|left", converter = SideConverter.class,
        description = "Which hand (default: from the model file name; right for 'open').")
    HandSide side;

    @Option(names = "--pca", paramLabel = "N", description = "hand_pose holds N (1..45) PCA coefficients "
        + "(default: 45 axis-angle values).")
    Integer pca;

    @Option(names = "--flat-hand-mean", description = "Do not add the model's mean finger pose (hands_mean).")
    boolean flatHandMean;

    @Option(names = "--no-left-fix", description = "Keep a left MANO model's shape directions as stored "
        + "(by default the released left file's defect is detected and fixed).")
    boolean noLeftFix;

    @Option(names = "--tips", paramLabel = "SET", defaultValue = "intaghand", converter = TipsConverter.class,
        description = "Fingertip vertices: intaghand, smplx or interhand (default: ${DEFAULT-VALUE}).")
    FingertipSet tips;

    @Option(names = "--joint-order", paramLabel = "ORDER", defaultValue = "openpose", converter = OrderConverter.class,
        description = "Order of the 21 joints: openpose, mano (16 + tips) or interhand (default: ${DEFAULT-VALUE}).")
    JointOrder jointOrder;

    /** Fails on option values that are out of range. */
    void check() {
        if (pca != null && (pca < 1 || pca > HandModel.HAND_POSE_SIZE)) {
            throw new BadInputException("--pca must be 1..45, got " + pca);
        }
    }

    /** The model of the {@code --side} hand (or the side the model names). */
    HandModel resolveModel() {
        return HandModelLoader.resolve(model, side, !noLeftFix);
    }

    /** The model of hand {@code handSide}, whatever {@code --side} says. */
    HandModel resolveModel(HandSide handSide) {
        return HandModelLoader.resolve(model, handSide, !noLeftFix);
    }

    /** Number of values a {@code hand_pose} entry must have. */
    int handPoseLength() {
        return pca == null ? HandModel.HAND_POSE_SIZE : pca;
    }

    static final class SideConverter implements ITypeConverter<HandSide> {
        @Override
        public HandSide convert(String value) {
            HandSide s = HandSide.parseOrNull(value);
            if (s == null) {
                throw new TypeConversionException("expected right or left, got '" + value + "'");
            }
            return s;
        }
    }

    static final class TipsConverter implements ITypeConverter<FingertipSet> {
        @Override
        public FingertipSet convert(String value) {
            FingertipSet s = FingertipSet.fromCliName(value);
            if (s == null) {
                throw new TypeConversionException("expected intaghand, smplx or interhand, got '" + value + "'");
            }
            return s;
        }
    }

    static final class OrderConverter implements ITypeConverter<JointOrder> {
        @Override
        public JointOrder convert(String value) {
            JointOrder o = JointOrder.fromCliName(value);
            if (o == null || o == JointOrder.MANO16) {
                throw new TypeConversionException("expected openpose, mano or interhand, got '" + value + "'");
            }
            return o;
        }
    }
}
