package org.ambidex.nets.dir;

/**
 * The widths of a DIR network. The published network is {@link #PUBLISHED}; narrower ones of the same structure
 * serve tests.
 *
 * @param resnetBase channels of the ResNet-50 stem (64; the last map has 32 times as many)
 * @param features channels of the decoder's maps (256)
 * @param embedding channels of the joint tokens in the graph and transformer (128; a multiple of 4)
 * @param jointChannels channels of a joint's feature after the transformer (64)
 */
public record DirConfig(int resnetBase, int features, int embedding, int jointChannels) {

    /** DIR as published. */
    public static final DirConfig PUBLISHED = new DirConfig(64, 256, 128, 64);
    /** Input side in pixels; the decoder's maps are 1/16 and 1/8 of it. */
    public static final int INPUT_SIZE = 256;

    public DirConfig {
        if (resnetBase < 1 || features < 2 || features % 2 != 0 || embedding < 4 || embedding % 4 != 0
            || jointChannels < 1) {
            throw new IllegalArgumentException("unusable DIR widths: " + resnetBase + ", " + features + ", "
                + embedding + ", " + jointChannels);
        }
    }

    @Override
    public String toString() {
        return equals(PUBLISHED) ? "(published widths)" : "(ResNet-50 base " + resnetBase + ", decoder " + features
            + ", tokens " + embedding + ", joint features " + jointChannels + ")";
    }

    /** Channels of the backbone's last map. */
    public int backboneChannels() {
        return resnetBase * 32;
    }
}
