package org.ambidex.hand.open;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ambidex.hand.BuiltInHandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;

/** How {@code hand} reaches the open model without depending on this package. */
class OpenModelSourceTest {

    @Test
    void theOpenModelIsRegisteredAsTheBuiltInModelNamedOpen() {
        assertThat(BuiltInHandModel.named(" Open ")).get().isInstanceOf(OpenModelSource.class);
        assertThat(BuiltInHandModel.named("closed")).isEmpty();
    }

    @Test
    void theLoaderResolvesOpenToThisPackagesModels() {
        assumeTrue(new OpenModelSource().isAvailable(), "the open model resource is built");
        assertThat(HandModelLoader.resolve("open", HandSide.LEFT, true)).isSameAs(OpenHandModel.load(HandSide.LEFT));
        assertThat(HandModelLoader.resolve("OPEN", null, true)).isSameAs(OpenHandModel.load(HandSide.RIGHT));
        assertThat(OpenHandModel.load(HandSide.LEFT).side()).isEqualTo(HandSide.LEFT);
    }

    @Test
    void theHandPackageDoesNotNameThisOne() throws IOException {
        Path hand = Path.of(System.getProperty("ambidex.repo.root", ".")).resolve("src/main/java/org/ambidex/hand");
        List<Path> offenders;
        try (Stream<Path> files = Files.list(hand)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                .filter(f -> read(f).contains("org.ambidex.hand.open")).toList();
        }
        assertThat(offenders).as("files of package hand naming hand.open").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
