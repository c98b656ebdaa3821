package org.ambidex.eval;

/** Which box normalises an instance's PCK under the {@code hand2d} protocol (PCKAccuracy's {@code bbox_size}). */
public enum Hand2dBox {
    /**
     * The annotated hand box, turned into corners as mmpose's dataset classes do: COCO-WholeBody
     * ({@code CocoWholeBodyHandDataset}: {@code bbox_xywh2xyxy} in float32, not clipped); plain files
     * ({@code BaseCocoStyleDataset.parse_data_info}, OneHand10K and CMU Panoptic hand: corners clipped to
     * {@code [0, width - 1] x [0, height - 1]} of the image).
     */
    ANNOTATION("annotation"),
    /**
     * The whole image, {@code [0, 0, width, height]}: mmpose's {@code FreiHandDataset} normalises every FreiHAND
     * instance by its 224 x 224 image ({@code [0, 0, 224, 224]}).
     */
    IMAGE("image");

    private final String label;

    Hand2dBox(String label) {
        this.label = label;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return label;
    }
}
