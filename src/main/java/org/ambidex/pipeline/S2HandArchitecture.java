package org.ambidex.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Bbox;
import org.ambidex.data.Sample;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.s2hand.S2HandCheckpoint;
import org.ambidex.nets.s2hand.S2HandModel;

/**
 * S2HAND (Chen et al., CVPR 2021; {@code nets.s2hand}): one right hand's MANO mesh, joints, texture and lighting
 * from a 224-pixel crop, from the published {@code texturehand_freihand.t7} / {@code texturehand_ho3d.t7}. The
 * network poses the official MANO model, which ambidex does not ship: {@code --hand-model} names
 * {@code MANO_RIGHT.pkl} (or a folder holding it); without it, it is looked for beside the checkpoint.
 */
final class S2HandArchitecture implements Architecture {

    /** The name on the command line. */
    static final String NAME = "s2hand";
    /** The file S2HAND's weights need. */
    static final String MANO_FILE = "MANO_RIGHT.pkl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "S2HAND (CVPR 2021, self-supervised; EfficientNet-B3 -> MANO 30 PCA): one right hand per crop (left"
            + " hands mirrored) with mesh, joints, per-vertex texture colours and lighting; needs the official MANO";
    }

    @Override
    public String input() {
        return "the given box made square about its centre (FreiHAND framing: the hand filling most of it), or each"
            + " hand the MediaPipe finder sees in the photo, resized to 224 x 224, RGB in [0, 1]; box optional";
    }

    @Override
    public String modelFiles() {
        return "texturehand_freihand.t7 or texturehand_ho3d.t7 as published (TerenceCYJ/S2HAND), with the official "
            + MANO_FILE + " from --hand-model or beside the checkpoint";
    }

    @Override
    public boolean needsBox() {
        return false;
    }

    @Override
    public boolean hasBuiltInModel() {
        return false;
    }

    @Override
    public Reconstructor open(ModelSpec spec, ReconstructorOptions options) {
        HandModel mano = rightMano(options.handModel(), spec.path());
        S2HandCheckpoint checkpoint = S2HandCheckpoint.read(spec.path());
        S2HandModel model = S2HandModel.fromCheckpoint(checkpoint, mano);
        try {
            return new S2HandReconstructor(model, spec.toString(), mano.source(), options);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The official right MANO model: {@code --hand-model} (a file, or a folder holding {@value #MANO_FILE} or
     * {@code MANO_RIGHT.npz}), else the checkpoint's folder.
     *
     * @throws BadInputException in one line naming where it was looked for, when it is not there
     */
    static HandModel rightMano(String handModel, Path checkpoint) {
        if (handModel != null && handModel.strip().equalsIgnoreCase(HandModelLoader.OPEN)) {
            throw new BadInputException("--hand-model open: S2HAND regresses the PCA coefficients of the official MANO"
                + " model; give --hand-model with the official " + MANO_FILE);
        }
        Path where = handModel != null ? Path.of(handModel)
            : checkpoint.toAbsolutePath().getParent();
        boolean found = Files.isRegularFile(where) || Files.isRegularFile(where.resolve(MANO_FILE))
            || Files.isRegularFile(where.resolve("MANO_RIGHT.npz"));
        if (!found) {
            throw new BadInputException(where, "S2HAND needs the official " + MANO_FILE + " (mano.is.tue.mpg.de;"
                + " ambidex does not ship MANO): looked for " + (Files.isDirectory(where) || handModel == null
                ? MANO_FILE + " in this folder" : "this file") + (handModel == null
                ? " (the checkpoint's); give --hand-model FILE or FOLDER" : ""));
        }
        return HandModelLoader.load(where, HandSide.RIGHT, false);
    }

    @Override
    public ReconstructionRequest evaluationRequest(Sample sample) {
        // The reference runs on the whole 224-pixel image with its camera.
        return new ReconstructionRequest(new Bbox(0, 0, sample.width(), sample.height()),
            sample.camera().intrinsics(), null);
    }

    @Override
    public Optional<Trainer> trainer() {
        return Optional.of(new S2HandTrainer());
    }
}
