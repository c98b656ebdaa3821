package org.ambidex.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ambidex.core.BadInputException;
import org.ambidex.core.MemoryBudget;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.NdArray;
import org.ambidex.io.image.Images;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.ObjReader;
import org.ambidex.io.mesh.PlyReader;
import org.ambidex.io.numpy.Npy;
import org.ambidex.render.Mask;
import org.ambidex.render.Overlays;
import org.ambidex.render.Palette;
import org.ambidex.render.RenderResult;
import org.ambidex.render.Renderer;
import org.ambidex.render.Scene;
import org.ambidex.render.SceneMesh;
import org.ambidex.render.ViewSheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ambidex render}: draws posed hands (and mesh files) with the software renderer, alone, over a photo,
 * or as a view sheet. The hand options and the parameters file are those of {@code ambidex pose}.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Draw hands posed from parameters (as in 'ambidex pose') and mesh files into a PNG or JPEG.",
        "With --image PHOTO --camera CAM.json the hands are drawn over the photo through that camera (InterHand2.6M"
            + " camera JSON: focal, princpt, and R, t in metres or camrot, campos in mm). Without a camera the"
            + " meshes are framed from the front (world +y up). --views draws a sheet of camera, side, top and"
            + " oblique views. Right hands are drawn in orange, left hands in blue, --gt-mesh files in green."})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HandPoseOptions hand = new HandPoseOptions();

    @Option(names = "--params", paramLabel = "FILE",
        description = "Hand parameters (JSON, as in 'ambidex pose'): every entry is drawn, as the --side hand"
            + " (the right hand when --left-params is given).")
    Path params;

    @Option(names = "--left-params", paramLabel = "FILE",
        description = "Parameters of the left hand, drawn together with the right hand of --params.")
    Path leftParams;

    @Option(names = "--mesh", paramLabel = "FILE", description = "Also draw this OBJ or PLY mesh (repeatable).")
    List<Path> meshFiles = new ArrayList<>();

    @Option(names = "--gt-mesh", paramLabel = "FILE",
        description = "Ground-truth OBJ or PLY mesh, drawn in the ground-truth colour (repeatable).")
    List<Path> groundTruthFiles = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output picture: .png or .jpg.")
    Path out;

    @Option(names = "--image", paramLabel = "PHOTO", description = "Draw over this photo (needs --camera).")
    Path image;

    @Option(names = "--camera", paramLabel = "CAM.json", description = "Camera of the picture (see above).")
    Path camera;

    @Option(names = "--size", arity = "2", paramLabel = "N",
        description = "Picture width and height without a photo (default: 512 512).")
    int[] size;

    @Option(names = "--views", description = "Draw the view sheet (camera, side, top, oblique).")
    boolean views;

    @Option(names = "--panel-size", paramLabel = "N", defaultValue = "512",
        description = "Longer side of each view-sheet panel, pixels (default: ${DEFAULT-VALUE}).")
    int panelSize;

    @Option(names = "--skeleton", description = "Draw each hand's 21-joint skeleton over the picture.")
    boolean skeleton;

    @Option(names = "--depth", paramLabel = "FILE.npy",
        description = "Also write the depth map: float64 (height, width), camera z in metres, inf where empty.")
    Path depthFile;

    @Option(names = "--mask", paramLabel = "FILE.png",
        description = "Also write the silhouettes: an 8-bit label picture, 0 empty, k for the k-th mesh drawn.")
    Path maskFile;

    @Option(names = "--normal-map", paramLabel = "FILE.png",
        description = "Also write the camera-frame normal map as a picture, rgb = (n + 1) / 2.")
    Path normalFile;

    @Option(names = "--opacity", paramLabel = "A", defaultValue = "1",
        description = "Opacity of the meshes over the photo or background, 0..1 (default: ${DEFAULT-VALUE}).")
    double opacity;

    @Option(names = "--supersampling", paramLabel = "S", defaultValue = "2",
        description = "Anti-aliasing: S x S samples per pixel, 1..8 (default: ${DEFAULT-VALUE}).")
    int supersampling;

    /** A hand to draw: its mesh, colour and joints (OpenPose order, world, metres). */
    private record Drawn(SceneMesh mesh, double[] joints, int handIndex) {
    }

    @Override
    public Integer call() {
        checkOptions();
        List<Drawn> drawn = new ArrayList<>();
        if (params != null) {
            HandModel first = leftParams != null ? hand.resolveModel(HandSide.RIGHT) : hand.resolveModel();
            addHands(drawn, first, params);
            if (leftParams != null) {
                addHands(drawn, hand.resolveModel(HandSide.LEFT), leftParams);
            }
        }
        for (Path file : meshFiles) {
            drawn.add(new Drawn(SceneMesh.of(readMesh(file)), null, -1));
        }
        if (drawn.isEmpty()) {
            throw new BadInputException("nothing to draw: give --params FILE and/or --mesh FILE");
        }
        List<Mesh> groundTruth = groundTruthFiles.stream().map(RenderCommand::readMesh).toList();

        int[] photoSize = image == null ? null : Images.size(image);
        int width = photoSize != null ? photoSize[0] : size == null ? 512 : size[0];
        int height = photoSize != null ? photoSize[1] : size == null ? 512 : size[1];
        requireRenderable(width, height, drawn.size() + groundTruth.size());
        BufferedImage photo = image == null ? null : Images.read(image);
        List<Mesh> all = new ArrayList<>(drawn.stream().map(d -> d.mesh().mesh()).toList());
        all.addAll(groundTruth);
        Camera cam = camera != null ? CameraFile.read(camera) : frontCamera(all, width, height);
        Scene scene = Scene.of(cam, width, height).withMeshes(drawn.stream().map(Drawn::mesh).toList())
            .withSupersampling(supersampling).withOpacity(opacity);
        if (photo != null) {
            scene = scene.withBackground(photo);
        }

        BufferedImage picture;
        if (views) {
            picture = ViewSheet.render(scene, groundTruth, panelSize);
        } else {
            if (!groundTruth.isEmpty()) {
                for (Mesh m : groundTruth) {
                    scene = scene.withMesh(m, Palette.GROUND_TRUTH);
                }
            }
            RenderResult result = Renderer.render(scene);
            picture = result.image();
            writeMaps(result, width, height);
            if (skeleton) {
                for (Drawn d : drawn) {
                    if (d.joints() != null) {
                        Overlays.drawSkeleton(picture, project(cam, d.joints()), d.handIndex());
                    }
                }
            }
        }
        Images.write(out, picture);
        spec.commandLine().getOut().println(out + ": " + picture.getWidth() + "x" + picture.getHeight() + ", "
            + drawn.size() + " mesh" + (drawn.size() == 1 ? "" : "es") + (groundTruth.isEmpty() ? ""
            : " and " + groundTruth.size() + " ground truth"));
        return 0;
    }

    private void writeMaps(RenderResult result, int width, int height) {
        if (depthFile != null) {
            Npy.write(depthFile, NdArray.ofDoubles(new int[] {height, width}, result.depth().toArray()));
        }
        if (maskFile != null) {
            BufferedImage labels = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            for (int k = 0; k < result.masks().size(); k++) {
                Mask mask = result.mask(k);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        if (mask.contains(x, y)) {
                            labels.getRaster().setSample(x, y, 0, k + 1);
                        }
                    }
                }
            }
            Images.write(maskFile, labels);
        }
        if (normalFile != null) {
            Images.write(normalFile, result.normals().toImage());
        }
    }

    /** The share of the heap rendering may take: the command holds little else. */
    static final double RENDER_HEAP_SHARE = 0.8;

    /**
     * Refuses a picture the renderer cannot hold before drawing anything: too many samples per side for its
     * fixed-point maths, or more bytes than the heap's share ({@link Renderer#bytesPerPixel}).
     */
    private void requireRenderable(int width, int height, int meshes) {
        String what = image != null ? "the photo's " + width + "x" + height + " pixels" : "--size " + width + " "
            + height;
        long w = width;
        long h = height;
        long extra = 8; // the photo and the picture written
        if (views) {
            double scale = panelSize / (double) Math.max(width, height);
            w = Math.max(1, Math.round(width * scale));
            h = Math.max(1, Math.round(height * scale));
            what = "--panel-size " + panelSize;
            extra = 4 * 4 + 8;
        }
        if (Math.max(w, h) * supersampling > Scene.MAX_SAMPLES_PER_SIDE) {
            throw new BadInputException(what + " at --supersampling " + supersampling + " is " + Math.max(w, h)
                * supersampling + " samples per side, more than the renderer's " + Scene.MAX_SAMPLES_PER_SIDE
                + "; lower --supersampling");
        }
        MemoryBudget budget = MemoryBudget.current();
        long needed = w * h * (Renderer.bytesPerPixel(supersampling, meshes) + extra);
        long allowed = (long) (budget.heapBytes() * RENDER_HEAP_SHARE);
        if (needed > allowed) {
            throw new BadInputException(what + " at --supersampling " + supersampling + " needs " + (needed >> 20)
                + " MB; lower --supersampling or the size, or raise the heap (" + budget.describe()
                + ") with AMBIDEX_JAVA_OPTS=-Xmx...");
        }
    }

    private void checkOptions() {
        if ((depthFile != null || maskFile != null || normalFile != null) && views) {
            throw new BadInputException("--depth, --mask and --normal-map describe the single view; drop --views");
        }
        if (depthFile != null && !depthFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new BadInputException(depthFile, "the depth map is written as NumPy: expected a name ending in .npy");
        }
        if (maskFile != null && !maskFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException(maskFile, "the mask is a label picture: expected a name ending in .png");
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".jpg") && !name.endsWith(".jpeg")) {
            throw new BadInputException(out, "unknown picture type: expected a file name ending in .png or .jpg");
        }
        if (image != null && camera == null) {
            throw new BadInputException("--image needs --camera CAM.json (the camera that took the photo)");
        }
        if (image != null && size != null) {
            throw new BadInputException("--size cannot be used with --image (the photo sets the size)");
        }
        if (size != null && (size[0] < 1 || size[1] < 1 || size[0] > 8192 || size[1] > 8192)) {
            throw new BadInputException("--size must be 1..8192 pixels per side, got " + size[0] + " " + size[1]);
        }
        if (leftParams != null && params == null) {
            throw new BadInputException("--left-params needs --params for the right hand");
        }
        if (leftParams != null && hand.side == HandSide.LEFT) {
            throw new BadInputException("with --left-params, --params is the right hand: drop --side left");
        }
        if (meshFiles.size() + 2 > 255) {
            throw new BadInputException("at most 253 --mesh files (the mask picture has 8 bits)");
        }
        if (supersampling < 1 || supersampling > 8) {
            throw new BadInputException("--supersampling must be 1..8, got " + supersampling);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new BadInputException("--opacity must be in [0, 1], got " + opacity);
        }
        if (panelSize < 16 || panelSize > 4096) {
            throw new BadInputException("--panel-size must be 16..4096, got " + panelSize);
        }
        if (skeleton && views) {
            throw new BadInputException("--skeleton draws on the single view; it cannot be combined with --views");
        }
        hand.check();
    }

    private void addHands(List<Drawn> drawn, HandModel model, Path file) {
        HandPoser.Posed posed = HandPoser.pose(hand, () -> model, file, JointOrder.OPENPOSE);
        int index = model.side().index();
        for (int i = 0; i < posed.size(); i++) {
            String name = model.side().label() + (posed.size() == 1 ? "" : "-" + i);
            drawn.add(new Drawn(new SceneMesh(posed.mesh(i, name), Palette.hand(index)), posed.joints().get(i), index));
        }
    }

    private static Mesh readMesh(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".obj")) {
            return ObjReader.read(file);
        }
        if (name.endsWith(".ply")) {
            return PlyReader.read(file);
        }
        throw new BadInputException(file, "unknown mesh type: expected .obj or .ply");
    }

    private static double[][] project(Camera cam, double[] joints) {
        double[][] uv = new double[joints.length / 3][];
        for (int j = 0; j < uv.length; j++) {
            Vec3 p = cam.extrinsics().toCamera(new Vec3(joints[3 * j], joints[3 * j + 1], joints[3 * j + 2]));
            // A joint behind the camera has no picture position: leave it out of the drawing.
            uv[j] = p.z() > 0 ? cam.intrinsics().project(p) : new double[] {Double.NaN, Double.NaN};
        }
        return uv;
    }

    /**
     * A camera in front of the meshes: looking along world -z with world +y up in the picture (as 3D viewers
     * show models), focal length 1.5 x the shorter side, at the distance where the meshes' bounding sphere
     * fills 80% of the shorter side.
     */
    static Camera frontCamera(List<Mesh> meshes, int width, int height) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Mesh m : meshes) {
            for (int i = 0; i < m.vertexCount(); i++) {
                for (int a = 0; a < 3; a++) {
                    lo[a] = Math.min(lo[a], m.position(i, a));
                    hi[a] = Math.max(hi[a], m.position(i, a));
                }
            }
        }
        Vec3 centre = new Vec3((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
        double radius = 0;
        for (Mesh m : meshes) {
            for (int i = 0; i < m.vertexCount(); i++) {
                radius = Math.max(radius, centre.distance(new Vec3(m.x(i), m.y(i), m.z(i))));
            }
        }
        radius = Math.max(radius, 1e-3);
        int shorter = Math.min(width, height);
        double focal = 1.5 * shorter;
        double distance = radius * Math.sqrt(1 + Math.pow(focal / (0.4 * shorter), 2));
        Mat3 rotation = Mat3.ofRowMajor(1, 0, 0, 0, -1, 0, 0, 0, -1);
        Vec3 eye = centre.plus(new Vec3(0, 0, distance));
        return new Camera(new Intrinsics(focal, focal, (width - 1) / 2.0, (height - 1) / 2.0),
            Extrinsics.fromRotationAndCentre(rotation, eye));
    }
}
