package org.ambidex.data.interhand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameOffsetScannerTest {

    private static List<long[]> scan(Path file) throws IOException {
        List<long[]> found = new ArrayList<>();
        try (FileChannel c = FileChannel.open(file)) {
            FrameOffsetScanner.scan(file, c, (capture, frame, offset) -> found.add(new long[] {capture, frame, offset}));
        }
        return found;
    }

    @Test
    void findsEveryFrameValueMindingStringsAndNesting(@TempDir Path dir) throws IOException {
        String text = " {\n \"0\" : {\"5\": {\"a\": \"}{][\\\"\", \"b\": [[1, 2], {\"c\": null}]},\t\"7\":null ,"
            + "\"9\": [1,2]},\"12\":{}, \"3\": {\"-1\": 4.5e3}}\n";
        Path file = dir.resolve("f.json");
        Files.writeString(file, text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<long[]> found = scan(file);
        assertThat(found).hasSize(4);
        assertThat(found.get(0)).containsExactly(0, 5, text.indexOf("{\"a\""));
        assertThat(bytes[(int) found.get(0)[2]]).isEqualTo((byte) '{');
        assertThat(found.get(1)).containsExactly(0, 7, -1);
        assertThat(found.get(2)).containsExactly(0, 9, text.indexOf("[1,2]"));
        assertThat(found.get(3)).containsExactly(3, -1, text.indexOf("4.5e3"));
    }

    @Test
    void spansBufferBoundaries(@TempDir Path dir) throws IOException {
        StringBuilder s = new StringBuilder("{\"1\": {");
        for (int f = 0; f < 3000; f++) {
            s.append(f == 0 ? "" : ",").append('"').append(f).append("\": {\"x\": \"").append("}".repeat(500)).append("\"}");
        }
        s.append("}}");
        Path file = dir.resolve("big.json");
        Files.writeString(file, s);
        List<long[]> found = scan(file);
        assertThat(found).hasSize(3000);
        assertThat(found.get(2999)[1]).isEqualTo(2999);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[(int) found.get(2999)[2]]).isEqualTo((byte) '{');
    }

    @Test
    void refusesFilesOfAnotherShape(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> scan(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("expected an object of captures at byte 0");
        Files.writeString(file, "{\"a\": {}}");
        assertThatThrownBy(() -> scan(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("capture key holding an integer");
        Files.writeString(file, "{\"1\": {\"2\": {\"x\": [1, 2}");
        assertThatThrownBy(() -> scan(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("file ends inside it");
        Files.writeString(file, "{\"1\": {}} x");
        assertThatThrownBy(() -> scan(file)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("end of the file");
    }
}
