package org.ambidex.nets.s2hand;

/**
 * Per-vertex colours of S2HAND's per-face texture: each face's colour is {@code tanh} of the texture head's value
 * (as the reference hands it to its renderer), clamped to [0, 1], and each vertex takes the mean of the faces
 * around it. Colours are sRGB values in [0, 1], as the images the texture is trained to reproduce.
 */
public final class S2HandTexture {

    private S2HandTexture() {
    }

    /**
     * @param faceTextures F x 3 raw texture values ({@link S2HandPrediction#faceTextures()})
     * @param faces F x 3 vertex indices of the mesh
     * @param vertexCount V
     * @return V x 3 colours in [0, 1]; a vertex on no face is mid grey
     */
    public static double[] vertexColors(float[] faceTextures, int[] faces, int vertexCount) {
        if (faceTextures.length != faces.length) {
            throw new IllegalArgumentException(faceTextures.length / 3 + " face colours for " + faces.length / 3
                + " faces");
        }
        double[] sum = new double[vertexCount * 3];
        int[] count = new int[vertexCount];
        for (int f = 0; f < faces.length / 3; f++) {
            for (int corner = 0; corner < 3; corner++) {
                int v = faces[3 * f + corner];
                count[v]++;
                for (int c = 0; c < 3; c++) {
                    sum[3 * v + c] += Math.min(1, Math.max(0, Math.tanh(faceTextures[3 * f + c])));
                }
            }
        }
        for (int v = 0; v < vertexCount; v++) {
            for (int c = 0; c < 3; c++) {
                sum[3 * v + c] = count[v] == 0 ? 0.5 : sum[3 * v + c] / count[v];
            }
        }
        return sum;
    }
}
