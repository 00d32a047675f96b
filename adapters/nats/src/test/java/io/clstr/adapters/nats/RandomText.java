package io.clstr.adapters.nats;

import io.clstr.domain.kernel.Ids;
import java.util.Random;

/** Random strings for property-style tests, from a seeded {@link Random} so failures reproduce. */
public final class RandomText {

    private RandomText() {
    }

    /**
     * Any UTF-16 text of {@code min..max} units: ASCII, Latin-1, CJK, emoji (surrogate pairs) and now
     * and then a lone surrogate, weighted towards the characters encodings trip over.
     */
    public static String any(Random random, int min, int max) {
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        while (text.length() < length) {
            switch (random.nextInt(6)) {
                case 0:
                    text.append((char) (0x20 + random.nextInt(0x5F)));
                    break;
                case 1:
                    text.append(".*> =%/:_-".charAt(random.nextInt(10)));
                    break;
                case 2:
                    text.append((char) (0xA0 + random.nextInt(0x160)));
                    break;
                case 3:
                    text.append((char) (0x4E00 + random.nextInt(0x5000)));
                    break;
                case 4:
                    if (text.length() + 2 <= length) {
                        text.appendCodePoint(0x1F600 + random.nextInt(0x50));
                    }
                    break;
                default:
                    text.append((char) (random.nextBoolean() ? random.nextInt(0x20) : 0xD800 + random.nextInt(0x800)));
                    break;
            }
        }
        return text.toString();
    }

    /** Text of {@code min..max} characters drawn from {@code alphabet}. */
    public static String from(Random random, String alphabet, int min, int max) {
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** {@code text} without the characters ids refuse ({@link Ids}); may be blank, which ids refuse too. */
    public static String asId(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(Ids::allows).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** {@code text} without control characters (which keys refuse). */
    public static String withoutControls(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.chars().filter(c -> !Character.isISOControl((char) c)).forEach(c -> kept.append((char) c));
        return kept.toString();
    }
}
