package org.ambidex.data.interhand;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.ambidex.core.AtomicOutput;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;

/**
 * Writes one split of a dataset in the InterHand2.6M v1.0 format (SEED_SPEC A.1-A.6), streaming, so that
 * {@link InterHandDataset} reads it back: {@code annotations/<split>/InterHand2.6M_<split>_{data,camera,joint_3d,
 * MANO_NeuralAnnot}.json} and {@code annotations/skeleton.txt}. As in the real files, world coordinates and
 * camera centres are in millimetres, MANO translations in metres; camera ids are strings.
 *
 * <p>Frames must arrive grouped by capture (all frames of a capture before the next capture). The files are
 * spooled to a temporary folder and moved into place by {@link #close()}; nothing is half-written.
 * Not thread-safe.
 */
public final class InterHandWriter implements AutoCloseable {

    /**
     * One frame's ground truth, shared by all its camera views.
     *
     * @param worldJoints 42 x 3 joint positions, world frame, metres (InterHand2.6M order)
     * @param jointValid 42 flags
     * @param handType hands present
     * @param mano each hand's MANO parameters, world frame (translation in metres); absent hands are null
     */
    public record Frame(double[] worldJoints, boolean[] jointValid, HandType handType, ManoPair mano) {
        public Frame {
            if (worldJoints.length != 42 * 3 || jointValid.length != 42) {
                throw new IllegalArgumentException("a frame needs 42 x 3 joints and 42 flags");
            }
            Objects.requireNonNull(handType, "handType");
            Objects.requireNonNull(mano, "mano");
            worldJoints = worldJoints.clone();
            jointValid = jointValid.clone();
        }
    }

    private final InterHandLayout layout;
    private final String split;
    private final Path spool;
    private final JsonGenerator images;
    private final JsonGenerator annotations;
    private final JsonGenerator joints;
    private final JsonGenerator mano;
    private final Map<Integer, Map<String, Camera>> cameras = new TreeMap<>();
    private final Set<Integer> finishedCaptures = new HashSet<>();
    private final Set<Integer> framesOfCapture = new HashSet<>();
    private Integer openCapture;
    private long nextId;
    private boolean closed;

    private InterHandWriter(InterHandLayout layout, String split, Path spool, JsonFactory json) throws IOException {
        this.layout = layout;
        this.split = split;
        this.spool = spool;
        images = json.createGenerator(spool.resolve("images.json").toFile(), JsonEncoding.UTF8);
        annotations = json.createGenerator(spool.resolve("annotations.json").toFile(), JsonEncoding.UTF8);
        joints = json.createGenerator(spool.resolve("joint_3d.json").toFile(), JsonEncoding.UTF8);
        mano = json.createGenerator(spool.resolve("mano.json").toFile(), JsonEncoding.UTF8);
        images.writeStartObject();
        images.writeArrayFieldStart("images");
        annotations.writeStartArray();
        joints.writeStartObject();
        mano.writeStartObject();
    }

    /** Starts writing split {@code split} of the dataset at {@code root}. */
    public static InterHandWriter create(Path root, String split) {
        InterHandLayout layout = new InterHandLayout(root);
        try {
            Path folder = layout.annotationsFolder(split, null);
            Files.createDirectories(folder);
            Path spool = Files.createTempDirectory(folder, ".writing-");
            return new InterHandWriter(layout, split, spool, JsonFactory.builder().build());
        } catch (IOException e) {
            throw new org.ambidex.core.BadInputException(root, "cannot create the dataset folders ("
                + e.getMessage() + ")", e);
        }
    }

    public InterHandLayout layout() {
        return layout;
    }

    /** Declares camera {@code cameraId} of capture {@code capture} (extrinsics translation in metres). */
    public void addCamera(int capture, String cameraId, Camera camera) {
        cameras.computeIfAbsent(capture, k -> new TreeMap<>()).put(cameraId, camera);
    }

