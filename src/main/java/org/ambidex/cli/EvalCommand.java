package org.ambidex.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ambidex.core.BadInputException;
import org.ambidex.core.BuildInfo;
import org.ambidex.data.coco.CocoHandFormat;
import org.ambidex.data.coco.CocoHandReader;
import org.ambidex.data.coco.CocoHandSet;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.eval.CocoHandGroundTruth;
import org.ambidex.eval.DegenerateHandException;
import org.ambidex.eval.DirProtocol;
import org.ambidex.eval.IntagHandProtocol;
import org.ambidex.eval.ManoGroundTruth;
import org.ambidex.eval.ManoJointRegressor;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.GroundTruthException;
import org.ambidex.eval.Evaluator;
import org.ambidex.eval.FreiHandGroundTruth;
import org.ambidex.eval.FreiHandPredictions;
import org.ambidex.eval.Hand2dBox;
import org.ambidex.eval.Hand2dProtocol;
import org.ambidex.eval.HandKeypointTruth;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandColumn;
import org.ambidex.eval.Hands;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.PredictionsReader;
import org.ambidex.eval.Protocol;
import org.ambidex.eval.ProtocolOptions;
import org.ambidex.eval.ReportCharts;
import org.ambidex.eval.ReportJson;
import org.ambidex.eval.ReportMarkdown;
import org.ambidex.eval.Split;
import org.ambidex.eval.ZhangProtocol;
import org.ambidex.hand.HandModel;
import org.ambidex.pipeline.HandModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ambidex eval}: scores predictions against a dataset under one of the field's protocols and writes
 * {@code report.json}, {@code report.md}, {@code pck.png} and {@code per_joint.png}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Score predictions against ground truth under a named protocol, exactly as its reference code.",
        "Protocols: interhand (InterHand2.6M/InterNet), intaghand (IntagHand, Im2Hands), dir (DIR), "
            + "zhang (Zhang et al. ICCV'21 v2), freihand (FreiHAND eval.py), hand2d (2-D hand keypoints as mmpose: "
            + "PCK@0.2 of the box, AUC over 0-30 px, EPE).",
        "--data is an InterHand2.6M-format folder, or a FreiHAND folder (<split>_xyz.json, <split>_K.json, "
            + "optional <split>_verts.json; splits training, evaluation); for hand2d, a COCO-format hand keypoint "
            + "file (COCO-WholeBody, or mmpose's OneHand10K, CMU Panoptic hand and FreiHAND files), without --split.",
        "Writes report.json (metres), report.md (millimetres; hand2d: pixels), pck.png and per_joint.png into --out."})
final class EvalCommand implements Callable<Integer> {

    /** The protocol names, for picocli (case-insensitive). */
    enum ProtocolName { INTERHAND, INTAGHAND, DIR, ZHANG, FREIHAND, HAND2D }

    enum PredFormat { AUTO, AMBIDEX, FREIHAND }

    enum RootJoint { WRIST, MCP }

