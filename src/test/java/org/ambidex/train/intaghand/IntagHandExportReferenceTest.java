package org.ambidex.train.intaghand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.intaghand.HandGraphs;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file {@link IntagHandExport} writes after a training step loads into src/test/python/intaghand_reference.py's
 * torch network with {@code load_state_dict(strict=True)} (after removing {@code module.}, as the reference's
 * {@code load_model} retries), and that network's outputs equal the trained Java network's.
 */
@Tag("slow")
class IntagHandExportReferenceTest {

    @TempDir
    Path dir;

    private float[] floats(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    @Test
    void trainedExportLoadsStrictlyIntoTheTorchNetworkAndGivesTheSameOutputs() throws IOException {
        PyTorch.assumeImports("torch", "numpy", "cv2", "scipy");
        Path photo = dir.resolve("photo.png");
        ImageIO.write(ImageIO.read(Path.of("examples/images/train/Capture4/synth_cross/cam410000/image9.jpg")
            .toFile()), "png", photo.toFile());
        Path script = Path.of("src/test/python/intaghand_reference.py");
        PyTorch.scriptAt(script, "make", dir.toString(), photo.toString(), "120,190,235,290");
        HandGraphs left = HandGraphs.read(dir.resolve("misc/graph_left.pkl"));
        HandGraphs right = HandGraphs.read(dir.resolve("misc/graph_right.pkl"));
        float[] input = floats("input.f32");
        org.ambidex.hand.HandModel leftMano = org.ambidex.hand.HandModelLoader.load(IntagHandTrainingTaskTest.MANO,
            org.ambidex.hand.HandSide.LEFT, true);
        org.ambidex.hand.HandModel rightMano = org.ambidex.hand.HandModelLoader.load(IntagHandTrainingTaskTest.MANO,
            org.ambidex.hand.HandSide.RIGHT, true);
        IntagHandLoss loss = new IntagHandLoss(leftMano, rightMano, left, right).withFaces(
            IntagHandTrainingTaskTest.faces(leftMano), IntagHandTrainingTaskTest.faces(rightMano));
        Path file = dir.resolve("trained.pth");
        IntagHandModel model = IntagHandModel.open(dir.resolve("misc"), null);
        try (IntagHandTrainingTask task = new IntagHandTrainingTask(model, 2, 2, (idx, seeds, m) -> {
            // the crop twice, with the synthetic targets of the other test
            IntagHandBatch synthetic = IntagHandTrainingTaskTest.batch(idx, seeds, m);
            float[] two = new float[2 * input.length];
            System.arraycopy(input, 0, two, 0, input.length);
            System.arraycopy(input, 0, two, input.length, input.length);
            return new IntagHandBatch(m.create(two, new Shape(2, 3, 256, 256)), synthetic.targets());
        }, loss)) {
            task.step(new int[] {0, 1}, new long[] {0, 0}, 1e-4);
            IntagHandExport.write(file, task.model().network(),
                IntagHandExport.classifier(Checkpoints.read(dir.resolve("misc/model/interhand.pth")), 0));
            PyTorch.scriptAt(script, "load", dir.toString(), file.toString());
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(input, new Shape(1, 3, 256, 256));
                NDList out = task.model().network().forward(new ParameterStore(m, false), new NDList(x), false, null);
                String[] names = {"left_verts", "left_cam", "right_verts", "right_cam"};
                float[] before = floats("left_verts.f32");
                float[] after = out.get(0).toFloatArray();
                double moved = 0;
                for (int i = 0; i < before.length; i++) {
                    moved = Math.max(moved, Math.abs(before[i] - after[i]));
                }
                assertThat(moved).as("the step changed the network's output").isGreaterThan(1e-4);
                for (int k = 0; k < 4; k++) {
                    float[] java = out.get(k).toFloatArray();
                    float[] torch = floats("loaded_" + names[k] + ".f32");
                    assertThat(torch).hasSameSizeAs(java);
                    double worst = 0;
                    double size = 0;
                    for (int i = 0; i < java.length; i++) {
                        worst = Math.max(worst, Math.abs(java[i] - torch[i]));
                        size = Math.max(size, Math.abs(torch[i]));
                    }
                    System.out.printf("%s: max |java - torch| %.3g (values up to %.3g)%n", names[k], worst, size);
                    assertThat(worst).as(names[k]).isLessThan(1e-5 * Math.max(1, size));
                }
            }
        }
    }
}
