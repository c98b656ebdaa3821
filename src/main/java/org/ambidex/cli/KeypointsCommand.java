package org.ambidex.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.core.Progress;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.pipeline.FinderKeypoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ambidex keypoints}: 2-D keypoints from ambidex's hand finder, in the file S2HAND trains on. */
@Command(name = "keypoints", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Find each image's right hand with ambidex's hand finder (MediaPipe) and write its 21 keypoints"
        + " in S2HAND's keypoint file (detect_all.json: [keypoints N x 21 x 2 px, confidences N x 21 x 1], the"
        + " OpenPose/FreiHAND order), in place of the offline OpenPose run S2HAND's training used.",
        "An image without a right hand gets zeros with confidence 0. The confidence is the hand's presence."})
final class KeypointsCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A FreiHAND folder.")
    Path data;

    @Option(names = "--split", paramLabel = "S", defaultValue = "training",
        description = "Its split: training or evaluation (<split>/rgb/%08d.jpg, one per annotation; default:"
            + " ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "The keypoint file.")
    Path out;

    @Option(names = "--max-samples", paramLabel = "N", defaultValue = "0",
        description = "The first N images only (0: all).")
    int maxSamples;

    @Override
    public Integer call() {
        if (maxSamples < 0) {
            throw new BadInputException("--max-samples must not be negative, got " + maxSamples);
        }
        FreiHandDataset set = FreiHandDataset.open(data, split);
        int n = maxSamples > 0 ? Math.min(maxSamples, set.size()) : set.size();
        List<Path> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            images.add(set.image(i));
        }
        FinderKeypoints.Result result;
        try (Progress progress = Progress.start("keypoints", n); FinderKeypoints finder = new FinderKeypoints(2)) {
            result = finder.detect(images, progress);
        }
        AtomicOutput.writeString(out, result.s2handJson());
        return 0;
    }
}
