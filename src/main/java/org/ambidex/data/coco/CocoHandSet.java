package org.ambidex.data.coco;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The hand instances of one COCO-format annotation file.
 *
 * @param file the file read
 * @param format its layout
 * @param instances the hands, in file order (per COCO-WholeBody person: left, then right)
 * @param invalidHands COCO-WholeBody hands whose {@code *_valid} flag is false (not instances; 0 for plain files)
 * @param incompleteAnnotations plain annotations without {@code bbox} or {@code keypoints} (mmpose skips them; 0 for
 *     COCO-WholeBody)
 */
public record CocoHandSet(Path file, CocoHandFormat format, List<CocoHandInstance> instances, long invalidHands,
                          long incompleteAnnotations) {

    public CocoHandSet {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        instances = List.copyOf(instances);
    }
}
