package org.ambidex.data.coco;

/** The two layouts of COCO-format hand keypoint files. */
public enum CocoHandFormat {
    /**
     * COCO-WholeBody: one annotation per person with {@code lefthand_*} and {@code righthand_*} fields; each valid
     * hand is one instance, of known side.
     */
    WHOLEBODY,
    /**
     * One annotation per hand ({@code bbox}, {@code keypoints}, optional {@code num_keypoints}), as mmpose's
     * OneHand10K, CMU Panoptic hand and FreiHAND files; the side is not annotated.
     */
    PLAIN
}
