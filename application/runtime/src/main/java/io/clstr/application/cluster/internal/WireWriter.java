package io.clstr.application.cluster.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Writes the cluster's wire frames in the layout they have always had, that of {@link DataOutputStream}:
 * big-endian numbers, byte arrays after an {@code int} length, strings as {@link DataOutputStream#writeUTF}
 * writes them. It writes straight into one array, because the stream's call per byte and its buffer per string
 * showed among the top costs of a routed command; ASCII strings, which ids and type names nearly always are,
 * take a copy loop.
 */
final class WireWriter {

    private byte[] buffer;
    private int size;

    WireWriter(int expectedSize) {
        buffer = new byte[Math.max(16, expectedSize)];
    }

    WireWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    WireWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    WireWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** An {@code int} length, then the bytes. */
    WireWriter writeBytes(byte[] bytes) {
        ensure(4 + bytes.length);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (bytes.length >>> shift);
        }
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** As {@link DataOutputStream#writeUTF}: an unsigned 16-bit length, then modified UTF-8. */
    WireWriter writeUtf(String text) {
        int length = text.length();
        if (length > 0xFFFF || !isPlainAscii(text)) {
            return writeNonAscii(text);
        }
        ensure(2 + length);
        buffer[size++] = (byte) (length >>> 8);
        buffer[size++] = (byte) length;
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /** Characters 1 to 127, the ones modified UTF-8 writes as one byte each (it writes 0 as two). */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private WireWriter writeNonAscii(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + text.length() * 3);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] encoded = bytes.toByteArray();
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buffer, size, encoded.length);
        size += encoded.length;
        return this;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
