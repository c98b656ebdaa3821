package org.ambidex.pipeline;

import org.ambidex.core.BadInputException;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.data.ho3d.Ho3dCamera;
import org.ambidex.data.ho3d.Ho3dCrop;
import org.ambidex.data.ho3d.Ho3dDataset;
import org.ambidex.hand.JointOrder;

/**
 * Predicts the frames of an HO-3D split as S2HAND's reference evaluates them: each frame cut about its hand
 * ({@link Ho3dCrop#centred}: the evaluation split's bounding box, the training split's projected joints) to the
 * 224-pixel input with the crop's camera, and written in HO-3D's submission format {@code [xyz_list, verts_list]}:
 * 21 joints in HO-3D's order and the vertices, metres, in HO-3D's OpenGL camera frame, as HO-3D's {@code pred.py}
 * requires. (S2HAND's own dump flips the joints but leaves the vertices in the OpenCV frame; the flip is a rotation,
 * so aligned scores are the same either way, and {@code pred.py} would refuse the unflipped vertices.)
 */
public final class Ho3dPredictor {

    private Ho3dPredictor() {
    }

    /**
     * Predicts the first {@code count} frames of {@code data} ({@code count} 0: all), {@code batchSize} per forward
     * pass; {@code progress} steps once per frame.
     *
     * @return joints (21 x 3, HO-3D order) and vertices per frame, metres, OpenGL frame
     * @throws BadInputException when a frame is missing or the model gives no right-hand mesh
     */
    public static FreiHandPredictor.Result predict(Reconstructor reconstructor, Ho3dDataset data, int count,
                                                   int batchSize, Progress progress) {
        Bbox whole = new Bbox(0, 0, Ho3dCrop.SIZE, Ho3dCrop.SIZE);
        return FreiHandPredictor.rightHands(reconstructor, count > 0 ? Math.min(count, data.size()) : data.size(),
            batchSize, progress, i -> {
                Ho3dFrames.Cut cut = Ho3dFrames.cut(data.sample(i));
                return new FreiHandPredictor.Input(cut.image(), new ReconstructionRequest(whole, cut.intrinsics(), null));
            }, data::image, "HO-3D",
            joints -> Ho3dCamera.toOpenGl(JointOrder.HO3D.convert(joints, JointOrder.OPENPOSE, 3)),
            Ho3dCamera::toOpenGl);
    }
}
