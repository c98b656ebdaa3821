package org.ambidex.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.core.Progress;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.data.ho3d.Ho3dDataset;
import org.ambidex.pipeline.FinderKeypoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ambidex keypoints}: 2-D keypoints from ambidex's hand finder, in the file S2HAND trains on. */
@Command(name = "keypoints", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Find each image's right hand with ambidex's hand finder (MediaPipe) and write its 21 keypoints"
        + " in S2HAND's keypoint file (detect_all.json: [keypoints N x 21 x 2 px, confidences N x 21 x 1], the"
        + " OpenPose/FreiHAND order), in place of the offline OpenPose run S2HAND's training used.",
        "An image without a right hand gets zeros with confidence 0. The confidence is the hand's presence.",
        "On an HO-3D folder (train.txt, evaluation.txt) entry i is line i of the split's list, in pixels of the whole"
            + " 640 x 480 frame; train --arch s2hand moves them into its crop."})
final class KeypointsCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A FreiHAND or HO-3D folder.")
    Path data;

    @Option(names = "--split", paramLabel = "S", defaultValue = "training",
        description = "Its split: training or evaluation (FreiHAND: <split>/rgb/%08d.jpg, one per annotation; HO-3D:"
            + " train.txt or evaluation.txt, <split>/<seq>/rgb/<frame>.png; default: ${DEFAULT-VALUE}).")
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
        List<Path> images = new ArrayList<>();
        if (Ho3dDataset.isHo3d(data)) {
            Ho3dDataset set = Ho3dDataset.open(data, split);
            int n = maxSamples > 0 ? Math.min(maxSamples, set.size()) : set.size();
            for (int i = 0; i < n; i++) {
                images.add(set.image(i));
            }
        } else {
            FreiHandDataset set = FreiHandDataset.open(data, split);
            int n = maxSamples > 0 ? Math.min(maxSamples, set.size()) : set.size();
            for (int i = 0; i < n; i++) {
                images.add(set.image(i));
            }
        }
        int n = images.size();
        FinderKeypoints.Result result;
        try (Progress progress = Progress.start("keypoints", n); FinderKeypoints finder = new FinderKeypoints(2)) {
            result = finder.detect(images, progress);
        }
        AtomicOutput.writeString(out, result.s2handJson());
        return 0;
    }
}