    enum ZhangValidity { REMAPPED, AS_PUBLISHED }

    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", required = true, paramLabel = "P",
        description = "interhand, intaghand, dir, zhang, freihand or hand2d.")
    ProtocolName protocol;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--split", paramLabel = "S",
        description = "Split: test, val, train (InterHand2.6M) or evaluation, training (FreiHAND). Required, except "
            + "for hand2d, whose --data is the annotation file itself.")
    String split;

    @Option(names = "--pred", required = true, paramLabel = "FILE",
        description = "Predictions: ambidex.predictions/1 JSON, or FreiHAND's pred.json [xyz_list, verts_list].")
    Path pred;

    @Option(names = "--force",
        description = "Score predictions whose provenance names another data folder or split than --data and --split.")
    boolean force;

    @Option(names = "--pred-format", paramLabel = "F", defaultValue = "auto",
        description = "auto (by the file's first character), ambidex or freihand (default: ${DEFAULT-VALUE}).")
    PredFormat predFormat;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the report files.")
    Path out;

    @Option(names = "--root-joint", paramLabel = "J", defaultValue = "wrist",
        description = "dir: centring joint, wrist or mcp (default: ${DEFAULT-VALUE}, as DIR's default).")
    RootJoint rootJoint;

    @Option(names = "--zhang-validity", paramLabel = "V", defaultValue = "remapped",
        description = "zhang: remapped (each joint's own validity) or as_published (the reference's InterHand-order "
            + "flags on MANO-order joints; reproduces its numbers) (default: ${DEFAULT-VALUE}).")
    ZhangValidity zhangValidity;

    @Option(names = "--zhang-all-frames",
        description = "zhang: evaluate single-hand frames too (the reference uses interacting frames only).")
    boolean zhangAllFrames;

    @Option(names = "--respect-validity",
        description = "intaghand, dir: count only valid ground-truth joints (the references use every joint).")
    boolean respectValidity;

    @Option(names = "--hand-model", paramLabel = "open|PATH",
        description = "intaghand, dir, zhang: ground-truth joints and vertices regressed from each hand's NeuralAnnot "
            + "MANO parameters with this hand model, as the references do ('open', or a folder with MANO_RIGHT and "
            + "MANO_LEFT .pkl/.npz; the left shapedirs defect is fixed). Default: the annotated joints, no vertices.")
    String handModel;

    @Option(names = "--pck-max-mm", paramLabel = "MM",
        description = "Largest PCK threshold in mm (default 50; the thresholds start at 0).")
    Double pckMaxMm;

    @Option(names = "--pck-steps", paramLabel = "N",
        description = "Number of PCK thresholds (default 200; freihand 100).")
    Integer pckSteps;

    @Option(names = "--hand-box", paramLabel = "B", defaultValue = "annotation",
        description = "hand2d: the box PCK is normalised by: annotation (the hand's box, as mmpose's COCO-WholeBody, "
            + "OneHand10K and Panoptic datasets) or image (the whole image, as mmpose's FreiHAND dataset) (default: "
            + "${DEFAULT-VALUE}).")
    Hand2dBox handBox;

    /** Options that apply to the 3-D protocols (their data, thresholds and settings) and not to hand2d. */
    private static final List<String> NOT_HAND2D = List.of("--split", "--pred-format", "--root-joint",
        "--zhang-validity", "--zhang-all-frames", "--respect-validity", "--hand-model", "--pck-max-mm", "--pck-steps",
        "--hand-type", "--capture", "--camera", "--subset", "--valid-hand-type-only");

    @Override
    public Integer call() throws IOException {
        String name = protocol.name().toLowerCase(Locale.ROOT);
        if (protocol == ProtocolName.HAND2D) {
            return callHand2d();
        }
        if (given("--hand-box")) {
            throw new ParameterException(spec.commandLine(), "--hand-box applies to the hand2d protocol only");
        }
        if (split == null) {
            throw new ParameterException(spec.commandLine(), "--split is required for the " + name + " protocol");
        }
        boolean freiHand = FreiHandDataset.isFreiHand(dataset.data, split);
        PredFormat format = predFormat == PredFormat.AUTO ? sniff(pred) : predFormat;
        Map<String, String> provenance = new LinkedHashMap<>();
        BuildInfo build = BuildInfo.current();
        provenance.put("ambidex", build.describe());
        provenance.put("protocol", name);
        provenance.put("data", dataset.data.toString());
        provenance.put("split", split);
        provenance.put("predictions", pred.toString());
        provenance.put("options", describeOptions());
        if (handModel != null) {
            if (!ProtocolOptions.MANO_PROTOCOLS.contains(name) || freiHand) {
                throw new ParameterException(spec.commandLine(), "--hand-model applies to the protocols "
                    + ProtocolOptions.MANO_PROTOCOLS + " on InterHand2.6M-format data, not " + name
                    + (freiHand ? " on FreiHAND data" : ""));
            }
            provenance.put("ground_truth", "regressed from MANO parameters with hand model " + handModel);
        } else if (ProtocolOptions.MANO_PROTOCOLS.contains(name)) {
            provenance.put("ground_truth", "annotated joints (no --hand-model)");
        }

        EvalReport report;
        List<String> notes = new ArrayList<>();
        try {
            if (freiHand) {
                report = evaluateFreiHand(options(null).create(name), format);
            } else {
                if (format == PredFormat.FREIHAND) {
                    throw new BadInputException(pred, "FreiHAND's pred.json is matched to samples by position and "
                        + "works with a FreiHAND folder only; expected an ambidex.predictions/1 file for "
                        + dataset.data);
                }
                report = evaluateInterHand(name, provenance);
                if (name.equals(IntagHandProtocol.NAME) || name.equals(DirProtocol.NAME)) {
                    notes.add("The reference evaluates IntagHand's processed test split: interacting frames with a "
                        + "valid hand type and MANO parameters for both hands, dark images dropped; select the same "
                        + "frames (--hand-type interacting --valid-hand-type-only --hand-model) to compare with "
                        + "published numbers.");
                }
            }
        } catch (GroundTruthException e) {
            throw new BadInputException(dataset.data, e.getMessage(), e);
        } catch (DegenerateHandException | IllegalArgumentException e) {
            throw new BadInputException(pred, e.getMessage(), e);
        }
        requireMatches(report);
        report = report.withNotes(notes);
        write(report, provenance);
        return 0;
    }

    /**
     * Refuses predictions made for another dataset folder or split, as their provenance records them (a test split's
     * predictions scored against val look like a bad model): one line, unless {@code --force}.
     */
    private void requireSameData(Map<String, String> predictions, String expectedSplit) {
        if (force) {
            return;
        }
        String data = predictions.get("data");
        if (data != null && !sameFile(Path.of(data), dataset.data)) {
            throw new BadInputException(pred, "was predicted on " + data + ", not on " + dataset.data
                + " (its provenance says so); give the matching --data, or --force to score it anyway");
        }
        String madeFor = predictions.get("split");
        if (expectedSplit != null && madeFor != null && !madeFor.equals(expectedSplit)) {
            throw new BadInputException(pred, "holds predictions of split " + madeFor + ", not " + expectedSplit
                + " (its provenance says so); give --split " + madeFor + ", or --force to score it anyway");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** Refuses a run in which no prediction met its ground truth: an all-n/a report would hide a wrong file. */
    private void requireMatches(EvalReport report) {
        if (report.counts().evaluatedSamples() == 0) {
            throw new BadInputException(pred, "no prediction matched a ground-truth sample of " + dataset.data
                + (split == null ? "" : " (split " + split + ", after the filters)") + ": "
                + report.counts().groundTruthSamples() + " samples, " + report.counts().predictions()
                + " predictions; expected predictions whose ids are the samples' ids");
        }
    }

    /** {@code --protocol hand2d}: a COCO-format hand keypoint file against 2-D predictions. */
    private Integer callHand2d() {
        List<String> wrong = NOT_HAND2D.stream().filter(this::given).toList();
        if (!wrong.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", wrong) + (wrong.size() == 1 ? " does"
                : " do") + " not apply to the hand2d protocol: --data names the COCO-format hand keypoint file, "
                + "--pred an ambidex.predictions/1 file");
        }
        if (Files.isDirectory(dataset.data)) {
            throw new BadInputException(dataset.data, "is a folder; the hand2d protocol expects --data to be a "
                + "COCO-format hand keypoint annotation file (.json)");
        }
        CocoHandSet set = CocoHandReader.read(dataset.data);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("ambidex", BuildInfo.current().describe());
        provenance.put("protocol", Hand2dProtocol.NAME);
        provenance.put("data", dataset.data.toString());
        provenance.put("data_format", set.format() == CocoHandFormat.WHOLEBODY ? "coco-wholebody" : "plain hand");
        provenance.put("predictions", pred.toString());
        provenance.put("options", "box " + handBox.label());
        List<HandKeypointTruth> truth = CocoHandGroundTruth.of(set, handBox);
        EvalReport report;
        try (PredictionsReader predictions = PredictionsReader.open(pred)) {
            predictions.provenance().forEach((k, v) -> provenance.put("predictions." + k, v));
            requireSameData(predictions.provenance(), null);
            report = Hand2dProtocol.MMPOSE.evaluate(truth, predictions);
        } catch (GroundTruthException e) {
            throw new BadInputException(dataset.data, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(pred, e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (set.invalidHands() > 0) {
            notes.add(set.invalidHands() + " COCO-WholeBody hands are marked invalid (*hand_valid false) and are not "
                + "instances.");
        }
        if (set.incompleteAnnotations() > 0) {
            notes.add(set.incompleteAnnotations() + " annotations lack \"bbox\" or \"keypoints\" and are skipped, as "
                + "mmpose skips them.");
        }
        requireMatches(report);
        write(report.withNotes(notes), provenance);
        return 0;
    }

    /** Whether option {@code name} was given on the command line. */
    private boolean given(String name) {
        return spec.commandLine().getParseResult().hasMatchedOption(name);
    }

    private EvalReport evaluateInterHand(String name, Map<String, String> provenance) {
        PredictionsReader reader = PredictionsReader.open(pred);
        reader.provenance().forEach((k, v) -> provenance.put("predictions." + k, v));
        requireSameData(reader.provenance(), split);
        if (handModel == null) {
            Protocol p = options(null).create(name);
            try (PredictionsReader.Index predictions = reader.index();
                 InterHandDataset ds = InterHandDataset.open(dataset.data, dataset.filter(split))) {
                return Evaluator.evaluate(p, InterHandGroundTruth.view(ds.samples()), ds.size(), predictions);
            }
        }
        HandModels hands = HandModels.resolve(handModel);
        HandModel right = hands.right();
        HandModel left = hands.left();
        try (HandLayerRootJoint root = new HandLayerRootJoint(right, left);
             ManoGroundTruth mano = new ManoGroundTruth(right, left);
             PredictionsReader.Index predictions = reader.index();
             InterHandDataset ds = InterHandDataset.open(dataset.data, dataset.filter(split),
                 new InterHandDataset.Options(new ManoCameraConversion(root), null))) {
            Protocol p = options(mano.regressor()).create(name);
            return Evaluator.evaluate(p, mano.view(ds.samples()), ds.size(), predictions);
        }
    }

    private EvalReport evaluateFreiHand(Protocol p, PredFormat format) {
        FreiHandDataset ds = FreiHandDataset.open(dataset.data, split);
        if (format == PredFormat.FREIHAND) {
            return Evaluator.evaluateInOrder(p, FreiHandGroundTruth.view(ds), FreiHandPredictions.read(pred));
        }
        List<GroundTruthSample> truth = new ArrayList<>(ds.size());
        FreiHandGroundTruth.view(ds).forEach(truth::add);
        try (PredictionsReader predictions = PredictionsReader.open(pred)) {
            return Evaluator.evaluate(p, truth, predictions);
        }
    }

    private ProtocolOptions options(ManoJointRegressor mano) {
        PckThresholds thresholds = null;
        if (pckMaxMm != null || pckSteps != null) {
            double max = pckMaxMm == null ? 50 : pckMaxMm;
            int steps = pckSteps == null ? (protocol == ProtocolName.FREIHAND ? 100 : 200) : pckSteps;
            if (!(max > 0) || steps < 2) {
                throw new ParameterException(spec.commandLine(), "--pck-max-mm must be above 0 and --pck-steps at "
                    + "least 2, got " + max + " and " + steps);
            }
            thresholds = new PckThresholds(0, max / 1000, steps);
        }
        return new ProtocolOptions(thresholds, rootJoint == RootJoint.WRIST ? Hands.WRIST : Hands.MIDDLE_MCP,
            zhangValidity == ZhangValidity.AS_PUBLISHED ? ZhangProtocol.Validity.AS_PUBLISHED
                : ZhangProtocol.Validity.REMAPPED, !zhangAllFrames, respectValidity, mano);
    }

    private String describeOptions() {
        List<String> o = new ArrayList<>();
        switch (protocol) {
            case DIR -> o.add("root joint " + rootJoint.name().toLowerCase(Locale.ROOT));
            case ZHANG -> {
                o.add("validity " + zhangValidity.name().toLowerCase(Locale.ROOT));
                o.add(zhangAllFrames ? "all frames" : "interacting frames only");
            }
            default -> { }
        }
        if (respectValidity) {
            o.add("respect validity");
        }
        if (pckMaxMm != null || pckSteps != null) {
            o.add("PCK 0-" + (pckMaxMm == null ? 50 : pckMaxMm) + " mm, " + (pckSteps == null ? "default" : pckSteps)
                + " steps");
        }
        return o.isEmpty() ? "reference defaults" : String.join(", ", o);
    }

    private void write(EvalReport report, Map<String, String> provenance) {
        Map<String, String> images = new LinkedHashMap<>();
        if (ReportCharts.writePck(out.resolve("pck.png"), report)) {
            images.put("pck.png", "PCK curves");
        }
        if (ReportCharts.writePerJoint(out.resolve("per_joint.png"), report)) {
            images.put("per_joint.png", "Per-joint error");
        }
        ReportJson.write(out.resolve("report.json"), report, provenance);
        org.ambidex.core.AtomicOutput.writeString(out.resolve("report.md"),
            ReportMarkdown.render(report, provenance, images));
        PrintWriter w = spec.commandLine().getOut();
        w.println(report.title());
        for (EvalReport.MetricTable t : report.tables()) {
            if (!t.official()) {
                continue;
            }
            w.printf(Locale.ROOT, "%s [%s]%n", t.title(), "m".equals(t.unit()) ? "mm" : t.unit());
            w.printf(Locale.ROOT, "  %-12s %9s %9s %9s%n", "frames", "left", "right", "both");
            for (Split s : Split.values()) {
                w.printf(Locale.ROOT, "  %-12s %9s %9s %9s%n", s.label(), cell(t, s, HandColumn.LEFT),
                    cell(t, s, HandColumn.RIGHT), cell(t, s, HandColumn.BOTH));
            }
        }
        for (EvalReport.Scalar s : report.scalars()) {
            if (s.official()) {
                String v = Double.isNaN(s.value()) ? "n/a" : switch (s.unit()) {
                    case "m" -> String.format(Locale.ROOT, "%.2f mm", s.value() * 1000);
                    case "px" -> String.format(Locale.ROOT, "%.2f px", s.value());
                    default -> String.format(Locale.ROOT, "%.4f", s.value());
                };
                w.printf(Locale.ROOT, "%s: %s%n", s.title(), v);
            }
        }
        w.printf(Locale.ROOT, "evaluated %d of %d samples; report in %s%n", report.counts().evaluatedSamples(),
            report.counts().groundTruthSamples(), out.resolve("report.md"));
        w.flush();
    }

    private static String cell(EvalReport.MetricTable t, Split s, HandColumn h) {
        double v = t.value(s, h);
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", "m".equals(t.unit()) ? v * 1000 : v);
    }

    /** '{' starts an ambidex predictions object, '[' FreiHAND's list. */
    private static PredFormat sniff(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such predictions file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            do {
                c = r.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xFEFF);
            if (c == '{') {
                return PredFormat.AMBIDEX;
            }
            if (c == '[') {
                return PredFormat.FREIHAND;
            }
            throw new BadInputException(file, "not a JSON object or list; expected ambidex.predictions/1 or FreiHAND's "
                + "pred.json");
        }
    }
}
