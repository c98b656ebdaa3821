package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandOutput;
import org.ambidex.hand.HandParams;
import org.ambidex.hand.HandPoseKind;
import org.junit.jupiter.api.Test;

/**
 * The hand-model parameters the two-hand network exports are the mesh's: posed again with the hand layer of the hand
 * model they name, they give the exported vertices (the built-in twohand weights on every bundled example image;
 * PhotoReconstructorTest checks the default's).
 */
class ExportedParametersTest {

    @Test
    void exportedParametersPosedAgainGiveTheExportedVertices() throws Exception {
        List<Path> images;
        try (Stream<Path> files = Files.walk(Path.of("examples/images"))) {
            images = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        assertThat(images).isNotEmpty();
        try (Reconstructor reconstructor = Reconstructor.open("twohand");
             NDManager manager = NDManager.newBaseManager()) {
            String handModel = reconstructor.reconstruct(images.get(0), ReconstructionRequest.wholeImage()).right()
                .mesh().handModel();
            HandModels models = HandModels.resolve(handModel);
            HandLayer[] layers = {new HandLayer(models.right(), manager, DataType.FLOAT64),
                new HandLayer(models.left(), manager, DataType.FLOAT64)};
            double worst = 0;
            for (Path image : images) {
                Reconstruction r = reconstructor.reconstruct(image, ReconstructionRequest.wholeImage());
                for (HandReconstruction hand : r.hands()) {
                    Map<String, double[]> p = hand.mesh().parameters();
                    try (NDManager scope = manager.newSubManager()) {
                        HandParams params = new HandParams(scope.create(p.get("betas"), new Shape(1, 10)),
                            scope.create(p.get("global_orient"), new Shape(1, 3)),
                            scope.create(p.get("hand_pose"), new Shape(1, 45)), HandPoseKind.AXIS_ANGLE,
                            scope.create(p.get("transl"), new Shape(1, 3)), false);
                        try (HandOutput out = layers[hand.side().index()].forward(params)) {
                            double[] posed = out.vertices().toDoubleArray();
                            double[] exported = hand.mesh().vertices();
                            assertThat(posed).hasSameSizeAs(exported);
                            for (int i = 0; i < posed.length; i++) {
                                worst = Math.max(worst, Math.abs(posed[i] - exported[i]));
                            }
                        }
                    }
                }
            }
            assertThat(worst).as("largest vertex difference, metres").isLessThan(1e-5);
        }
    }
}
