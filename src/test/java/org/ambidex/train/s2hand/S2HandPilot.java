package org.ambidex.train.s2hand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.SquareCrop;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.geom.Affine2;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.nets.Threads;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.train.LearningRateSchedule;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;

/**
 * The CPU pilot of S2HAND's keypoint stage (docs/MODELS.md): right-hand crops of an InterHand2.6M-format folder
 * (1.4 times the annotated joints' extent, 224 pixels), their annotated 2-D joints as the keypoints with confidence
 * 1, the open hand model, a network from {@link S2HandModel#initialised}; the last {@code held} crops are held out.
 * Prints the held-out and training keypoint errors before and after. Arguments: data folder, split, held-out count,
 * epochs, batch size, learning rate, run folder.
 *
 * <pre>java -Dai.djl.offline=true -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.ambidex.train.s2hand.S2HandPilot examples train 3 30 3 1e-3 /tmp/s2hand-pilot</pre>
 */
public final class S2HandPilot {

    private S2HandPilot() {
    }

    public static void main(String[] args) {
        Threads.set(2);
        List<S2HandExample> all = rightHandCrops(Path.of(args[0]), args[1]);
        int held = Integer.parseInt(args[2]);
        List<S2HandExample> train = all.subList(0, all.size() - held);
        List<S2HandExample> val = all.subList(all.size() - held, all.size());
        S2HandModel model = S2HandModel.initialised(HandModelLoader.resolve("open", HandSide.RIGHT, false), 0);
        try (S2HandTrainingTask task = new S2HandTrainingTask(model, train, val)) {
            System.out.printf(Locale.ROOT, "%d training crops, %d held out; before: held-out %.2f px, training %.2f px%n",
                train.size(), val.size(), task.keypointError(val), task.keypointError(train));
            TrainSettings settings = new TrainSettings(Path.of(args[6]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), 0, 0, LearningRateSchedule.stepDecay(Double.parseDouble(args[5]), 2),
                Map.of("pilot", "s2hand keypoint stage"));
            TrainLoop.Result r = TrainLoop.run(task, settings, Long.MAX_VALUE, System.out::println);
            System.out.printf(Locale.ROOT, "after %d steps: held-out %.2f px, training %.2f px%n", r.step(),
                task.keypointError(val), task.keypointError(train));
        }
    }

    /** The right hands of a split as 224-pixel crops with their annotated joints as keypoints. */
    public static List<S2HandExample> rightHandCrops(Path data, String split) {
        List<S2HandExample> out = new ArrayList<>();
        int[] gather = JointOrder.gatherFromInterHand42(HandSide.RIGHT);
        try (InterHandDataset set = InterHandDataset.open(data, InterHandFilter.all(split))) {
            for (Sample s : set.samples()) {
                double[] px = s.jointsPx();
                boolean[] valid = s.jointValid();
                double minX = Double.MAX_VALUE;
                double maxX = -Double.MAX_VALUE;
                double minY = Double.MAX_VALUE;
                double maxY = -Double.MAX_VALUE;
                boolean all = true;
                for (int j = 0; j < 21; j++) {
                    all &= valid[gather[j]];
                    minX = Math.min(minX, px[2 * gather[j]]);
                    maxX = Math.max(maxX, px[2 * gather[j]]);
                    minY = Math.min(minY, px[2 * gather[j] + 1]);
                    maxY = Math.max(maxY, px[2 * gather[j] + 1]);
                }
                if (!all) {
                    continue;
                }
                SquareCrop crop = new SquareCrop((minX + maxX) / 2, (minY + maxY) / 2,
                    1.4 * Math.max(maxX - minX, maxY - minY));
                Affine2 toInput = crop.toInput(224);
                double[] keypoints = new double[42];
                double[] confidences = new double[21];
                for (int j = 0; j < 21; j++) {
                    double[] q = toInput.apply(px[2 * gather[j]], px[2 * gather[j] + 1]);
                    keypoints[2 * j] = q[0];
                    keypoints[2 * j + 1] = q[1];
                    confidences[j] = 1;
                }
                float[] chw = crop.apply(FloatImage.ofRgb(Images.read(s.image())), 224).toChwDividedBy(255);
                out.add(new S2HandExample(chw, crop.inputIntrinsics(s.camera().intrinsics(), 224), keypoints,
                    confidences));
            }
        }
        return out;
    }
}
