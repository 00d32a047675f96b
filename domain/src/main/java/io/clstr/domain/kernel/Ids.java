package io.clstr.domain.kernel;

import java.util.Locale;

/**
 * The one rule for what an id may hold, wherever an id enters the system: entity ids (stream ids), ids inside
 * commands (customers, lines, products) and command ids. An id is text a person may read, compare and copy, so
 * it holds only characters that show: letters, marks, digits, punctuation, symbols and the plain space. Refused
 * are the invisible and the ambiguous: control characters (U+0000–U+001F, U+007F–U+009F), format characters
 * (U+200B zero-width space, U+202E right-to-left override, U+FEFF byte order mark, …), line and paragraph
 * separators (U+2028, U+2029), spaces other than U+0020 (U+00A0, U+3000, …), unpaired surrogates, private-use
 * and unassigned code points. Two ids that look alike are then far more likely to be alike, and no id can
 * reorder or hide text in a log line, a terminal or a page that shows it.
 *
 * <p>Lengths differ by kind of id and are checked by their owners.
 */
public final class Ids {

    private Ids() {
    }

    /** Why {@code id} cannot be an id (to follow "must"/"must not"), or {@code null} if it can. */
    public static String problemWith(String id) {
        for (int i = 0; i < id.length(); ) {
            char c = id.charAt(i);
            if (c > ' ' && c < 0x7F) {
                // Printable ASCII other than the space, the usual case: no table lookup.
                i++;
                continue;
            }
            int codePoint = id.codePointAt(i);
            if (!allows(codePoint)) {
                return "must not contain invisible, control or format characters (found " + codePointName(codePoint)
                        + ")";
            }
            i += Character.charCount(codePoint);
        }
        return id.isBlank() ? "must not be blank" : null;
    }

    /** {@code id}, if it is one; else an {@link IllegalArgumentException} naming {@code name}. */
    public static String require(String id, String name) {
        if (id == null) {
            throw new NullPointerException(name);
        }
        String problem = problemWith(id);
        if (problem != null) {
            throw new IllegalArgumentException(name + " " + problem);
        }
        return id;
    }

    /** {@code U+202E}. */
    private static String codePointName(int codePoint) {
        String hex = Integer.toHexString(codePoint).toUpperCase(Locale.ROOT);
        return "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
    }

    /** Whether an id may hold this code point (the rule of the class comment, one character at a time). */
    public static boolean allows(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
                return false;
            case Character.SPACE_SEPARATOR:
                return codePoint == ' ';
            default:
                return true;
        }
    }
}
