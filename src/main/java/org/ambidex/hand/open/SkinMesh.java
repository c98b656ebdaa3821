package org.ambidex.hand.open;

/**
 * A built skin: vertices and triangles, the fingertip vertices, and per vertex how it hangs on the skeleton
 * (which digits' chains it follows, at which chain coordinate and with which share), from which the
 * skinning weights and the joint regressor are made.
 *
 * @param vertices {@code V*3} coordinates, model frame, metres
 * @param faces {@code F*3} vertex indices, counter-clockwise seen from outside
 * @param tips fingertip vertex per digit (thumb, index, middle, ring, pinky)
 * @param attachments per vertex, its attachments to digit chains
 */
record SkinMesh(double[] vertices, int[] faces, int[] tips, Attachment[][] attachments) {

    /**
     * A vertex follows digit {@code digit}'s chain at chain coordinate {@code station} (m from the digit's
     * first joint, negative in the palm before it) with weight {@code share}; the shares of a vertex sum to 1.
     */
    record Attachment(int digit, double station, double share) {
    }

    int vertexCount() {
        return vertices.length / 3;
    }

    int faceCount() {
        return faces.length / 3;
    }
}
