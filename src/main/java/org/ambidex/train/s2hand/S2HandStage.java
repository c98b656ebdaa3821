package org.ambidex.train.s2hand;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ambidex.nets.s2hand.S2HandCheckpoint;

/**
 * S2HAND's training stages as its configurations ({@code examples/config/{FreiHAND,HO3D}/SSL-*.json}) set them: which
 * terms are on, which modules run, and the schedule (epochs, batch, Adam's initial rate, the epochs where it halves).
 * None of the configurations freezes a module ({@code freeze_hm_estimator} is false in all); the optimiser updates
 * the modules the stage runs ({@link #trains}): the reference's model of a stage without {@code heatmaps} in its
 * {@code train_requires} has no heat-map branch, and SSL-kp's has nothing else. A module no term reaches, as the
 * texture head in {@link #SHAPE}, gets no gradient.
 *
 * <ul>
 *   <li>{@link #KEYPOINTS}: ambidex's keypoint stage (the default): the renderer-free terms with the Laplacian, on
 *       SSL-e2e's schedule; no heat-map branch.
 *   <li>{@link #SHAPE}: HO3D's {@code SSL-shape}: {@code tsa_poses}, {@code open_2dj}, {@code mscale},
 *       {@code open_bone_direc}; 120 epochs of 64 at 1e-3, halved at 30, 60, 90.
 *   <li>{@link #KP}: HO3D's {@code SSL-kp} ({@code task hm_train}): the heat-map branch alone with
 *       {@code hm_integral}; 120 epochs of 64 at 1e-3, halved at 30, 60, 90.
 *   <li>{@link #FINETUNE}: HO3D's {@code SSL-finetune}: the four, {@code hm_integral}, {@code kp_cons},
 *       {@code texture}, {@code mtex}; 60 epochs of 64 at 2.5e-4, halved at 20 and 40 (the reference starts it from
 *       the shape stage's 3-D modules and the kp stage's heat-map branch).
 *   <li>{@link #E2E}: {@code SSL-e2e} (FreiHAND and HO3D): the four, {@code hm_integral}, {@code kp_cons},
 *       {@code triangle}, {@code texture}, {@code mtex}, {@code mrgb} ({@code mshape} is zero under the mean shape);
 *       180 epochs of 32 at 1e-3, halved at 30, 60, 90, 120, 150.
 * </ul>
 *
 * @param laplacian whether {@code triangle} is on
 * @param texture whether {@code texture} is on (photometric, needs the renderer)
 * @param textureRegulariser whether {@code mtex} is on
 * @param meanColour whether {@code mrgb} is on (needs the renderer)
 * @param threeD whether the 3-D modules run (and the renderer-free 3-D terms are on)
 * @param heatmaps whether the heat-map branch runs ({@code hm_integral} on; with {@code threeD}, {@code kp_cons})
 */
public enum S2HandStage {
    KEYPOINTS(180, 32, 1e-3, List.of(30, 60, 90, 120, 150), true, false, false, false, true, false),
    SHAPE(120, 64, 1e-3, List.of(30, 60, 90), false, false, false, false, true, false),
    KP(120, 64, 1e-3, List.of(30, 60, 90), false, false, false, false, false, true),
    FINETUNE(60, 64, 2.5e-4, List.of(20, 40), false, true, true, false, true, true),
    E2E(180, 32, 1e-3, List.of(30, 60, 90, 120, 150), true, true, true, true, true, true);

    /** The reference's {@code lr_gamma}: the rate is halved at each step epoch. */
    public static final double DECAY = 0.5;

    private final int epochs;
    private final int batch;
    private final double lr;
    private final List<Integer> steps;
    private final boolean laplacian;
    private final boolean texture;
    private final boolean textureRegulariser;
    private final boolean meanColour;
    private final boolean threeD;
    private final boolean heatmaps;

    S2HandStage(int epochs, int batch, double lr, List<Integer> steps, boolean laplacian, boolean texture,
                boolean textureRegulariser, boolean meanColour, boolean threeD, boolean heatmaps) {
        this.epochs = epochs;
        this.batch = batch;
        this.lr = lr;
        this.steps = steps;
        this.laplacian = laplacian;
        this.texture = texture;
        this.textureRegulariser = textureRegulariser;
        this.meanColour = meanColour;
        this.threeD = threeD;
        this.heatmaps = heatmaps;
    }

    /** The stage's name on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stage called {@code label}, if any. */
    public static Optional<S2HandStage> named(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    public int epochs() {
        return epochs;
    }

    public int batch() {
        return batch;
    }

    public double lr() {
        return lr;
    }

    /** Epochs after which the rate halves. */
    public List<Integer> steps() {
        return steps;
    }

    public boolean laplacian() {
        return laplacian;
    }

    public boolean texture() {
        return texture;
    }

    public boolean textureRegulariser() {
        return textureRegulariser;
    }

    public boolean meanColour() {
        return meanColour;
    }

    /** Whether a step renders the hand. */
    public boolean renders() {
        return texture || meanColour;
    }

    /** Whether the 3-D modules (encoder, regressors, texture head) run and learn. */
    public boolean threeD() {
        return threeD;
    }

    /** Whether the heat-map branch runs and learns ({@code hm_integral}). */
    public boolean heatmaps() {
        return heatmaps;
    }

    /** Whether {@code kp_cons} is on: the reference computes it whenever both branches run. */
    public boolean keypointConsistency() {
        return threeD && heatmaps;
    }

    /** Whether the optimiser updates the parameter {@code name} (a state-dict name of the network). */
    public boolean trains(String name) {
        return S2HandCheckpoint.isHeatmapBranch(name) ? heatmaps : threeD;
    }
}
