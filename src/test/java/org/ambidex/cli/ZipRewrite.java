package org.ambidex.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helper: copies a zip, passing each entry's bytes through a function (null drops the entry). */
public final class ZipRewrite {

    private ZipRewrite() {
    }

    public static void rewrite(Path from, Path to, BiFunction<String, byte[], byte[]> change) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                byte[] changed = change.apply(e.getName(), bytes);
                if (changed == null) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(changed);
                out.closeEntry();
            }
        }
    }
}
