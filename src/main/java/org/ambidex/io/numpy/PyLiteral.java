package org.ambidex.io.numpy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Python literals in a {@code .npy} header: dicts, tuples, lists, quoted strings, integers,
 * {@code True}, {@code False} and {@code None}. Nothing is evaluated.
 */
final class PyLiteral {

    /** A syntax error in the header. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private PyLiteral(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.at != text.length()) {
            throw new SyntaxError("unexpected text after the literal at character " + p.at);
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new SyntaxError("literal nested too deeply");
        }
        skipSpace();
        if (at >= text.length()) {
            throw new SyntaxError("the literal ends early");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> {
                at++;
                Map<Object, Object> map = new LinkedHashMap<>();
                while (!closing('}')) {
                    Object key = value(depth + 1);
                    expect(':');
                    map.put(key, value(depth + 1));
                    if (!comma('}')) {
                        break;
                    }
                }
                expect('}');
                return map;
            }
            case '(', '[' -> {
                at++;
                char close = c == '(' ? ')' : ']';
                List<Object> items = new ArrayList<>();
                while (!closing(close)) {
                    items.add(value(depth + 1));
                    if (!comma(close)) {
                        break;
                    }
                }
                expect(close);
                return List.copyOf(items);
            }
            case '\'', '"' -> {
                return string(c);
            }
            default -> {
                return word();
            }
        }
    }

    private String string(char quote) {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < text.length() && text.charAt(at) != quote) {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                c = text.charAt(at++);
            }
            out.append(c);
        }
        if (at >= text.length()) {
            throw new SyntaxError("unterminated string");
        }
        at++;
        return out.toString();
    }

    private Object word() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-'
            || text.charAt(at) == '_')) {
            at++;
        }
        String w = text.substring(start, at);
        switch (w) {
            case "True" -> {
                return Boolean.TRUE;
            }
            case "False" -> {
                return Boolean.FALSE;
            }
            case "None" -> {
                return null;
            }
            default -> {
                String digits = w.endsWith("L") ? w.substring(0, w.length() - 1) : w;
                try {
                    return Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    throw new SyntaxError("'" + (w.isEmpty() ? text.substring(start, Math.min(text.length(), start + 1)) : w)
                        + "' is not a literal ambidex reads");
                }
            }
        }
    }

    private boolean closing(char close) {
        skipSpace();
        return at < text.length() && text.charAt(at) == close;
    }

    /** Consumes a comma; false when the container closes instead. */
    private boolean comma(char close) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == ',') {
            at++;
            return true;
        }
        if (at < text.length() && text.charAt(at) == close) {
            return false;
        }
        throw new SyntaxError("expected ',' or '" + close + "' at character " + at);
    }

    private void expect(char c) {
        skipSpace();
        if (at >= text.length() || text.charAt(at) != c) {
            throw new SyntaxError("expected '" + c + "' at character " + at);
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
