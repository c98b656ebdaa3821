package org.ambidex.pipeline;

import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Sample;
import org.ambidex.nets.dir.DirModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIR (Ren et al., ICCV 2023; {@code nets.dir}): both hands' MANO meshes, joints, weak-perspective cameras and
 * the right-minus-left wrist offset from IntagHand-style crops, read from the published {@code DIR.pth}.
 */
final class DirArchitecture implements Architecture {

    /** The name on the command line. */
    static final String NAME = "dir";
    private static final Logger LOG = LoggerFactory.getLogger(DirArchitecture.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "DIR (Ren et al., ICCV 2023): ResNet-50, attention-pooled MANO regression and two decoupled refinement"
            + " stages; both hands' meshes, joints and relative root";
    }

    @Override
    public String input() {
        return "IntagHand's crop (square of side max extent / 0.8 about the box, or about the hands the photo finder"
            + " finds) warped to 256 px in OpenCV's 8-bit arithmetic, ImageNet-normalised RGB; box optional";
    }

    @Override
    public String modelFiles() {
        return "DIR's published checkpoint (DIR.pth: {'net': state_dict, ...}, MANO data inside)";
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
        if (spec.builtIn()) {
            throw new BadInputException("dir has no built-in weights; give --model dir:DIR.pth");
        }
        DirModel model = DirModel.load(spec.path());
        // Opened to predict: the backbone's batch norms run folded into its convolutions.
        model.network().foldBatchNorms(model.manager());
        // strict=False, as the reference loads it: say what was left unused, loudly when it is not what the
        // published file is known to carry beyond the network (the backbone's classifier, a loss weight)
        boolean expected = model.loadReport().unused().stream().allMatch(n -> n.startsWith("backbone.fc.")
            || n.equals("seg_loss.weight"));
        if (expected) {
            LOG.info("{}: {}", spec.path(), model.loadReport().describe());
        } else {
            LOG.warn("{}: {}", spec.path(), model.loadReport().describe());
        }
        return new DirReconstructor(model, spec.toString());
    }

    @Override
    public ReconstructionRequest evaluationRequest(Sample sample) {
        // The hands' box and the camera; depths are DIR's own (its weak-perspective scale and offset).
        return new ReconstructionRequest(sample.bbox(), sample.camera().intrinsics(), null);
    }

    @Override
    public Optional<Trainer> trainer() {
        return Optional.of(new DirTrainer());
    }
}
