package org.ambidex.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Makers of the hostile and broken inputs of {@link BadInputSweepTest}: each writes one file and returns it. */
public final class HostileInputs {

    private HostileInputs() {
    }

    /** {@code l = []; l.append(l)} pickled: a list that holds itself (9 bytes). */
    static byte[] selfListPickle() {
        return new byte[] {(byte) 0x80, 2, ']', 'q', 0, 'h', 0, 'a', '.'};
    }

    /**
     * Sixty lists, each holding the previous one twice: 9 bytes a level, 2^60 paths from the top. Walked as a tree
     * it never ends; walked as the graph it is, it has 61 nodes.
     */
    static byte[] sharedListsPickle(int levels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, 2, ']', 'q', 0, '0'});
        for (int i = 1; i <= levels; i++) {
            out.writeBytes(new byte[] {']', '(', 'h', (byte) (i - 1), 'h', (byte) (i - 1), 'e', 'q', (byte) i, '0'});
        }
        out.writeBytes(new byte[] {'h', (byte) levels, '.'});
        return out.toByteArray();
    }

    /** A torch.save-style zip whose data.pkl is {@code pickle}. */
    static byte[] torchZip(byte[] pickle) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.write("3\n".getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A noisy {@code w x h} JPEG (noise keeps the entropy-coded data long, so a cut lands inside it). */
    static byte[] noiseJpeg(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** {@code zip}'s bytes with 64 bytes inverted in the middle of its largest entry's stored content. */
    static byte[] corruptLargestEntry(Path zip) throws IOException {
        byte[] whole = Files.readAllBytes(zip);
        byte[] content;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry largest = z.stream().filter(e -> e.getMethod() == ZipEntry.STORED)
                .max(Comparator.comparingLong(ZipEntry::getSize)).orElseThrow();
            try (InputStream in = z.getInputStream(largest)) {
                content = in.readAllBytes();
            }
        }
        int at = indexOf(whole, content);
        if (at < 0 || content.length < 128) {
            throw new IllegalStateException("no stored entry of 128 bytes or more in " + zip);
        }
        byte[] broken = whole.clone();
        int middle = at + content.length / 2;
        for (int i = 0; i < 64; i++) {
            broken[middle + i] ^= (byte) 0xff;
        }
        return broken;
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    /** Where {@code needle} first stands in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
