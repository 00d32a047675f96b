package io.clstr.application.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link WireWriter} (or a {@link java.io.DataOutputStream}) wrote, from one array. Fails with
 * {@link IllegalArgumentException} on a frame that ends early or has a length prefix beyond its end, so a
 * corrupt or hostile prefix never allocates more than the frame's own size.
 */
final class WireReader {

    private final byte[] frame;
    private int position;

    WireReader(byte[] frame) {
        this.frame = frame;
    }

    byte readByte() {
        require(1);
        return frame[position++];
    }

    boolean readBoolean() {
        return readByte() != 0;
    }

    long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | frame[position++] & 0xFF;
        }
        return value;
    }

    /** An {@code int} length, then the bytes. */
    byte[] readBytes() {
        require(4);
        int length = 0;
        for (int i = 0; i < 4; i++) {
            length = length << 8 | frame[position++] & 0xFF;
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative length prefix " + length);
        }
        require(length);
        byte[] bytes = new byte[length];
        System.arraycopy(frame, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    /** As {@link DataInputStream#readUTF}. */
    String readUtf() {
        require(2);
        int start = position;
        int length = (frame[position++] & 0xFF) << 8 | frame[position++] & 0xFF;
        require(length);
        for (int i = position; i < position + length; i++) {
            if (frame[i] <= 0) {
                return readNonAscii(start, length);
            }
        }
        String text = new String(frame, position, length, StandardCharsets.ISO_8859_1);
        position += length;
        return text;
    }

    boolean hasMore() {
        return position < frame.length;
    }

    private String readNonAscii(int start, int length) {
        try {
            String text = new DataInputStream(new ByteArrayInputStream(frame, start, 2 + length)).readUTF();
            position = start + 2 + length;
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed string", e);
        }
    }

    private void require(int bytes) {
        if (bytes > frame.length - position) {
            throw new IllegalArgumentException("frame ends " + (bytes - (frame.length - position))
                    + " bytes early");
        }
    }
}
