package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ambidex.core.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON inputs of commands fail in one line a user can act on, whatever is wrong with them. */
class JsonInputTest {

    @TempDir
    Path dir;

    @Test
    void aHundredThousandLevelsOfNestingIsOneLineAndExitTwo() throws Exception {
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "[".repeat(100_000) + "]".repeat(100_000));
        CliRun run = CliRun.of("pose", "--params", deep.toString(), "--out", dir.resolve("x.json").toString());
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("deep.json").contains("nests or grows beyond").doesNotContain("internal error");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void syntaxErrorsNameTheLineWithoutTheParsersAdvice() throws Exception {
        Path boxes = dir.resolve("boxes.json");
        Files.writeString(boxes, "{\n \"a.jpg\": [1, 2, 3, 4],\n \"b.jpg\": [1, 2, 3, -Infinity]\n}");
        Path image = dir.resolve("a.jpg");
        Files.write(image, new byte[] {1});
        CliRun run = CliRun.of("reconstruct", "--boxes", boxes.toString(), "--out", dir.resolve("o").toString(),
            image.toString());
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("boxes.json: the boxes file is not valid JSON").contains("line 3")
            .doesNotContain("JsonReadFeature").doesNotContain("enable");
    }

    @Test
    void aMissingBoxesFileIsCalledMissing() {
        Path image = dir.resolve("a.jpg");
        CliRun run = CliRun.of("reconstruct", "--boxes", dir.resolve("none.json").toString(), "--out",
            dir.resolve("o").toString(), image.toString());
        assertThat(run.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(run.err()).contains("none.json: no such boxes file");
    }

    @Test
    void theParsersAdviceIsCutFromItsMessage() {
        assertThat(JsonInput.firstSentence("Non-standard token '-Infinity': enable `JsonReadFeature"
            + ".ALLOW_NON_NUMERIC_NUMBERS` to allow")).isEqualTo("Non-standard token '-Infinity'");
        assertThat(JsonInput.firstSentence(null)).isEqualTo("unreadable");
    }
}
