package io.clstr.adapters.nats.internal;

import java.util.Arrays;

/**
 * Writes the compact binary frames the adapters store (commits, snapshots): unsigned varints, fixed-width
 * numbers, length-prefixed byte arrays and strings. Strings are CESU-8 (UTF-16 units, each as 1 to 3 bytes),
 * which is lossless for every Java string, unpaired surrogates included.
 */
final class FrameWriter {

    private byte[] buffer;
    private int size;

    FrameWriter(int expectedSize) {
        buffer = new byte[Math.max(16, expectedSize)];
    }

    FrameWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    FrameWriter writeVarLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varints are unsigned, got " + value);
        }
        ensure(10);
        long rest = value;
        while (rest >= 0x80) {
            buffer[size++] = (byte) (rest | 0x80);
            rest >>>= 7;
        }
        buffer[size++] = (byte) rest;
        return this;
    }

    FrameWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    FrameWriter writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    FrameWriter writeBytes(byte[] bytes) {
        writeVarLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Bytes as they are, without a length. */
    FrameWriter writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    FrameWriter writeString(String text) {
        int length = text.length();
        int encodedLength = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            encodedLength += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        writeVarLong(encodedLength);
        ensure(encodedLength);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                buffer[size++] = (byte) c;
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | c >> 6);
                buffer[size++] = (byte) (0x80 | c & 0x3F);
            } else {
                buffer[size++] = (byte) (0xE0 | c >> 12);
                buffer[size++] = (byte) (0x80 | (c >> 6) & 0x3F);
                buffer[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return this;
    }

    byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
