package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Use from Java" example, taken from the README itself, compiles and runs against the library. */
class ReadmeJavaExampleTest {

    private static final Pattern EXAMPLE = Pattern.compile("<!-- java-example -->\\s*```java\\n(.*?)```",
        Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleCompilesRunsAndWritesTheOutputs() throws Exception {
        Matcher m = EXAMPLE.matcher(Files.readString(Path.of("README.md")));
        assertThat(m.find()).as("README.md has a java-example block").isTrue();
        String source = m.group(1);
        assertThat(source.lines().filter(l -> !l.isBlank() && !l.startsWith("import")).count())
            .as("lines of the example besides imports").isLessThanOrEqualTo(16);
        Path file = dir.resolve("HandsFromPhoto.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, null, diagnostics, "-classpath", System.getProperty("java.class.path"), "-d",
            dir.toString(), file.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        // A bundled render in which the default hand finder sees one right hand.
        Path image = PhotoReconstructorTest.IMAGE;
        Path out = dir.resolve("out");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
            getClass().getClassLoader())) {
            Method main = loader.loadClass("HandsFromPhoto").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {image.toString(), out.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("right hand: presence");
        for (String name : List.of("photo.json", "photo_right.obj", "photo_hands.glb",
            "photo_overlay.png", "photo_views.png", "photo_skeleton.png")) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
    }
}
