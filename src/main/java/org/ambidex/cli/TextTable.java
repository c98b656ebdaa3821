package org.ambidex.cli;

import java.io.PrintWriter;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, numbers right-aligned, no trailing blanks. */
final class TextTable {

    private TextTable() {
    }

    /**
     * Prints {@code rows} (the first is the header); columns from {@code firstRightAligned} on are right-aligned.
     */
    static void print(PrintWriter out, List<String[]> rows, int firstRightAligned) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(width[c] - row[c].length());
                line.append(c == 0 ? "" : "  ").append(c >= firstRightAligned ? pad + row[c] : row[c] + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
