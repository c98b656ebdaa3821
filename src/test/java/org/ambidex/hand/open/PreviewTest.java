package org.ambidex.hand.open;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Writes preview images of the generated rest hand when {@code -Dopenhand.previews=DIR} is set. */
@EnabledIfSystemProperty(named = "openhand.previews", matches = ".+")
class PreviewTest {

    @Test
    void writesRestPreviews() throws Exception {
        Path dir = Path.of(System.getProperty("openhand.previews"));
        Files.createDirectories(dir);
        SkinMesh mesh = SkinMeshBuilder.build(new RestSkeleton(HandAnatomy.nominal()));
        System.out.println("V=" + mesh.vertexCount() + " F=" + mesh.faceCount());
        double[][] vs = {mesh.vertices()};
        int[][] fs = {mesh.faces()};
        MeshPreview.sheet(dir.resolve("rest.png"), 420,
            new double[][] {{0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0.5, 0.7, 0.6}, {-0.6, -0.5, 0.6}},
            new double[][] {{-1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {-1, 0, 0}, {-1, 0, 0}}, vs, fs);
        MeshPreview.sheet(dir.resolve("rest2.png"), 420,
            new double[][] {{1, 0.2, 0.1}, {0, -0.3, 1}, {0.2, -1, 0.5}, {-0.2, 0.5, -1}},
            new double[][] {{0, 1, 0}, {-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}}, vs, fs);
    }
}
