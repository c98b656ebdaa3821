package org.ambidex.data.interhand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.JointOrder;

/**
 * InterHand2.6M's {@code skeleton.txt} (SEED_SPEC A.6): 42 lines {@code name index parent}, {@code #} lines
 * skipped. The reader works in this order, so a file that names another skeleton is refused.
 *
 * @param names joint names by index ({@code r_thumb4} ... {@code l_wrist})
 * @param parents parent index by joint index, -1 for the wrists
 */
public record Skeleton(List<String> names, int[] parents) {

    public Skeleton {
        names = List.copyOf(names);
        parents = parents.clone();
    }

    @Override
    public int[] parents() {
        return parents.clone();
    }

    /** The standard 42-joint skeleton: per hand, fingers thumb..pinky tip first, then the wrist. */
    public static Skeleton standard() {
        List<String> names = new ArrayList<>(42);
        int[] parents = new int[42];
        for (int j = 0; j < 42; j++) {
            names.add(JointOrder.interHand42Name(j));
            // Per hand block: four joints per finger, tip first, each the child of the next; bases hang off the wrist.
            int base = j / 21 * 21;
            int k = j - base;
            parents[j] = k == 20 ? -1 : k % 4 < 3 ? j + 1 : base + 20;
        }
        return new Skeleton(names, parents);
    }

    /** The file's lines as {@code skeleton.txt} writes them. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < names.size(); j++) {
            s.append(names.get(j)).append(' ').append(j).append(' ').append(parents[j]).append('\n');
        }
        return s.toString();
    }

    /** Reads {@code file} and checks it is the standard 42-joint InterHand2.6M skeleton. */
    public static Skeleton read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no skeleton file here; expected annotations/skeleton.txt of an "
                + "InterHand2.6M-format dataset", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the skeleton file (" + e.getMessage() + ")", e);
        }
        String[] names = new String[42];
        int[] parents = new int[42];
        int count = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            int index;
            int parent;
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException();
                }
                index = Integer.parseInt(parts[1]);
                parent = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                throw new BadInputException(file, "line " + (n + 1) + " is \"" + line
                    + "\"; expected \"name index parent\" (for example \"r_thumb4 0 1\")");
            }
            if (index < 0 || index >= 42 || names[index] != null) {
                throw new BadInputException(file, "line " + (n + 1) + ": joint index " + index
                    + " is out of 0..41 or repeated");
            }
            names[index] = parts[0];
            parents[index] = parent;
            count++;
        }
        Skeleton standard = standard();
        if (count != 42 || !Arrays.asList(names).equals(standard.names) || !Arrays.equals(parents, standard.parents)) {
            throw new BadInputException(file, "not the 42-joint InterHand2.6M skeleton (expected r_thumb4 0 1 ... "
                + "r_wrist 20 -1, l_thumb4 21 22 ... l_wrist 41 -1)");
        }
        return standard;
    }
}
