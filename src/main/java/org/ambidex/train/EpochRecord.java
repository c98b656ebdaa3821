package org.ambidex.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ambidex.core.AtomicOutput;

/**
 * The summary of an epoch kept in its validation folder ({@code val/epoch_N/epoch.json}), written once its
 * validation is done. Its presence says the epoch was validated: a run killed between the epoch-end checkpoint and
 * the end of validation has none, and the resumed run validates that epoch first. A run that resumes (or is run
 * again after it finished) reads the summaries back, so it knows its epochs' metrics without recomputing them.
 */
final class EpochRecord {

    /** The file name inside {@code val/epoch_N}. */
    static final String FILE = "epoch.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EpochRecord() {
    }

    static Path file(Path runFolder, int epoch) {
        return runFolder.resolve("val").resolve("epoch_" + epoch).resolve(FILE);
    }

    static void write(Path runFolder, TrainLoop.EpochSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("epoch", summary.epoch());
        root.put("step", summary.step());
        if (Double.isFinite(summary.meanLoss())) {
            root.put("mean_loss", summary.meanLoss());
        }
        root.put("loss_steps", summary.lossSteps());
        root.put("epoch_steps", summary.epochSteps());
        root.put("lr", summary.lr());
        ObjectNode validation = root.putObject("validation");
        summary.validation().forEach(validation::put);
        AtomicOutput.writeString(file(runFolder, summary.epoch()), root.toPrettyString() + "\n");
    }

    /** The summary of {@code epoch}, or empty when it was not recorded (or cannot be read: then it is redone). */
    static Optional<TrainLoop.EpochSummary> read(Path runFolder, int epoch) {
        Path file = file(runFolder, epoch);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<String, Double> validation = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("validation").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                validation.put(e.getKey(), e.getValue().asDouble());
            }
            return Optional.of(new TrainLoop.EpochSummary(root.path("epoch").asInt(epoch), root.path("step").asLong(),
                root.has("mean_loss") ? root.get("mean_loss").asDouble() : Double.NaN, root.path("loss_steps").asLong(),
                root.path("epoch_steps").asLong(), root.path("lr").asDouble(Double.NaN), validation));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
