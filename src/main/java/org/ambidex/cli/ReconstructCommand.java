package org.ambidex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ambidex.core.BadInputException;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.OutputFolder;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsWriter;
import org.ambidex.geom.Intrinsics;
import org.ambidex.io.image.Images;
import org.ambidex.pipeline.ModelSpec;
import org.ambidex.pipeline.Reconstruction;
import org.ambidex.pipeline.ReconstructionFiles;
import org.ambidex.pipeline.ReconstructionPrediction;
import org.ambidex.pipeline.ReconstructionRequest;
import org.ambidex.pipeline.Reconstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ambidex reconstruct}: hands from images with a model. For each image {@code NAME.json}
 * ({@code ambidex.reconstruction/1}), {@code NAME_overlay.png} (both skeletons over the image) and
 * {@code NAME_skeleton.png} (the 3D skeletons from four sides).
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = {"Reconstruct both hands from images.",
        "Writes per image NAME.json (ambidex.reconstruction/1: presence, 21 joints per hand in pixels, depths in"
            + " metres), NAME_overlay.png and NAME_skeleton.png into --out."})
final class ReconstructCommand implements Callable<Integer> {

    /** The largest boxes file read: a million images' boxes. */
    static final long MAX_BOXES_BYTES = 64L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images (JPEG, PNG, ...).")
    List<Path> images;

    @Option(names = "--model", paramLabel = "ARCH:PATH", description = ModelOption.DESCRIPTION)
    String model;

    @Mixin
    ReconstructorMixin setup;

    @Option(names = "--bbox", paramLabel = "X,Y,W,H", description = "The hands' box in pixels (every image).")
    String bbox;

    @Option(names = "--boxes", paramLabel = "FILE.json",
        description = "Boxes per image: a JSON object from image file name (or path as given) to [x, y, w, h].")
    Path boxes;

    @Option(names = "--focal", paramLabel = "FX,FY", description = "Focal lengths, pixels.")
    String focal;

    @Option(names = "--princpt", paramLabel = "CX,CY", description = "Principal point, pixels.")
    String princpt;

