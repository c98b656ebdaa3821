package org.ambidex.render.bench;

import java.util.concurrent.TimeUnit;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Shapes;
import org.ambidex.render.Palette;
import org.ambidex.render.RenderResult;
import org.ambidex.render.Renderer;
import org.ambidex.render.Scene;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One frame of two hand-sized meshes at 512x512 on one thread: the image, depth map, two masks and the normal
 * map. The meshes are hand-sized ellipsoids (semi-axes 4.5 x 9 x 2.2 cm at 50 cm, about 230 pixels tall) with
 * 770 vertices and 1536 triangles each, close to MANO's 778 and 1538.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench='RendererBench -f 1 -wi 3 -i 5'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RendererBench {

    @Param({"1", "2", "4"})
    int supersampling;

    private Scene scene;

    @Setup
    public void setUp() {
        Mesh right = Shapes.ellipsoid("right", -0.055, 0, 0.5, 0.045, 0.09, 0.022, 25, 32);
        Mesh left = Shapes.ellipsoid("left", 0.055, 0.01, 0.52, 0.045, 0.09, 0.022, 25, 32);
        scene = Scene.of(Camera.atOrigin(new Intrinsics(640, 640, 255.5, 255.5)), 512, 512)
            .withMesh(right, Palette.RIGHT_HAND).withMesh(left, Palette.LEFT_HAND).withSupersampling(supersampling);
    }

    @Benchmark
    public RenderResult twoHands512() {
        return Renderer.render(scene);
    }
}
