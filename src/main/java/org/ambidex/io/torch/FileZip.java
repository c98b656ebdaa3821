package org.ambidex.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ambidex.io.CrcCheckedStream;

/** A zip archive in a file, read by {@link ZipFile}, which reads only the parts it needs. */
final class FileZip implements ZipArchive {

    private final ZipFile zip;
    private final long size;

    private FileZip(ZipFile zip, long size) {
        this.zip = zip;
        this.size = size;
    }

    /** Opens {@code file}; a file that is not a zip archive is a {@link java.util.zip.ZipException}. */
    static FileZip open(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        try {
            return new FileZip(zip, Files.size(file));
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            names.add(entries.nextElement().getName());
        }
        return names;
    }

    @Override
    public Entry entry(String name) {
        ZipEntry e = zip.getEntry(name);
        return e == null ? null : new Entry(e.getName(), e.getMethod() == ZipEntry.STORED, e.getSize(),
            e.getCrc());
    }

    @Override
    public InputStream open(Entry entry) throws IOException {
        // ZipFile checks no CRC, of stored entries nor of deflated ones.
        return new CrcCheckedStream(zip.getInputStream(zip.getEntry(entry.name())), entry.name(), entry.crc(),
            entry.size());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
