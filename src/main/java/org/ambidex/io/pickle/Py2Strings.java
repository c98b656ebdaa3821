package org.ambidex.io.pickle;

import java.nio.charset.StandardCharsets;

/** Decoding of the text arguments of protocol 0: quoted Python 2 strings and raw-unicode-escape text. */
final class Py2Strings {

    private Py2Strings() {
    }

    /**
     * The {@code STRING} opcode's argument: a Python string literal in single or double quotes with backslash
     * escapes, giving bytes, returned as a Latin-1 string.
     */
    static String unquote(byte[] line) {
        int n = line.length;
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ')) {
            n--;
        }
        if (n < 2 || line[0] != line[n - 1] || (line[0] != '\'' && line[0] != '"')) {
            throw new PickleException("STRING argument is not a quoted string");
        }
        StringBuilder out = new StringBuilder(n);
        for (int i = 1; i < n - 1; i++) {
            char c = (char) (line[i] & 0xff);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= n - 1) {
                throw new PickleException("STRING argument ends with a lone backslash");
            }
            char e = (char) (line[i] & 0xff);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '\'', '"' -> out.append(e);
                case 'x' -> {
                    if (i + 2 >= n - 1) {
                        throw new PickleException("STRING argument has a short \\x escape");
                    }
                    out.append((char) hex(line, i + 1, 2));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = 0;
                        int k = 0;
                        while (k < 3 && i < n - 1 && line[i] >= '0' && line[i] <= '7') {
                            value = value * 8 + (line[i] - '0');
                            i++;
                            k++;
                        }
                        i--;
                        out.append((char) (value & 0xff));
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The {@code UNICODE} opcode's argument: Latin-1 bytes with {@code \\uXXXX} and {@code \\UXXXXXXXX} escapes. */
    static String rawUnicodeEscape(byte[] line) {
        StringBuilder out = new StringBuilder(line.length);
        for (int i = 0; i < line.length; i++) {
            char c = (char) (line[i] & 0xff);
            if (c == '\\' && i + 1 < line.length && (line[i + 1] == 'u' || line[i + 1] == 'U')) {
                int digits = line[i + 1] == 'u' ? 4 : 8;
                if (i + 2 + digits > line.length) {
                    throw new PickleException("UNICODE argument has a short escape");
                }
                int code = hex(line, i + 2, digits);
                if (!Character.isValidCodePoint(code)) {
                    throw new PickleException("UNICODE argument has an invalid code point");
                }
                out.appendCodePoint(code);
                i += 1 + digits;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(byte[] line, int from, int digits) {
        String text = new String(line, from, digits, StandardCharsets.US_ASCII);
        try {
            return (int) Long.parseLong(text, 16);
        } catch (NumberFormatException e) {
            throw new PickleException("'" + text + "' is not a hexadecimal escape");
        }
    }
}
