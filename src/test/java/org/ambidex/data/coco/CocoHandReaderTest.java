package org.ambidex.data.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoHandReaderTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/hand2d");

    @TempDir
    Path dir;

    @Test
    void wholeBodyGivesEachValidHandLeftThenRightAndSkipsInvalidOnes() {
        CocoHandSet set = CocoHandReader.read(FIXTURES.resolve("wholebody.json"));
        assertThat(set.format()).isEqualTo(CocoHandFormat.WHOLEBODY);
        // 16 persons, 32 hands: 4 marked invalid.
        assertThat(set.instances()).hasSize(28);
        assertThat(set.invalidHands()).isEqualTo(4);
        CocoHandInstance first = set.instances().get(0);
        assertThat(first.id()).isEqualTo(first.annotationId() + "/" + first.side().label());
        assertThat(set.instances()).allMatch(h -> h.side() != null && h.numKeypoints() == -1);
        CocoHandInstance left = set.instances().stream().filter(h -> h.id().equals("5008/left")).findFirst()
            .orElseThrow();
        CocoHandInstance right = set.instances().stream().filter(h -> h.id().equals("5008/right")).findFirst()
            .orElseThrow();
        assertThat(set.instances().indexOf(left)).isEqualTo(set.instances().indexOf(right) - 1);
        assertThat(left.side()).isEqualTo(HandSide.LEFT);
        assertThat(left.image().fileName()).isEqualTo("000000000102.jpg");
        assertThat(left.image().width()).isEqualTo(640);
        CocoHandInstance crowd = set.instances().stream().filter(h -> h.id().equals("5003/right")).findFirst()
            .orElseThrow();
        assertThat(crowd.crowd()).isTrue();
        assertThat(crowd.box()).containsExactly(50.5, 60.25, 80.0, 90.0);
    }

    @Test
    void plainFilesGiveOneHandPerAnnotationOfUnknownSide() {
        CocoHandSet set = CocoHandReader.read(FIXTURES.resolve("plain.json"));
        assertThat(set.format()).isEqualTo(CocoHandFormat.PLAIN);
        // 18 annotations, one without "keypoints".
        assertThat(set.instances()).hasSize(17);
        assertThat(set.incompleteAnnotations()).isEqualTo(1);
        assertThat(set.instances()).allMatch(h -> h.side() == null);
        assertThat(set.instances().get(0).id()).isEqualTo("700");
        assertThat(set.instances().get(0).numKeypoints()).isGreaterThan(0);
        assertThat(set.instances().get(1).numKeypoints()).isEqualTo(-1);
    }

    @Test
    void keypointTriplesSplitIntoPixelsAndFlagsWhateverTheOrderOfTheLists() throws IOException {
        StringBuilder kpts = new StringBuilder();
        for (int k = 0; k < 21; k++) {
            kpts.append(k == 0 ? "" : ",").append(10 + k).append(',').append(20.5 + k).append(',').append(k % 3);
        }
        Path file = write("{\"annotations\":[{\"iscrowd\":0,\"keypoints\":[" + kpts + "],\"image_id\":\"7\","
            + "\"bbox\":[1,2,3,4],\"num_keypoints\":14,\"segmentation\":[[1,2,3]],\"id\":3}],"
            + "\"images\":[{\"file_name\":\"a.jpg\",\"id\":7,\"height\":20,\"width\":30}]}");
        CocoHandInstance h = CocoHandReader.read(file).instances().get(0);
        assertThat(h.keypoints()[0]).isEqualTo(10);
        assertThat(h.keypoints()[41]).isEqualTo(40.5);
        assertThat(h.visibility()[1]).isEqualTo(1);
        assertThat(h.visibility()[20]).isEqualTo(2);
        assertThat(h.numKeypoints()).isEqualTo(14);
        assertThat(h.image()).isEqualTo(new CocoImage(7, "a.jpg", 30, 20));
    }

    @Test
    void badFilesAreRefusedOnOneLineNamingTheItem() throws IOException {
        String image = "\"images\":[{\"id\":1,\"file_name\":\"a.jpg\"}]";
        String hand = "\"id\":5,\"image_id\":1,\"bbox\":[0,0,9,9],\"keypoints\":[" + zeros(63) + "]";
        assertRefused(dir.resolve("missing.json"), "no such file");
        assertRefused(write("[1,2]"), "expected a JSON object");
        assertRefused(write("{" + image + "}"), "no \"annotations\" array");
        assertRefused(write("{\"annotations\":[]}"), "no \"images\" array");
        assertRefused(write("{" + image + ",\"annotations\":[{\"id\":5,\"image_id\":1,\"bbox\":[0,0,9,9],"
            + "\"keypoints\":[" + zeros(42) + "]}]}"), "annotations[0] (id 5).keypoints: expected 63 numbers");
        assertRefused(write("{" + image + ",\"annotations\":[{\"id\":5,\"image_id\":1,\"bbox\":[0,0,9],"
            + "\"keypoints\":[]}]}"), "annotations[0].bbox: expected exactly 4 numbers");
        assertRefused(write("{" + image + ",\"annotations\":[{\"id\":5,\"image_id\":2,\"bbox\":[0,0,9,9],"
            + "\"keypoints\":[" + zeros(63) + "]}]}"), "names image_id 2, which \"images\" does not list");
        assertRefused(write("{" + image + ",\"annotations\":[{" + hand + "},{" + hand + "}]}"),
            "two annotations give the hand instance 5");
        assertRefused(write("{" + image + ",\"annotations\":[{" + hand + "},{\"id\":6,\"image_id\":1,"
            + "\"lefthand_valid\":false}]}"), "annotations[1] (id 6) is a COCO-WholeBody annotation");
        assertRefused(write("{" + image + ",\"annotations\":[{\"id\":6,\"image_id\":1,\"lefthand_valid\":true,"
            + "\"lefthand_box\":[0,0,1,1],\"lefthand_kpts\":[" + zeros(63) + "]}]}"),
            "expected \"righthand_valid\", \"righthand_box\" and \"righthand_kpts\"");
        assertRefused(write("{" + image + ",\"annotations\":[{\"image_id\":1}]}"), "annotations[0]: expected an \"id\"");
        assertRefused(write("{" + image + ",\"annotations\":[{\"id\":\"x\",\"image_id\":1}]}"),
            "annotations[0].id: expected an integer");
    }

    private static String zeros(int n) {
        return String.join(",", Collections.nCopies(n, "0"));
    }

    private int files;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("coco" + files++ + ".json");
        Files.writeString(file, json);
        return file;
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> CocoHandReader.read(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining(file.getFileName().toString()).hasMessageContaining(message)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