    @Option(names = "--root-depth", paramLabel = "MM",
        description = "Depth of the right wrist (of the left when only the left hand is present), millimetres. Mesh"
            + " models move the hands along their rays to it (else they estimate it); InterNet needs it, with --focal"
            + " and --princpt, to give camera-frame joints.")
    Double rootDepthMm;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
        description = "Output folder (default: the current folder).")
    Path out;

    @Option(names = "--pred", paramLabel = "FILE",
        description = "Also write every image's hands in the predictions format (ambidex.predictions/1, id = the"
            + " image's file name without extension) for ambidex eval.")
    Path pred;

    @Option(names = "--no-images", description = "Write only the JSON results.")
    boolean noImages;

    @Option(names = "--mesh-formats", paramLabel = "FMT", split = ",", defaultValue = "obj,glb",
        description = "Mesh files of mesh models: any of obj, ply, glb (default: ${DEFAULT-VALUE}).")
    List<String> meshFormats;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the network (default: PyTorch's).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        ModelSpec modelSpec = ModelOption.resolve(model);
        Intrinsics intrinsics = intrinsics();
        Double rootDepth = rootDepthMm == null ? null : rootDepthMm / 1000.0;
        if (rootDepth != null && !(rootDepth > 0 && Double.isFinite(rootDepth))) {
            throw new BadInputException("--root-depth must be a positive number of millimetres, got " + rootDepthMm);
        }
        Map<Path, Bbox> boxByImage = boxes();
        if (modelSpec.architecture().needsBox() && boxByImage.isEmpty()) {
            throw new BadInputException("--model " + modelSpec.architecture().name() + " needs the hands' box: give"
                + " --bbox X,Y,W,H or --boxes FILE.json");
        }
        Set<String> stems = new HashSet<>();
        for (Path image : images) {
            if (!stems.add(stem(image))) {
                throw new BadInputException(image, "has the same name as another image; outputs would collide");
            }
        }
        for (Path image : images) {
            requireBoxOnImage(image, boxByImage.get(image), modelSpec.architecture().appliesExifOrientation());
        }
        ReconstructionFiles.Options options = new ReconstructionFiles.Options(!noImages, meshFormats());
        ModelOption.threads(threads);
        List<Prediction> predictions = new ArrayList<>();
        try (Reconstructor reconstructor = Reconstructor.open(modelSpec, setup.options())) {
            // After the model opened: a bad model file leaves no output folder behind.
            OutputFolder.prepare(out);
            reconstructAll(reconstructor, boxByImage, intrinsics, rootDepth, options, predictions);
        }
        if (pred != null) {
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("model", modelSpec.toString());
            provenance.put("ambidex", BuildInfo.current().describe());
            PredictionsWriter.write(pred, provenance, predictions);
        }
        return 0;
    }

    private void reconstructAll(Reconstructor reconstructor, Map<Path, Bbox> boxByImage, Intrinsics intrinsics,
                                Double rootDepth, ReconstructionFiles.Options options, List<Prediction> predictions) {
        try (Progress progress = images.size() > 1 ? Progress.start("reconstruct", images.size())
            : Progress.silent()) {
            for (Path image : images) {
                progress.status(image.getFileName().toString());
                BufferedImage picture = Images.read(image, reconstructor.architecture().appliesExifOrientation());
                Reconstruction r;
                try {
                    r = reconstructor.reconstruct(picture,
                        new ReconstructionRequest(boxByImage.get(image), intrinsics, rootDepth));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(image, e.getMessage(), e);
                }
                ReconstructionFiles.write(out, stem(image), image.toString(), picture, r, options);
                predictions.add(ReconstructionPrediction.of(stem(image), r));
                progress.step();
            }
        }
    }

    /**
     * Every image must be readable within the heap, and a box must have a size and overlap its image: a box wholly outside would crop nothing but padding, and the
     * network would still report hands there.
     */
    private void requireBoxOnImage(Path image, Bbox box, boolean upright) {
        int[] size = Images.size(image, upright); // refuses an image too large to read before any work
        if (box == null) {
            return;
        }
        String option = bbox != null ? "--bbox " + bbox : "the box " + box + " of " + boxes;
        if (!(box.width() > 0 && box.height() > 0)) {
            throw new BadInputException(image, option + " has no area; expected a positive width and height");
        }
        if (box.x() + box.width() <= 0 || box.y() + box.height() <= 0 || box.x() >= size[0] || box.y() >= size[1]) {
            throw new BadInputException(image, option + " lies entirely outside the image, which is " + size[0] + "x"
                + size[1] + " pixels; expected a box over the hands");
        }
    }

    private Set<ReconstructionFiles.MeshFormat> meshFormats() {
        Set<ReconstructionFiles.MeshFormat> set = EnumSet.noneOf(ReconstructionFiles.MeshFormat.class);
        for (String name : meshFormats) {
            try {
                set.add(ReconstructionFiles.MeshFormat.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--mesh-formats expects obj, ply or glb, got '" + name + "'");
            }
        }
        return set;
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private Intrinsics intrinsics() {
        if ((focal == null) != (princpt == null)) {
            throw new BadInputException("--focal and --princpt go together");
        }
        if (focal == null) {
            return null;
        }
        double[] f = numbers("--focal", focal, 2);
        double[] c = numbers("--princpt", princpt, 2);
        if (!(f[0] > 0 && f[1] > 0)) {
            throw new BadInputException("--focal must be positive, got " + focal);
        }
        return new Intrinsics(f[0], f[1], c[0], c[1]);
    }

    private Map<Path, Bbox> boxes() {
        if (bbox != null && boxes != null) {
            throw new BadInputException("give the hands' box with --bbox X,Y,W,H or --boxes FILE.json, not both");
        }
        Map<Path, Bbox> map = new HashMap<>();
        if (bbox == null && boxes == null) {
            return map; // no box: the twohand model takes the whole image, InterNet refuses
        }
        if (bbox != null) {
            double[] b = numbers("--bbox", bbox, 4);
            for (Path image : images) {
                map.put(image, new Bbox(b[0], b[1], b[2], b[3]));
            }
            return map;
        }
        JsonNode root = JsonInput.read(boxes, "boxes file", "a JSON object from image name to [x, y, w, h]",
            MAX_BOXES_BYTES, false);
        if (root == null || !root.isObject()) {
            throw new BadInputException(boxes, "expected a JSON object from image name to [x, y, w, h]");
        }
        Map<String, Bbox> byName = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isArray() || v.size() != 4 || !v.get(0).isNumber() || !v.get(1).isNumber() || !v.get(2).isNumber()
                || !v.get(3).isNumber()) {
                throw new BadInputException(boxes, "entry '" + e.getKey() + "' is not [x, y, w, h]");
            }
            byName.put(e.getKey(), new Bbox(v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble(),
                v.get(3).asDouble()));
        }
        for (Path image : images) {
            Bbox b = byName.getOrDefault(image.toString(), byName.get(image.getFileName().toString()));
            if (b == null) {
                throw new BadInputException(boxes, "has no box for " + image.getFileName());
            }
            map.put(image, b);
        }
        return map;
    }

    private static double[] numbers(String option, String text, int count) {
        String[] parts = text.split(",");
        if (parts.length != count) {
            throw new BadInputException(option + " expects " + count + " comma-separated numbers, got '" + text + "'");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new BadInputException(option + " expects numbers, got '" + text + "'");
            }
            if (!Double.isFinite(v[i])) {
                throw new BadInputException(option + " expects finite numbers, got '" + text + "'");
            }
        }
        return v;
    }

}
