package org.ambidex.pipeline;

import java.util.Optional;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Sample;
import org.ambidex.nets.mediapipe.MediaPipeModel;

/**
 * Hands in real photographs: Google's MediaPipe Hands networks (palm detector and hand-landmark regressor, trained
 * on real photos; Apache-2.0, shipped with ambidex), run by ambidex on DJL and decoded as MediaPipe does
 * ({@code detect}), with the hand model fitted to each hand's landmarks ({@code fit}). Two variants: the full
 * networks, and the lite ones (faster, less exact).
 */
final class MediaPipeArchitecture implements Architecture {

    /** The full networks' name on the command line. */
    static final String FULL = "mediapipe";
    /** The lite networks' name. */
    static final String LITE = "mediapipe-lite";

    private final String name;
    private final MediaPipeModel palms;
    private final MediaPipeModel landmarks;

    private MediaPipeArchitecture(String name, MediaPipeModel palms, MediaPipeModel landmarks) {
        this.name = name;
        this.palms = palms;
        this.landmarks = landmarks;
    }

    /** The full networks. */
    static MediaPipeArchitecture full() {
        return new MediaPipeArchitecture(FULL, MediaPipeModel.PALM_FULL, MediaPipeModel.LANDMARK_FULL);
    }

    /** The lite networks. */
    static MediaPipeArchitecture lite() {
        return new MediaPipeArchitecture(LITE, MediaPipeModel.PALM_LITE, MediaPipeModel.LANDMARK_LITE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return "MediaPipe Hands " + (name.equals(LITE) ? "lite" : "full") + " (Google, trained on real photos;"
            + " Apache-2.0, built in) finding each hand and its 21 landmarks, with the hand model fitted to them:"
            + " meshes, joints, parameters and handedness of every hand found, in one camera frame";
    }

    @Override
    public String input() {
        return "the whole photo (palms on its 192-px letterbox, then on tiles for small hands) or the given box;"
            + " landmarks on rotated 224-px crops; RGB in [0, 1]; box optional";
    }

    @Override
    public String modelFiles() {
        return "none: the networks are built in (give " + name + " alone)";
    }

    @Override
    public boolean takesFiles() {
        return false;
    }

    @Override
    public boolean needsBox() {
        return false;
    }

    @Override
    public boolean hasBuiltInModel() {
        return true;
    }

    @Override
    public Reconstructor open(ModelSpec spec, ReconstructorOptions options) {
        if (!spec.builtIn()) {
            throw new BadInputException(spec.path(), "cannot be used by " + name + ", which runs the networks built"
                + " into ambidex; give --model " + name);
        }
        options.requireNoGraphs(name);
        return new PhotoReconstructor(this, spec.toString(), palms, landmarks, options);
    }

    @Override
    public ReconstructionRequest evaluationRequest(Sample sample) {
        // The hands' box and the camera, as the two-hand references are evaluated; depths are the fit's own.
        return new ReconstructionRequest(sample.bbox(), sample.camera().intrinsics(), null);
    }

    @Override
    public Optional<Trainer> trainer() {
        return Optional.empty();
    }
}
