package org.ambidex.pipeline;

import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Sample;
import org.ambidex.nets.intaghand.IntagHandModel;

/**
 * IntagHand (Li et al., CVPR 2022, {@code Dw1010/IntagHand}): both hands' 778-vertex meshes from a 256 x 256 crop,
 * from the published {@code misc.tar.gz} (checkpoint and graph pickles).
 */
final class IntagHandArchitecture implements Architecture {

    /** The name on the command line. */
    static final String NAME = "intaghand";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "IntagHand (CVPR 2022; ResNet-50, graph convolutions with image and inter-hand attention): both hands'"
            + " 778-vertex meshes and orthographic cameras; joints regressed from the meshes by MANO (--hand-model)";
    }

    @Override
    public String input() {
        return "the square about the box (or the hands MediaPipe finds) with side extent / 0.8, warped to 256 x 256"
            + " (OpenCV fixed-point bilinear), ImageNet-normalised RGB; box optional";
    }

    @Override
    public String modelFiles() {
        return "the misc folder of IntagHand's misc.tar.gz (model/interhand.pth or model/wild_demo.pth,"
            + " graph_left.pkl, graph_right.pkl), or a checkpoint .pth with --graphs FOLDER (else the graphs are looked"
            + " for beside it and one folder up)";
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
        if (options.handModel() == null) {
            throw new BadInputException(NAME + " needs --hand-model FOLDER with MANO_RIGHT and MANO_LEFT"
                + " (778 vertices): its joints are regressed from its meshes by MANO's J_regressor and tips, as its"
                + " evaluation does (the meshes alone come from the Java API, nets.intaghand.IntagHandModel)");
        }
        options.withGraphs(null).requireTwoHandDefaults(NAME, options.handModel());
        HandModels hands = HandModels.resolve(options.handModel());
        IntagHandModel model = IntagHandModel.open(spec.path(), options.graphs());
        try {
            // Opened to predict: the ResNet's batch norms run folded into its convolutions (15 of 182 ms at batch 1).
            model.network().foldBatchNorms(model.manager());
            return new IntagHandReconstructor(model, spec.toString(), hands);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public ReconstructionRequest evaluationRequest(Sample sample) {
        // The reference crops about the ground-truth meshes' projections; the annotated box of both hands and the
        // sample's camera are the closest request (placement depths are the model's own).
        return new ReconstructionRequest(sample.bbox(), sample.camera().intrinsics(), null);
    }

    @Override
    public Optional<Trainer> trainer() {
        return Optional.of(new IntagHandTrainer());
    }
}
