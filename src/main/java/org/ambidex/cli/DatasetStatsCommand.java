package org.ambidex.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ambidex.core.BadInputException;
import org.ambidex.data.HandType;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ambidex dataset stats}: sample counts per split and hand type. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Print the number of samples per split and hand type (after the filters).")
final class DatasetStatsCommand implements Callable<Integer> {

    private static final List<String> SPLITS = List.of("train", "val", "test");

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--split", paramLabel = "S", description = "Only this split (default: every split present).")
    String split;

    @Override
    public Integer call() {
        List<String> splits = new ArrayList<>();
        if (split != null) {
            splits.add(split);
        } else {
            InterHandLayout layout = new InterHandLayout(dataset.data);
            for (String s : SPLITS) {
                if (Files.isDirectory(layout.annotationsFolder(s, dataset.subset))) {
                    splits.add(s);
                }
            }
            if (splits.isEmpty()) {
                throw new BadInputException(dataset.data, "no split found; expected annotations/"
                    + (dataset.subset == null ? "" : dataset.subset + "/") + "{train,val,test}/");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-6s %10s %10s %12s %10s%n", "split", "right", "left", "interacting", "total");
        for (String s : splits) {
            Map<HandType, Integer> c = InterHandDataset.count(dataset.data, dataset.filter(s));
            int total = c.values().stream().mapToInt(Integer::intValue).sum();
            out.printf(Locale.ROOT, "%-6s %10d %10d %12d %10d%n", s, c.get(HandType.RIGHT), c.get(HandType.LEFT),
                c.get(HandType.INTERACTING), total);
        }
        out.flush();
        return 0;
    }
}
