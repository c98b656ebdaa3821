/**
 * Triangle meshes and their files: the immutable {@link org.ambidex.io.mesh.Mesh} (metres), OBJ and PLY
 * (ASCII and binary) writers and readers that round-trip exactly, a GLB (glTF 2.0 binary) writer checked by the
 * Khronos validator, vertex normals and analytic shapes.
 */
package org.ambidex.io.mesh;
