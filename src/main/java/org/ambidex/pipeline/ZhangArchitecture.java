package org.ambidex.pipeline;

import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Sample;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.nets.zhang.ZhangVariant;

/**
 * Zhang et al., "Interacting Two-Hand 3D Pose and Shape Reconstruction from Single Color Image" (ICCV 2021):
 * InterNet heat maps, then per-hand MANO regression with pose-aware attention and three cascaded refinements, and
 * the left hand's placement relative to the right; v2 (iscas3dv/Two-Hand-Shape-Pose_v2) from the published
 * {@code snapshot_99.pth.tar}, v1 (BaowenZ/Two-Hand-Shape-Pose) from {@code model.pts}, both carrying their MANO
 * data.
 */
final class ZhangArchitecture implements Architecture {

    private final ZhangVariant variant;

    ZhangArchitecture(ZhangVariant variant) {
        this.variant = variant;
    }

    /** The name on the command line: {@code zhang} (v2) or {@code zhang-v1}. */
    static String name(ZhangVariant variant) {
        return variant == ZhangVariant.V2 ? "zhang" : "zhang-v1";
    }

    @Override
    public String name() {
        return name(variant);
    }

    @Override
    public String summary() {
        return "Zhang et al. ICCV 2021 " + (variant == ZhangVariant.V2 ? "v2" : "v1 (InterHand2.6M v0)")
            + " (InterNet heat maps, BN-less ResNet-50, cascaded MANO regression): both hands' meshes, joints, MANO"
            + " parameters and the left hand's relative placement; no camera model";
    }

    @Override
    public String input() {
        return "InterNet's crop (square, 1.25 times the box) warped to 256 x 256 about the given box, or without one"
            + " about the hands the photo finder finds; when it finds none, the image scaled to 256 on its longer side"
            + " at the top-left of a black square (the demo); RGB / 255";
    }

    @Override
    public String modelFiles() {
        return variant == ZhangVariant.V2
            ? "the published snapshot_99.pth.tar (iscas3dv/Two-Hand-Shape-Pose_v2), MANO data included"
            : "the published model.pts (BaowenZ/Two-Hand-Shape-Pose), MANO data included";
    }

    @Override
    public boolean appliesExifOrientation() {
        // v2's demo reads with IMREAD_IGNORE_ORIENTATION, v1's test.py with OpenCV's default (orientation applied).
        return variant == ZhangVariant.V1;
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
        if (options.handModel() != null) {
            throw new BadInputException("--hand-model: " + name() + " uses the MANO data stored in its snapshot; leave"
                + " --hand-model out");
        }
        options.requireTwoHandDefaults(name(), null);
        ZhangModel model = variant == ZhangVariant.V2 ? ZhangModel.fromCheckpoint(spec.path())
            : ZhangModel.fromV1Checkpoint(spec.path());
        // Opened to predict: InterNet's batch norms run folded into its convolutions (the mesh ResNet has none).
        model.network().interNet().resnet().foldBatchNorms(model.manager());
        return new ZhangReconstructor(model, spec.toString(), options.finderOptions());
    }

    @Override
    public ReconstructionRequest evaluationRequest(Sample sample) {
        // The reference's test crop about the annotated box; its evaluation aligns each hand to the ground truth.
        return new ReconstructionRequest(sample.bbox(), sample.camera().intrinsics(), null);
    }

    @Override
    public Optional<Trainer> trainer() {
        return variant == ZhangVariant.V2 ? Optional.of(new ZhangTrainer()) : Optional.empty();
    }
}
