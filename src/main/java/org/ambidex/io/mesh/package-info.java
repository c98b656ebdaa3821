/**
 * Triangle-mesh files: OBJ, PLY (ASCII and binary) and GLB (glTF 2.0 binary) writers, OBJ and PLY readers.
 */
package org.ambidex.io.mesh;
