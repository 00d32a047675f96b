package io.clstr.application.cluster.internal;

import java.io.DataInputStream;
import java.io.IOException;

/** Reading the length-prefixed parts of the cluster's wire frames. */
final class Frames {

    private Frames() {
    }

    /**
     * Reads a length-prefixed byte array from a frame held in memory, refusing a length beyond the bytes left, so
     * a corrupt or hostile prefix never allocates more than the frame's own size.
     */
    static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IllegalArgumentException("length prefix " + length + " exceeds the frame");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return data;
    }
}
