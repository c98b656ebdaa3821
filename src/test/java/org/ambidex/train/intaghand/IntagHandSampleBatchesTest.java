package org.ambidex.train.intaghand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;

/**
 * The training batches' examples: the same sample and seed give the same example bit for bit (what exact resumption
 * needs), another seed another augmentation; without augmentation the seed does not matter and the example is the
 * un-augmented one; only interacting frames with both hands' MANO fits are used.
 */
class IntagHandSampleBatchesTest {

    static final Path MANO = Path.of("src/test/resources/fixtures/mano-format");

    @Test
    void seededAugmentationRepeatsAndNoAugmentIgnoresTheSeed() {
        HandModel right = HandModelLoader.resolve(MANO.toString(), HandSide.RIGHT, true);
        HandModel left = HandModelLoader.resolve(MANO.toString(), HandSide.LEFT, true);
        try (HandLayerRootJoint roots = new HandLayerRootJoint(right, left);
             InterHandDataset data = InterHandDataset.open(Path.of("examples"), InterHandFilter.all("train"),
                 new InterHandDataset.Options(new ManoCameraConversion(roots), null));
             NDManager manager = NDManager.newBaseManager();
             HandLayer rl = new HandLayer(right, manager, DataType.FLOAT32);
             HandLayer ll = new HandLayer(left, manager, DataType.FLOAT32)) {
            List<Sample> usable = data.samples().stream().filter(IntagHandExamples::usable).toList();
            assertThat(data.samples()).hasSize(12);
            // the bundled train split: 8 interacting frames with both fits, 4 single-hand frames
            assertThat(usable).hasSize(8);
            IntagHandExamples examples = new IntagHandExamples(ll, rl, manager, new float[778 * 3]);
            IntagHandSampleBatches augmented = new IntagHandSampleBatches(usable, examples, true);
            IntagHandExample a = augmented.example(1, 42);
            IntagHandExample b = augmented.example(1, 42);
            IntagHandExample c = augmented.example(1, 43);
            assertThat(java.util.Arrays.equals(b.image(), a.image())).isTrue();
            assertThat(java.util.Arrays.equals(b.heatmaps(), a.heatmaps())).isTrue();
            assertThat(java.util.Arrays.equals(b.verts3dLeft(), a.verts3dLeft())).isTrue();
            assertThat(java.util.Arrays.equals(c.image(), a.image())).isFalse();

            IntagHandSampleBatches plain = new IntagHandSampleBatches(usable, examples, false);
            IntagHandExample p = plain.example(1, 42);
            IntagHandExample q = plain.example(1, 7);
            assertThat(java.util.Arrays.equals(q.image(), p.image())).isTrue();
            IntagHandFrame frame = examples.frame(usable.get(1), org.ambidex.data.crop.FloatImage.ofRgb(
                org.ambidex.io.image.Images.read(usable.get(1).image())));
            IntagHandExample none = IntagHandExamples.example(frame, IntagHandAugmentation.none());
            assertThat(java.util.Arrays.equals(p.image(), none.image())).isTrue();
            assertThat(java.util.Arrays.equals(p.verts2dRight(), none.verts2dRight())).isTrue();
        }
    }
}
