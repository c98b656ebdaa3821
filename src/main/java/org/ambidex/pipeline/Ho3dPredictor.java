package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.data.ho3d.Ho3dCamera;
import org.ambidex.data.ho3d.Ho3dCrop;
import org.ambidex.data.ho3d.Ho3dDataset;
import org.ambidex.data.ho3d.Ho3dSample;
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
        int n = count > 0 ? Math.min(count, data.size()) : data.size();
        List<double[]> joints = new ArrayList<>(n);
        List<double[]> vertices = new ArrayList<>(n);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            List<BufferedImage> images = new ArrayList<>();
            List<ReconstructionRequest> requests = new ArrayList<>();
            for (int i = start; i < end; i++) {
                Ho3dSample sample = data.sample(i);
                Ho3dCrop crop = Ho3dCrop.centred(Ho3dCrop.referencePoints(sample));
                images.add(crop.image(Ho3dFrames.read(sample.image())));
                requests.add(new ReconstructionRequest(new Bbox(0, 0, Ho3dCrop.SIZE, Ho3dCrop.SIZE),
                    crop.intrinsics(sample.intrinsics()), null));
            }
            List<Reconstruction> out = reconstructor.reconstruct(images, requests);
            for (int i = start; i < end; i++) {
                HandReconstruction hand = out.get(i - start).right();
                if (hand == null || hand.mesh() == null || hand.jointsCamera() == null) {
                    throw new BadInputException(data.image(i), "gave no right-hand mesh with " + reconstructor.model()
                        + "; HO-3D's protocol scores a right hand's camera-frame joints and vertices");
                }
                joints.add(Ho3dCamera.toOpenGl(JointOrder.HO3D.convert(hand.jointsCamera(), JointOrder.OPENPOSE, 3)));
                vertices.add(Ho3dCamera.toOpenGl(hand.mesh().vertices()));
            }
            progress.stepBy(end - start);
        }
        return new FreiHandPredictor.Result(joints, vertices);
    }
}
