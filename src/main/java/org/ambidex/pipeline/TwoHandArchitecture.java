package org.ambidex.pipeline;

import java.util.Optional;
import org.ambidex.data.Sample;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.twohand.TwoHandModel;

/**
 * The two-hand mesh network ({@code nets.twohand}): both hands' meshes, MANO-style parameters and camera placement
 * from one crop. Its model files are written by {@code ambidex train --arch twohand}; one is built into ambidex
 * ({@link TwoHandModelFiles#DEFAULT_RESOURCE}).
 */
final class TwoHandArchitecture implements Architecture {

    /** The name on the command line. */
    static final String NAME = "twohand";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "two-hand mesh network (ResNet, 2.5-D joint heat maps, iterative MANO-style regression): both hands'"
            + " meshes, joints, parameters, presence and relative placement";
    }

    @Override
    public String input() {
        return "the square 1.25 times the box (or the whole image padded to a square), resized to the model's input"
            + " size (160 px by default), ImageNet-normalised RGB; box optional";
    }

    @Override
    public String modelFiles() {
        return "a model file written by 'ambidex train --arch twohand' (RUN/model.pt)";
    }

    @Override
    public boolean needsBox() {
        return false;
    }

    @Override
    public boolean hasBuiltInModel() {
        return TwoHandModelFiles.hasDefault();
    }

    @Override
    public Reconstructor open(ModelSpec spec, ReconstructorOptions options) {
        // Read once (the built-in weights straight from the jar's bytes), then built from what was read.
        StateDict file = spec.builtIn() ? TwoHandModelFiles.readDefault() : TwoHandModelFiles.read(spec.path());
        String handModel = TwoHandModelFiles.handModel(file);
        options.requireTwoHandDefaults(NAME, handModel);
        HandModels hands = HandModels.resolve(handModel);
        return new TwoHandReconstructor(TwoHandModel.fromCheckpoint(file, hands.right(), hands.left()),
            spec.toString(), handModel, true);
    }

    @Override
    public ReconstructionRequest evaluationRequest(Sample sample) {
        // Cropped about the annotated box with the sample's camera; depths are the network's (no ground truth).
        return new ReconstructionRequest(sample.bbox(), sample.camera().intrinsics(), null);
    }

    @Override
    public Optional<Trainer> trainer() {
        return Optional.of(new TwoHandTrainer());
    }
}
