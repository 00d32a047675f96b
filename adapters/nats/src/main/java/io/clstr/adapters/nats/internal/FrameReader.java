package io.clstr.adapters.nats.internal;

import java.util.Arrays;

/** Reads what {@link FrameWriter} wrote; fails with {@link MalformedFrameException} on truncated or bad input. */
final class FrameReader {

    private final byte[] buffer;
    private int position;

    FrameReader(byte[] buffer) {
        this.buffer = buffer;
    }

    int readByte() {
        require(1);
        return buffer[position++] & 0xFF;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedFrameException("varint longer than 64 bits");
    }

    /** A length prefix, checked against the bytes that are there before anything is allocated for it. */
    int readLength() {
        long length = readVarLong();
        if (length < 0 || length > remaining()) {
            throw new MalformedFrameException("length " + Long.toUnsignedString(length) + " beyond the end of the frame");
        }
        return (int) length;
    }

    /**
     * A count of items that take at least {@code minBytesEach} bytes each, checked against the bytes that are
     * there: a corrupt or hostile count fails here instead of sizing a collection for billions of items.
     */
    int readCount(int minBytesEach) {
        long count = readVarLong();
        if (count < 0 || count > remaining() / minBytesEach) {
            throw new MalformedFrameException("count " + Long.toUnsignedString(count) + " does not fit in the "
                    + remaining() + " bytes left");
        }
        return (int) count;
    }

    long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (buffer[position++] & 0xFF);
        }
        return value;
    }

    int readInt() {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = value << 8 | (buffer[position++] & 0xFF);
        }
        return value;
    }

    byte[] readBytes() {
        int length = readLength();
        byte[] bytes = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return bytes;
    }

    String readString() {
        int length = readLength();
        int end = position + length;
        char[] chars = new char[length];
        int count = 0;
        while (position < end) {
            int b = buffer[position++] & 0xFF;
            if (b < 0x80) {
                chars[count++] = (char) b;
            } else if ((b & 0xE0) == 0xC0) {
                chars[count++] = (char) ((b & 0x1F) << 6 | continuation(end));
            } else if ((b & 0xF0) == 0xE0) {
                int middle = continuation(end);
                chars[count++] = (char) ((b & 0x0F) << 12 | middle << 6 | continuation(end));
            } else {
                throw new MalformedFrameException("bad string byte " + b);
            }
        }
        return new String(chars, 0, count);
    }

    boolean atEnd() {
        return position == buffer.length;
    }

    private int remaining() {
        return buffer.length - position;
    }

    private int continuation(int end) {
        if (position >= end) {
            throw new MalformedFrameException("string ends inside a character");
        }
        int b = buffer[position++] & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw new MalformedFrameException("bad continuation byte " + b);
        }
        return b & 0x3F;
    }

    private void require(int bytes) {
        if (bytes > remaining()) {
            throw new MalformedFrameException("frame ends early");
        }
    }
}
