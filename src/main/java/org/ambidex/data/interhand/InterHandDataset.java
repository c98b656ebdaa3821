package org.ambidex.data.interhand;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.RootNetEstimate;
import org.ambidex.data.Sample;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split of an InterHand2.6M-format dataset (the real one or one written by {@code ambidex synth}), read as
 * the official InterNet loader does (SEED_SPEC A.2-A.9) with bounded memory: {@code _data.json} is streamed into
 * compact columns holding only the selected annotations, {@code _camera.json} is read whole (it is small), and
 * {@code _joint_3d.json} and {@code _MANO_NeuralAnnot.json}, up to gigabytes, are indexed by byte offset and
 * each frame parsed when its sample is asked for.
 *
 * <p>Per sample: joints {@code world (mm) -> camera} with {@code X_cam = R (X - campos)}, returned in metres;
 * pixels {@code u = fx X / (Z + 1e-8 mm) + cx}, likewise {@code v}; the annotation's {@code joint_valid} with all
 * joints of a hand multiplied by that hand's wrist validity. Samples are ordered single hands first, then
 * interacting hands, as the official loader orders them. Arithmetic is in double precision; the reference
 * loader works in float32 (camera arrays and world joints cast to float32), which moves joints by less than
 * 0.001 mm at InterHand2.6M's distances.
 *
 * <p>Thread-safe for concurrent {@link #get(int)} calls. Close it to release the file handles.
 */
public final class InterHandDataset implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterHandDataset.class);
    /** The loader's {@code 1e-8} (mm) guard against division by zero, in metres. */
    private static final double DEPTH_EPSILON = 1e-11;

    /**
     * How to read the samples.
     *
     * @param manoToCamera converts each hand's MANO parameters to the camera frame; {@code null} leaves
     *     {@link Sample#manoCamera()} null
     * @param rootNetFile a RootNet output file to attach estimates from, or {@code null}
     */
    public record Options(ManoCameraConversion manoToCamera, Path rootNetFile) {
        public static final Options DEFAULT = new Options(null, null);
    }

    private final InterHandLayout layout;
    private final InterHandFilter filter;
    private final Options options;
    private final DataIndex index;
    private final CameraTable cameras;
    private final FrameFile joints;
    private final FrameFile mano;
    private final RootNetOutput rootNet;
    private final Skeleton skeleton;

    private InterHandDataset(InterHandLayout layout, InterHandFilter filter, Options options, DataIndex index,
                             CameraTable cameras, FrameFile joints, FrameFile mano, RootNetOutput rootNet,
                             Skeleton skeleton) {
        this.layout = layout;
        this.filter = filter;
        this.options = options;
        this.index = index;
        this.cameras = cameras;
        this.joints = joints;
        this.mano = mano;
        this.rootNet = rootNet;
        this.skeleton = skeleton;
    }

    public static InterHandDataset open(Path root, InterHandFilter filter) {
        return open(root, filter, Options.DEFAULT);
    }

    /** Opens the split {@code filter.split()} of the dataset at {@code root}. */
    public static InterHandDataset open(Path root, InterHandFilter filter, Options options) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root, "no such dataset folder; expected a folder with images/ and "
                + "annotations/ as InterHand2.6M has");
        }
        InterHandLayout layout = new InterHandLayout(root);
        String split = filter.split();
        String subset = filter.subset();
        Path annotations = layout.annotationsFolder(split, subset);
        if (!Files.isDirectory(annotations)) {
            throw new BadInputException(annotations, "no annotations folder for split \"" + split
                + "\"; expected annotations/" + (subset == null ? "" : subset + "/") + split + "/");
        }
        JsonFactory json = JsonFactory.builder().build();
        Skeleton skeleton = Files.exists(layout.skeleton()) ? Skeleton.read(layout.skeleton()) : Skeleton.standard();
        CameraTable cameras = CameraTable.read(layout.annotation(split, subset, InterHandLayout.AnnotationFile.CAMERA),
            json);
        DataIndex index = DataIndex.read(layout.annotation(split, subset, InterHandLayout.AnnotationFile.DATA),
            json, filter);
        LongLongMap wantedFrames = new LongLongMap(Math.max(16, index.size() / 4));
        for (int i = 0; i < index.size(); i++) {
            wantedFrames.put(LongLongMap.frameKey(index.capture(i), index.frame(i)), 0);
            cameras.get(index.capture(i), index.camera(i));
        }
        FrameFile joints = null;
        FrameFile mano = null;
        try {
            joints = FrameFile.index(layout.annotation(split, subset, InterHandLayout.AnnotationFile.JOINT_3D), json,
                wantedFrames::contains, wantedFrames.size());
            for (int i = 0; i < index.size(); i++) {
                if (!joints.has(index.capture(i), index.frame(i))) {
                    throw new BadInputException(joints.file(), "no joints for capture " + index.capture(i)
                        + " frame " + index.frame(i) + " (annotation " + index.annotationId(i)
                        + "); expected an entry for every annotated frame");
                }
            }
            Path manoFile = layout.annotation(split, subset, InterHandLayout.AnnotationFile.MANO);
            if (Files.exists(manoFile)) {
                mano = FrameFile.index(manoFile, json, wantedFrames::contains, wantedFrames.size());
            } else {
                LOG.info("{}: not present; samples carry no MANO parameters", manoFile);
            }
            RootNetOutput rootNet = null;
            if (options.rootNetFile() != null) {
                LongLongMap ids = new LongLongMap(Math.max(16, index.size()));
                for (int i = 0; i < index.size(); i++) {
                    ids.put(index.annotationId(i), 0);
                }
                rootNet = RootNetOutput.read(options.rootNetFile(), json, ids::contains);
            }
            InterHandDataset dataset = new InterHandDataset(layout, filter, options, index, cameras, joints, mano,
                rootNet, skeleton);
            joints = null;
            mano = null;
            return dataset;
        } finally {
            if (joints != null) {
                joints.close();
            }
            if (mano != null) {
                mano.close();
            }
        }
    }

    public int size() {
        return index.size();
    }

    /**
     * The number of annotations per hand type that {@code filter} selects, from the data file alone (faster than
     * opening the dataset: the joint and MANO files are not read).
     */
    public static Map<HandType, Integer> count(Path root, InterHandFilter filter) {
        InterHandLayout layout = new InterHandLayout(root);
        Path file = layout.annotation(filter.split(), filter.subset(), InterHandLayout.AnnotationFile.DATA);
        DataIndex index = DataIndex.read(file, JsonFactory.builder().build(), filter);
        Map<HandType, Integer> counts = new EnumMap<>(HandType.class);
        for (HandType t : HandType.values()) {
            counts.put(t, 0);
        }
        for (int i = 0; i < index.size(); i++) {
            counts.merge(index.handType(i), 1, Integer::sum);
        }
        return counts;
    }

    public InterHandFilter filter() {
        return filter;
    }

    public Skeleton skeleton() {
        return skeleton;
    }

    /** How many selected samples there are per hand type. */
    public Map<HandType, Integer> counts() {
        Map<HandType, Integer> counts = new EnumMap<>(HandType.class);
        for (HandType t : HandType.values()) {
            counts.put(t, 0);
        }
        for (int i = 0; i < index.size(); i++) {
            counts.merge(index.handType(i), 1, Integer::sum);
        }
        return counts;
    }

    /** How many annotations the data file holds per hand type, before filtering by hand type. */
    public Map<HandType, Integer> fileCounts() {
        return Map.copyOf(index.fileCounts);
    }

    /** All samples as a list view; each element is read when accessed. */
    public List<Sample> samples() {
        return new AbstractList<>() {
            @Override
            public Sample get(int i) {
                return InterHandDataset.this.get(i);
            }

            @Override
            public int size() {
                return index.size();
            }
        };
    }

    /** Sample {@code i}, {@code 0 <= i < size()}. */
    public Sample get(int i) {
        if (i < 0 || i >= index.size()) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + index.size());
        }
        int capture = index.capture(i);
        int frame = index.frame(i);
        String cameraId = index.camera(i);
        Camera camera = cameras.get(capture, cameraId);
        double[] world = joints.read(capture, frame, InterHandDataset::readWorldCoord);
        Extrinsics extrinsics = camera.extrinsics();
        Intrinsics k = camera.intrinsics();
        double[] cam = new double[Sample.JOINTS * 3];
        double[] px = new double[Sample.JOINTS * 2];
        for (int j = 0; j < Sample.JOINTS; j++) {
            Vec3 c = extrinsics.toCamera(new Vec3(world[3 * j] / 1000.0, world[3 * j + 1] / 1000.0,
                world[3 * j + 2] / 1000.0));
            cam[3 * j] = c.x();
            cam[3 * j + 1] = c.y();
            cam[3 * j + 2] = c.z();
            px[2 * j] = c.x() / (c.z() + DEPTH_EPSILON) * k.fx() + k.cx();
            px[2 * j + 1] = c.y() / (c.z() + DEPTH_EPSILON) * k.fy() + k.cy();
        }
        boolean[] valid = new boolean[Sample.JOINTS];
        for (int j = 0; j < Sample.JOINTS; j++) {
            int root = j < Sample.HAND_JOINTS ? Sample.RIGHT_ROOT : Sample.LEFT_ROOT;
            valid[j] = index.valid(i, j) && index.valid(i, root);
        }
        ManoPair manoWorld = mano == null ? ManoPair.NONE : mano.read(capture, frame, InterHandDataset::readMano);
        if (manoWorld == null) {
            manoWorld = ManoPair.NONE;
        }
        ManoPair manoCamera = options.manoToCamera() == null ? null
            : options.manoToCamera().toCamera(manoWorld, extrinsics);
        RootNetEstimate estimate = rootNet == null ? null : rootNet.get(index.annotationId(i));
        Path image = layout.imagesFolder(filter.split()).resolve(index.fileName(i));
        return new Sample(image, filter.split(), capture, index.sequence(i), cameraId, frame, index.imageId(i),
            index.annotationId(i), index.width(i), index.height(i), camera, cam, px, valid, index.handType(i),
            index.handTypeValid(i), index.bbox(i), manoWorld, manoCamera, estimate);
    }

    private static double[] readWorldCoord(Path file, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonReading.bad(file, p, "a frame object with world_coord");
        }
        double[] world = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("world_coord")) {
                world = new double[Sample.JOINTS * 3];
                JsonReading.exactly(file, p, world, "world_coord (42 x 3)");
            } else {
                p.skipChildren();
            }
        }
        if (world == null) {
            throw JsonReading.bad(file, p, "world_coord in the frame object");
        }
        return world;
    }

    private static ManoPair readMano(Path file, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonReading.bad(file, p, "a frame object with right/left MANO parameters");
        }
        ManoParams right = null;
        ManoParams left = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("right")) {
                right = readHand(file, p);
            } else if (key.equals("left")) {
                left = readHand(file, p);
            } else {
                p.skipChildren();
            }
        }
        return new ManoPair(right, left);
    }

    private static ManoParams readHand(Path file, JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonReading.bad(file, p, "a hand object {pose, shape, trans} or null");
        }
        double[] pose = null;
        double[] shape = null;
        double[] trans = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case "pose" -> {
                    pose = new double[ManoParams.POSE_SIZE];
                    JsonReading.exactly(file, p, pose, "pose (48)");
                }
                case "shape" -> {
                    shape = new double[ManoParams.SHAPE_SIZE];
                    JsonReading.exactly(file, p, shape, "shape (10)");
                }
                case "trans" -> {
                    trans = new double[3];
                    JsonReading.exactly(file, p, trans, "trans (3)");
                }
                default -> p.skipChildren();
            }
        }
        if (pose == null || shape == null || trans == null) {
            throw JsonReading.bad(file, p, "pose, shape and trans in the hand object");
        }
        return new ManoParams(pose, shape, trans);
    }

    @Override
    public void close() {
        joints.close();
        if (mano != null) {
            mano.close();
        }
    }
}
