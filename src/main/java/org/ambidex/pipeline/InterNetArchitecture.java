package org.ambidex.pipeline;

import java.util.Optional;
import org.ambidex.data.Sample;
import org.ambidex.nets.InterNetModel;

/**
 * InterNet, the InterHand2.6M baseline (Moon et al., ECCV 2020): 2.5-D joint heat maps of both hands, hand types
 * and the relative root depth, from the published PyTorch snapshots or ones trained by ambidex.
 */
final class InterNetArchitecture implements Architecture {

    /** The name on the command line. */
    static final String NAME = "internet";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "InterNet (InterHand2.6M baseline, ResNet-50 2.5-D heat maps): both hands' 21 joints in pixels and"
            + " relative depth, hand types, relative root depth; no meshes";
    }

    @Override
    public String input() {
        return "the box made square and 1.25 times larger, warped to 256 x 256 (OpenCV bilinear), RGB / 255; box"
            + " required; camera-frame joints need --focal, --princpt and --root-depth";
    }

    @Override
    public String modelFiles() {
        return "an InterNet snapshot_N.pth.tar as published (facebookresearch/InterHand2.6M) or from ambidex train";
    }

    @Override
    public boolean needsBox() {
        return true;
    }

    @Override
    public boolean hasBuiltInModel() {
        return false;
    }

    @Override
    public Reconstructor open(ModelSpec spec, ReconstructorOptions options) {
        if (options.handModel() != null) {
            throw new org.ambidex.core.BadInputException("--hand-model: " + NAME + " gives joints, not meshes");
        }
        options.requireTwoHandDefaults(NAME, null);
        InterNetModel model = InterNetModel.fromCheckpoint(spec.path());
        // Opened to predict: the backbone's batch norms run folded into its convolutions.
        model.network().resnet().foldBatchNorms(model.manager());
        return new InterNetReconstructor(model, spec.toString(), true);
    }

    @Override
    public ReconstructionRequest evaluationRequest(Sample sample) {
        // The reference evaluates with trans_test = 'gt': each hand at its annotated wrist depth.
        return new ReconstructionRequest(sample.bbox(), sample.camera().intrinsics(), sample.rootDepth(0),
            sample.rootDepth(1));
    }

    @Override
    public Optional<Trainer> trainer() {
        return Optional.of(new InterNetTrainer());
    }
}
