package org.ambidex.synth;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.interhand.InterHandWriter;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.io.image.Images;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;
import org.ambidex.render.Renderer;
import org.ambidex.render.Scene;
import org.ambidex.render.SceneMesh;

/**
 * Generates a synthetic two-hand dataset in the InterHand2.6M format: per frame, hands sampled by
 * {@link SceneSampler} and posed by the hand layer, seen by the cameras of the frame's capture
 * ({@link CameraRig}), rendered over a procedural background with random skin tones (palms and nails lighter, {@link SkinRegions}) and lights, and written
 * with {@link InterHandWriter} (images {@code Capture<c>/synth_<interaction>/cam<cam>/image<frame>.jpg}, the four
 * annotation files in millimetres and world coordinates, the hands' MANO-format parameters). Captures go to
 * train, val and test in the ratio 8:1:1.
 *
 * <p>Every random draw comes from a stream derived from the seed and the frame (or capture) number, so a frame's
 * content does not depend on how many frames are made.
 */
public final class SyntheticDataset {

    /** Most frames per capture (cameras are fixed within a capture). */
    public static final int MAX_FRAMES_PER_CAPTURE = 50;

    /**
     * What to make.
     *
     * @param frames number of frames (each seen by every camera)
     * @param cameras cameras per capture
     * @param seed the seed of every random draw
     */
    public record Options(int frames, int cameras, long seed) {
        public Options {
            if (frames < 1 || cameras < 1) {
                throw new IllegalArgumentException("frames and cameras must be at least 1");
            }
        }
    }