    /** Writes the ground truth of frame {@code frame} of capture {@code capture}. */
    public void addFrame(int capture, int frame, Frame f) {
        try {
            if (openCapture == null || openCapture != capture) {
                if (finishedCaptures.contains(capture)) {
                    throw new IllegalStateException("capture " + capture + " was already finished; frames must be "
                        + "grouped by capture");
                }
                closeCapture();
                String key = Integer.toString(capture);
                joints.writeObjectFieldStart(key);
                mano.writeObjectFieldStart(key);
                openCapture = capture;
            }
            if (!framesOfCapture.add(frame)) {
                throw new IllegalStateException("frame " + frame + " of capture " + capture + " written twice");
            }
            String key = Integer.toString(frame);
            joints.writeObjectFieldStart(key);
            joints.writeArrayFieldStart("world_coord");
            double[] w = f.worldJoints();
            for (int j = 0; j < 42; j++) {
                joints.writeArray(new double[] {w[3 * j] * 1000, w[3 * j + 1] * 1000, w[3 * j + 2] * 1000}, 0, 3);
            }
            joints.writeEndArray();
            joints.writeArrayFieldStart("joint_valid");
            boolean[] valid = f.jointValid();
            for (int j = 0; j < 42; j++) {
                joints.writeStartArray();
                joints.writeBoolean(valid[j]);
                joints.writeEndArray();
            }
            joints.writeEndArray();
            joints.writeStringField("hand_type", f.handType().label());
            joints.writeBooleanField("hand_type_valid", true);
            joints.writeEndObject();

            mano.writeObjectFieldStart(key);
            writeHand("right", f.mano().right());
            writeHand("left", f.mano().left());
            mano.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeHand(String name, ManoParams p) throws IOException {
        if (p == null) {
            mano.writeNullField(name);
            return;
        }
        mano.writeObjectFieldStart(name);
        mano.writeFieldName("pose");
        mano.writeArray(p.pose(), 0, ManoParams.POSE_SIZE);
        mano.writeFieldName("shape");
        mano.writeArray(p.shape(), 0, ManoParams.SHAPE_SIZE);
        mano.writeFieldName("trans");
        mano.writeArray(p.trans(), 0, 3);
        mano.writeEndObject();
    }

    private void closeCapture() throws IOException {
        if (openCapture != null) {
            joints.writeEndObject();
            mano.writeEndObject();
            finishedCaptures.add(openCapture);
            framesOfCapture.clear();
            openCapture = null;
        }
    }

    /**
     * Adds one image (a camera view of a frame) and its annotation; returns the image's path, where the caller
     * writes the picture.
     *
     * @param bbox the hands' box in this image, pixels
     * @param jointValid 42 flags for this view
     */
    public Path addImage(int capture, String sequence, String cameraId, int frame, int width, int height, Bbox bbox,
                         boolean[] jointValid, HandType handType, boolean handTypeValid) {
        if (jointValid.length != 42) {
            throw new IllegalArgumentException("42 validity flags needed, got " + jointValid.length);
        }
        if (!cameras.containsKey(capture) || !cameras.get(capture).containsKey(cameraId)) {
            throw new IllegalStateException("camera " + cameraId + " of capture " + capture + " was not added");
        }
        long id = nextId++;
        String fileName = InterHandLayout.imageFileName(capture, sequence, cameraId, frame);
        try {
            images.writeStartObject();
            images.writeNumberField("id", id);
            images.writeStringField("file_name", fileName);
            images.writeNumberField("width", width);
            images.writeNumberField("height", height);
            images.writeNumberField("capture", capture);
            images.writeNumberField("subject", 0);
            images.writeStringField("seq_name", sequence);
            images.writeStringField("camera", cameraId);
            images.writeNumberField("frame_idx", frame);
            images.writeEndObject();

            annotations.writeStartObject();
            annotations.writeNumberField("id", id);
            annotations.writeNumberField("image_id", id);
            annotations.writeFieldName("bbox");
            annotations.writeArray(bbox.toArray(), 0, 4);
            annotations.writeArrayFieldStart("joint_valid");
            for (boolean v : jointValid) {
                annotations.writeStartArray();
                annotations.writeNumber(v ? 1 : 0);
                annotations.writeEndArray();
            }
            annotations.writeEndArray();
            annotations.writeStringField("hand_type", handType.label());
            annotations.writeNumberField("hand_type_valid", handTypeValid ? 1 : 0);
            annotations.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layout.imagesFolder(split).resolve(fileName);
    }

    /**
     * Discards everything added: deletes the spooled annotations and publishes no file, so a run that failed part
     * way leaves no annotation file that looks complete. Does nothing after {@link #close}.
     */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        for (JsonGenerator g : new JsonGenerator[] {images, annotations, joints, mano}) {
            try {
                g.close();
            } catch (IOException ignored) {
                // the spool is deleted below whatever state the generator was in
            }
        }
        deleteSpool();
    }

    /** Finishes the files and moves them into place. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeCapture();
            images.writeEndArray();
            // The object stays open: the spooled annotations array and the closing brace are appended below.
            images.writeRaw(",\"annotations\":");
            images.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            annotations.writeEndArray();
            annotations.close();
            joints.writeEndObject();
            joints.close();
            mano.writeEndObject();
            mano.close();
            images.close();
            Path spooledImages = spool.resolve("images.json");
            Path spooledAnnotations = spool.resolve("annotations.json");
            AtomicOutput.write(layout.annotation(split, null, InterHandLayout.AnnotationFile.DATA), out -> {
                Files.copy(spooledImages, out);
                Files.copy(spooledAnnotations, out);
                out.write('}');
            });
            AtomicOutput.write(layout.annotation(split, null, InterHandLayout.AnnotationFile.JOINT_3D),
                out -> Files.copy(spool.resolve("joint_3d.json"), out));
            AtomicOutput.write(layout.annotation(split, null, InterHandLayout.AnnotationFile.MANO),
                out -> Files.copy(spool.resolve("mano.json"), out));
            AtomicOutput.writeString(layout.annotation(split, null, InterHandLayout.AnnotationFile.CAMERA), cameraJson());
            AtomicOutput.writeString(layout.skeleton(), "# joint_name joint_id parent_joint_id\n"
                + Skeleton.standard().toText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteSpool();
        }
    }

    private String cameraJson() throws IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(text)) {
            g.writeStartObject();
            for (var capture : cameras.entrySet()) {
                g.writeObjectFieldStart(Integer.toString(capture.getKey()));
                for (String kind : new String[] {"campos", "camrot", "focal", "princpt"}) {
                    g.writeObjectFieldStart(kind);
                    for (var entry : capture.getValue().entrySet()) {
                        Camera c = entry.getValue();
                        g.writeFieldName(entry.getKey());
                        switch (kind) {
                            case "campos" -> {
                                Vec3 centre = c.extrinsics().centre().times(1000);
                                g.writeArray(centre.toArray(), 0, 3);
                            }
                            case "camrot" -> {
                                Mat3 r = c.extrinsics().rotation();
                                g.writeStartArray();
                                for (int i = 0; i < 3; i++) {
                                    g.writeArray(r.row(i).toArray(), 0, 3);
                                }
                                g.writeEndArray();
                            }
                            case "focal" -> g.writeArray(new double[] {c.intrinsics().fx(), c.intrinsics().fy()}, 0, 2);
                            default -> g.writeArray(new double[] {c.intrinsics().cx(), c.intrinsics().cy()}, 0, 2);
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        return text.toString();
    }

    private void deleteSpool() {
        try (var files = Files.list(spool)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(spool);
        } catch (IOException ignored) {
            // A leftover hidden spool folder is harmless; the dataset files are complete.
        }
    }
}
