package org.ambidex.render;

import java.util.Objects;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;

/**
 * A mesh to draw (positions in world coordinates, metres) and its colour. Vertex colours of the mesh, when it
 * has them, take precedence over {@code color}.
 *
 * @param mesh the mesh; vertex normals are computed from the faces when it has none
 * @param color the mesh's colour (sRGB)
 */
public record SceneMesh(Mesh mesh, Rgb color) {

    public SceneMesh {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(color, "color");
    }

    /** The mesh in its own material colour, or {@link Palette#NEUTRAL}. */
    public static SceneMesh of(Mesh mesh) {
        return new SceneMesh(mesh, mesh.materialColor() != null ? mesh.materialColor() : Palette.NEUTRAL);
    }
}
