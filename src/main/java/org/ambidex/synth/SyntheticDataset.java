package org.ambidex.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.interhand.InterHandLayout;
import org.ambidex.data.interhand.InterHandWriter;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.ArrayHandPoser;
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
     * @param threads threads making frames (sampling the hands, rendering and writing the images); the
     *     annotations are written on the calling thread in frame order, so the output does not depend on it
     */
    public record Options(int frames, int cameras, long seed, int threads) {
        public Options {
            if (frames < 1 || cameras < 1 || threads < 1) {
                throw new IllegalArgumentException("frames, cameras and threads must be at least 1");
            }
        }

        /** Options making frames on one thread. */
        public Options(int frames, int cameras, long seed) {
            this(frames, cameras, seed, 1);
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

    /**
     * Writes the dataset into {@code out} with the right and left hand models. Frames are made on
     * {@link Options#threads()} threads (each with its own hand layers) and their annotations written in frame
     * order, so the files do not depend on the thread count.
     */
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
        List<FrameMaker> makers = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<FrameMaker> maker = ThreadLocal.withInitial(() -> {
            FrameMaker m = new FrameMaker(right, left);
            makers.add(m);
            return m;
        });
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread t = new Thread(runnable, "synth");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<FrameViews>> inFlight = new ArrayDeque<>();
        int maxInFlight = 2 * options.threads();
        boolean complete = false;
        try {
            Camera[] cameras = null;
            for (int f = 0; f < options.frames(); f++) {
                int capture = f / perCapture;
                if (f % perCapture == 0) {
                    SplittableRandom rigRandom = stream(options.seed(), 1, capture);
                    cameras = new Camera[options.cameras()];
                    for (int c = 0; c < cameras.length; c++) {
                        cameras[c] = CameraRig.sample(rigRandom);
                    }
                }
                Path images = writers.get(splitOf(capture)).layout().imagesFolder(splitOf(capture));
                int frame = f;
                Camera[] frameCameras = cameras;
                inFlight.addLast(pool.submit(() -> maker.get().make(capture, frame, frameCameras, images,
                    stream(options.seed(), 2, frame))));
                while (inFlight.size() > maxInFlight) {
                    record(finish(inFlight.removeFirst()), perCapture, writers, counts);
                    progress.step();
                }
            }
            while (!inFlight.isEmpty()) {
                record(finish(inFlight.removeFirst()), perCapture, writers, counts);
                progress.step();
            }
            complete = true;
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            makers.forEach(FrameMaker::close);
            for (InterHandWriter w : writers.values()) {
                if (complete) {
                    w.close();
                } else {
                    w.abort(); // a failed run publishes no annotations
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary summary = new Summary(Map.copyOf(counts), seconds);
        AtomicOutput.writeString(out.resolve("synth.json"), provenance(right, left, options, summary));
        return summary;
    }

    /** Writes a made frame's annotations (its capture's cameras first, for a capture's first frame). */
    private static void record(FrameViews v, int perCapture, Map<String, InterHandWriter> writers,
                               Map<String, Integer> counts) {
        String split = splitOf(v.capture());
        InterHandWriter writer = writers.get(split);
        if (v.frame() % perCapture == 0) {
            for (int c = 0; c < v.cameras().length; c++) {
                writer.addCamera(v.capture(), cameraId(c), v.cameras()[c]);
            }
        }
        writer.addFrame(v.capture(), v.frame(), v.annotation());
        for (int c = 0; c < v.cameras().length; c++) {
            Path file = writer.addImage(v.capture(), v.sequence(), cameraId(c), v.frame(), CameraRig.WIDTH,
                CameraRig.HEIGHT, v.boxes()[c], v.annotation().jointValid(), v.annotation().handType(), true);
            if (!file.equals(v.files()[c])) {
                throw new IllegalStateException("image written to " + v.files()[c] + ", annotated as " + file);
            }
            counts.merge(split, 1, Integer::sum);
        }
    }

    /** Waits for a frame, passing its failure on unchanged. */
    private static FrameViews finish(Future<FrameViews> frame) {
        try {
            return frame.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making frames", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A made frame whose images are written: what its annotations need.
     *
     * @param boxes per camera, the hands' box in the image, pixels
     * @param files per camera, the image file
     */
    private record FrameViews(int capture, int frame, Camera[] cameras, String sequence, InterHandWriter.Frame annotation,
                              Bbox[] boxes, Path[] files) {
    }

    /**
     * Makes frames on one thread: samples the hands, renders every camera's view and writes the images. Holds its
     * own hand posers (each with its own DJL manager, so threads share no arrays). Draws from the frame's random
     * stream in a fixed order: hands, skin, then per camera background, lighting and noise.
     */
    private static final class FrameMaker implements AutoCloseable {

        private final ArrayHandPoser rightPoser;
        private final ArrayHandPoser leftPoser;
        private final SceneSampler sampler;
        private final SkinRegions[] regions;
        private final int[][] faces;

        FrameMaker(HandModel right, HandModel left) {
            rightPoser = new ArrayHandPoser(right);
            leftPoser = new ArrayHandPoser(left);
            sampler = new SceneSampler(rightPoser, leftPoser);
            regions = new SkinRegions[] {SkinRegions.of(sampler.rig(HandSide.RIGHT)),
                SkinRegions.of(sampler.rig(HandSide.LEFT))};
            faces = new int[][] {right.faces().toIntArray(), left.faces().toIntArray()};
        }

        FrameViews make(int capture, int frame, Camera[] cameras, Path imagesFolder, SplittableRandom random) {
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
                Arrays.fill(valid, offset, offset + 21, true);
                vertices[h.side.index()] = h.worldVertices();
            }
            InterHandWriter.Frame annotation = new InterHandWriter.Frame(world, valid, type,
                new ManoPair(r == null ? null : r.params(), l == null ? null : l.params()));
            Rgb[] skin = Appearance.skinTones(random);
            byte[][] skinColours = {Appearance.skinColours(skin[0], regions[0], random),
                Appearance.skinColours(skin[1], regions[1], random)};
            String sequence = "synth_" + hands.interaction().label();
            Bbox[] boxes = new Bbox[cameras.length];
            Path[] files = new Path[cameras.length];
            for (int c = 0; c < cameras.length; c++) {
                Scene scene = Scene.of(cameras[c], CameraRig.WIDTH, CameraRig.HEIGHT)
                    .withBackground(Appearance.background(CameraRig.WIDTH, CameraRig.HEIGHT, random))
                    .withLighting(Appearance.lighting(random));
                for (int h = 0; h < 2; h++) {
                    if (vertices[h] != null) {
                        scene = scene.withMesh(new SceneMesh(Mesh.of(h == 0 ? "right" : "left", vertices[h], faces[h])
                            .withVertexColors(skinColours[h]), skin[h]));
                    }
                }
                BufferedImage image = Renderer.render(scene).image();
                Appearance.addNoise(image, random.nextDouble(0.5, 4), random);
                boxes[c] = handsBox(cameras[c], vertices);
                files[c] = imagesFolder.resolve(InterHandLayout.imageFileName(capture, sequence, cameraId(c), frame));
                Images.write(files[c], image);
            }
            return new FrameViews(capture, frame, cameras, sequence, annotation, boxes, files);
        }

        @Override
        public void close() {
            rightPoser.close();
            leftPoser.close();
        }
    }

    /** The box of the hands' projected vertices in {@code camera}'s image, pixels. */
    private static Bbox handsBox(Camera camera, double[][] vertices) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] hand : vertices) {
            if (hand == null) {
                continue;
            }
            for (int v = 0; v < hand.length; v += 3) {
                double[] px = camera.project(Vec3.of(hand, v));
                minX = Math.min(minX, px[0]);
                maxX = Math.max(maxX, px[0]);
                minY = Math.min(minY, px[1]);
                maxY = Math.max(maxY, px[1]);
            }
        }
        return new Bbox(minX, minY, maxX - minX, maxY - minY);
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