    /**
     * What was made.
     *
     * @param images images per split
     * @param seconds wall-clock time
     */
    public record Summary(Map<String, Integer> images, double seconds) {
        public int total() {
            return images.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private SyntheticDataset() {
    }

    /** The split of capture {@code capture}: 8 of every 10 captures train, then one val, one test. */
    public static String splitOf(int capture) {
        int k = capture % 10;
        return k < 8 ? "train" : k == 8 ? "val" : "test";
    }

    public static int framesPerCapture(int frames) {
        return Math.max(1, Math.min(MAX_FRAMES_PER_CAPTURE, (frames + 9) / 10));
    }

    /** Writes the dataset into {@code out} with the right and left hand models. */
    public static Summary generate(Path out, HandModel right, HandModel left, Options options, Progress progress) {
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(left, "left");
        long start = System.nanoTime();
        int perCapture = framesPerCapture(options.frames());
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, InterHandWriter> writers = new LinkedHashMap<>();
        for (String split : List.of("train", "val", "test")) {
            counts.put(split, 0);
            writers.put(split, InterHandWriter.create(out, split));
        }
        int[] faces = right.faces().toIntArray();
        int[] leftFaces = left.faces().toIntArray();
        try (NDManager manager = NDManager.newBaseManager();
             HandLayer rightLayer = new HandLayer(right, manager, DataType.FLOAT64);
             HandLayer leftLayer = new HandLayer(left, manager, DataType.FLOAT64)) {
            SceneSampler sampler = new SceneSampler(rightLayer, leftLayer, manager);
            SkinRegions[] regions = {SkinRegions.of(sampler.rig(HandSide.RIGHT)),
                SkinRegions.of(sampler.rig(HandSide.LEFT))};
            Camera[] cameras = new Camera[options.cameras()];
            for (int f = 0; f < options.frames(); f++) {
                int capture = f / perCapture;
                String split = splitOf(capture);
                InterHandWriter writer = writers.get(split);
                if (f % perCapture == 0) {
                    SplittableRandom rigRandom = stream(options.seed(), 1, capture);
                    for (int c = 0; c < cameras.length; c++) {
                        cameras[c] = CameraRig.sample(rigRandom);
                        writer.addCamera(capture, cameraId(c), cameras[c]);
                    }
                }
                SplittableRandom random = stream(options.seed(), 2, f);
                SceneSampler.Hands hands = sampler.sample(random);
                PosedHand r = hands.get(HandSide.RIGHT);
                PosedHand l = hands.get(HandSide.LEFT);
                HandType type = HandType.ofPresence(r != null, l != null);
                double[] world = new double[42 * 3];
                boolean[] valid = new boolean[42];
                double[][] vertices = new double[2][];
                for (PosedHand h : hands.hands()) {
                    int offset = h.side.index() * 21;
                    System.arraycopy(h.worldKeypoints(), 0, world, 3 * offset, 63);
                    for (int j = 0; j < 21; j++) {
                        valid[offset + j] = true;
                    }
                    vertices[h.side.index()] = h.worldVertices();
                }
                ManoParams rp = r == null ? null : r.params();
                ManoParams lp = l == null ? null : l.params();
                writer.addFrame(capture, f, new InterHandWriter.Frame(world, valid, type, new ManoPair(rp, lp)));

                Rgb[] skin = Appearance.skinTones(random);
                byte[][] skinColours = {Appearance.skinColours(skin[0], regions[0], random),
                    Appearance.skinColours(skin[1], regions[1], random)};
                String sequence = "synth_" + hands.interaction().label();
                for (int c = 0; c < cameras.length; c++) {
                    Camera camera = cameras[c];
                    Scene scene = Scene.of(camera, CameraRig.WIDTH, CameraRig.HEIGHT)
                        .withBackground(Appearance.background(CameraRig.WIDTH, CameraRig.HEIGHT, random))
                        .withLighting(Appearance.lighting(random));
                    double minX = Double.POSITIVE_INFINITY;
                    double minY = Double.POSITIVE_INFINITY;
                    double maxX = Double.NEGATIVE_INFINITY;
                    double maxY = Double.NEGATIVE_INFINITY;
                    for (int h = 0; h < 2; h++) {
                        if (vertices[h] == null) {
                            continue;
                        }
                        scene = scene.withMesh(new SceneMesh(Mesh.of(h == 0 ? "right" : "left", vertices[h],
                            h == 0 ? faces : leftFaces).withVertexColors(skinColours[h]), skin[h]));
                        for (int v = 0; v < vertices[h].length; v += 3) {
                            double[] px = camera.project(Vec3.of(vertices[h], v));
                            minX = Math.min(minX, px[0]);
                            maxX = Math.max(maxX, px[0]);
                            minY = Math.min(minY, px[1]);
                            maxY = Math.max(maxY, px[1]);
                        }
                    }
                    BufferedImage image = Renderer.render(scene).image();
                    Appearance.addNoise(image, random.nextDouble(0.5, 4), random);
                    Path file = writer.addImage(capture, sequence, cameraId(c), f, CameraRig.WIDTH, CameraRig.HEIGHT,
                        new Bbox(minX, minY, maxX - minX, maxY - minY), valid, type, true);
                    Images.write(file, image);
                    counts.merge(split, 1, Integer::sum);
                }
                progress.step();
            }
        } finally {
            for (InterHandWriter w : writers.values()) {
                w.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary summary = new Summary(Map.copyOf(counts), seconds);
        AtomicOutput.writeString(out.resolve("synth.json"), provenance(right, left, options, summary));
        return summary;
    }

    static String cameraId(int index) {
        return Integer.toString(410000 + index);
    }

    /** An independent random stream for item {@code index} of kind {@code kind}. */
    static SplittableRandom stream(long seed, long kind, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + kind * 0xC2B2AE3D27D4EB4FL + index * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    private static String provenance(HandModel right, HandModel left, Options options, Summary summary) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(text)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", "ambidex.synth/1");
            g.writeStringField("layout", "InterHand2.6M v1.0 (annotations in mm and world coordinates; MANO trans in m)");
            g.writeStringField("unit", "m");
            g.writeNumberField("seed", options.seed());
            g.writeNumberField("frames", options.frames());
            g.writeNumberField("cameras", options.cameras());
            g.writeNumberField("frames_per_capture", framesPerCapture(options.frames()));
            g.writeObjectFieldStart("images");
            for (var e : new java.util.TreeMap<>(summary.images()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("hand_model");
            g.writeStringField("right", right.name() + " (" + right.source() + ")");
            g.writeStringField("left", left.name() + " (" + left.source() + ")");
            g.writeStringField("pose", "MANO_NeuralAnnot pose[3:48] are offsets from the model's hands_mean");
            g.writeEndObject();
            g.writeStringField("ambidex", BuildInfo.current().version() + " (" + BuildInfo.current().commit() + ")");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString() + "\n";
    }
}
