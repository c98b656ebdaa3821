package org.ambidex.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Bbox;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.render.Overlays;
import org.ambidex.render.Palette;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ambidex dataset show}: one sample's ground truth drawn over its image. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Draw a sample's ground truth (valid joints of each present hand, the annotation box) over its image.")
final class DatasetShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--split", required = true, paramLabel = "S", description = "train, val or test.")
    String split;

    @Option(names = "--index", required = true, paramLabel = "K", description = "Sample index (as dump numbers them, from 0).")
    int index;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output image (.png or .jpg).")
    Path out;

    @Override
    public Integer call() {
        try (InterHandDataset ds = InterHandDataset.open(dataset.data, dataset.filter(split))) {
            if (index < 0 || index >= ds.size()) {
                throw new BadInputException("--index " + index + " is outside 0.." + (ds.size() - 1) + " (the split has "
                    + ds.size() + " samples after the filters)");
            }
            Sample s = ds.get(index);
            BufferedImage image = Images.toRgb(Images.read(s.image()));
            draw(image, s);
            Images.write(out, image);
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s capture %d camera %s frame %d (%s)%n", out,
                s.image(), s.capture(), s.cameraId(), s.frame(), s.handType().label());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** Draws the annotation box and each present hand's valid joints (invalid joints are left out). */
    static void draw(BufferedImage image, Sample s) {
        Bbox b = s.bbox();
        Overlays.drawBox(image, b.x(), b.y(), b.x() + b.width(), b.y() + b.height(), Palette.GROUND_TRUTH);
        for (HandSide side : HandSide.values()) {
            if (!s.handType().has(side.index())) {
                continue;
            }
            int[] gather = JointOrder.gatherFromInterHand42(side);
            double[][] joints = new double[gather.length][];
            for (int i = 0; i < gather.length; i++) {
                int j = gather[i];
                joints[i] = s.valid(j) ? new double[] {s.u(j), s.v(j)} : new double[] {Double.NaN, Double.NaN};
            }
            Overlays.drawSkeleton(image, joints, side.index());
        }
        Overlays.drawLabel(image, s.handType().label() + (s.handTypeValid() ? "" : " (unsure)"), b.x(), b.y(),
            Palette.GROUND_TRUTH);
    }
}
