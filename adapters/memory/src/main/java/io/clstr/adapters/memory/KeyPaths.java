package io.clstr.adapters.memory;

/**
 * The key rules of the key-value port: one or more non-empty segments joined by {@code /}, no control
 * characters; a listing prefix is empty or whole segments ending in {@code /}.
 */
final class KeyPaths {

    private KeyPaths() {
    }

    static String requireKey(String key) {
        if (key == null || !isPath(key, 0, key.length())) {
            throw new IllegalArgumentException(
                    "a key is one or more non-empty segments joined by '/', without control characters: '"
                            + key + "'");
        }
        return key;
    }

    static String requirePrefix(String prefix) {
        if (prefix == null
                || !prefix.isEmpty() && !(prefix.endsWith("/") && isPath(prefix, 0, prefix.length() - 1))) {
            throw new IllegalArgumentException(
                    "a prefix is empty or whole key segments ending in '/': '" + prefix + "'");
        }
        return prefix;
    }

    private static boolean isPath(String text, int from, int to) {
        if (from == to) {
            return false;
        }
        char previous = '/';
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '/' && previous == '/') {
                return false;
            }
            previous = c;
        }
        return previous != '/';
    }
}
