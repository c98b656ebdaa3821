package org.ambidex.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.ambidex.core.BadInputException;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.io.image.Images;

/**
 * Predicts the images of a FreiHAND split as S2HAND's reference evaluates them: each 224-pixel image whole (a box of
 * the whole image) with its camera, the right hand's camera-frame joints (FreiHAND order) and vertices, written in
 * FreiHAND's submission format {@code [xyz_list, verts_list]} that {@code ambidex eval --protocol freihand} and
 * FreiHAND's own {@code eval.py} read.
 */
public final class FreiHandPredictor {

    /**
     * The predictions, in sample order; HO-3D's submission has the same layout ({@link Ho3dPredictor}).
     *
     * @param joints per sample 21 x 3 packed, metres
     * @param vertices per sample V x 3 packed, metres
     */
    public record Result(List<double[]> joints, List<double[]> vertices) {

        /** FreiHAND's (and HO-3D's) {@code pred.json}: {@code [xyz_list, verts_list]}, metres. */
        public String submissionJson() {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode root = mapper.createArrayNode();
            for (List<double[]> list : List.of(joints, vertices)) {
                ArrayNode outer = root.addArray();
                for (double[] packed : list) {
                    ArrayNode rows = outer.addArray();
                    for (int i = 0; i < packed.length; i += 3) {
                        rows.addArray().add(packed[i]).add(packed[i + 1]).add(packed[i + 2]);
                    }
                }
            }
            return root.toString() + "\n";
        }
    }

    private FreiHandPredictor() {
    }

    /**
     * Predicts the first {@code count} samples of {@code data} ({@code count} 0: all), {@code batchSize} images per
     * forward pass; {@code progress} steps once per sample.
     *
     * @throws BadInputException when an image is missing or the model gives no right-hand mesh
     */
    public static Result predict(Reconstructor reconstructor, FreiHandDataset data, int count, int batchSize,
                                 Progress progress) {
        return rightHands(reconstructor, count > 0 ? Math.min(count, data.size()) : data.size(), batchSize, progress,
            i -> {
                BufferedImage image = Images.read(data.image(i));
                return new Input(image, new ReconstructionRequest(new Bbox(0, 0, image.getWidth(), image.getHeight()),
                    data.intrinsics(i), null));
            }, data::image, "FreiHAND", UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** One input of a right-hand submission: the image the model sees and what it is told of it. */
    record Input(BufferedImage image, ReconstructionRequest request) {
    }

    /**
     * The right hands of inputs {@code 0 .. n-1}, {@code batchSize} per forward pass, each hand's camera-frame joints
     * (OpenPose order) and vertices turned into the submission's by {@code joints} and {@code vertices};
     * {@code progress} steps once per input.
     *
     * @param file the file an input came from, named when it gives no right hand
     * @param protocol the benchmark, named when an input gives no right hand
     * @throws BadInputException when the model gives an input no right-hand mesh
     */
    static Result rightHands(Reconstructor reconstructor, int n, int batchSize, Progress progress,
                             IntFunction<Input> input, IntFunction<Path> file, String protocol,
                             UnaryOperator<double[]> joints, UnaryOperator<double[]> vertices) {
        List<double[]> xyz = new ArrayList<>(n);
        List<double[]> verts = new ArrayList<>(n);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            List<BufferedImage> images = new ArrayList<>();
            List<ReconstructionRequest> requests = new ArrayList<>();
            for (int i = start; i < end; i++) {
                Input in = input.apply(i);
                images.add(in.image());
                requests.add(in.request());
            }
            List<Reconstruction> out = reconstructor.reconstruct(images, requests);
            for (int i = start; i < end; i++) {
                HandReconstruction hand = out.get(i - start).right();
                if (hand == null || hand.mesh() == null || hand.jointsCamera() == null) {
                    throw new BadInputException(file.apply(i), "gave no right-hand mesh with " + reconstructor.model()
                        + "; " + protocol + "'s protocol scores a right hand's camera-frame joints and vertices");
                }
                xyz.add(joints.apply(hand.jointsCamera()));
                verts.add(vertices.apply(hand.mesh().vertices()));
            }
            progress.stepBy(end - start);
        }
        return new Result(xyz, verts);
    }
}
