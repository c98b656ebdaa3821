package org.ambidex.data.coco;

import java.util.Objects;

/**
 * One entry of a COCO file's {@code images} list.
 *
 * @param id the image id annotations refer to
 * @param fileName {@code file_name}, relative to the set's image folder
 * @param width width in pixels, or -1 when the file does not give it
 * @param height height in pixels, or -1 when the file does not give it
 */
public record CocoImage(long id, String fileName, int width, int height) {

    public CocoImage {
        Objects.requireNonNull(fileName, "fileName");
    }

    /** Whether the file gives the image's size. */
    public boolean hasSize() {
        return width >= 0 && height >= 0;
    }
}
