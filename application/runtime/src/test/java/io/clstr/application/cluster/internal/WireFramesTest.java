package io.clstr.application.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frames keep the layout of {@link DataOutputStream}, so nodes of earlier releases still understand them. */
class WireFramesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "counter/load-7", "cafe\u0301", "caf\u00e9", "nul\u0000byte", "\u20ac 5", "\ud83d\ude00",
            "lone \ud83d surrogate"})
    void strings_are_written_as_data_output_writes_them_and_read_back(String text) throws IOException {
        byte[] written = new WireWriter(4).writeUtf(text).writeLong(-2).toByteArray();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeUTF(text);
            out.writeLong(-2);
        }
        assertThat(written).isEqualTo(expected.toByteArray());
        WireReader in = new WireReader(written);
        assertThat(in.readUtf()).isEqualTo(text);
        assertThat(in.readLong()).isEqualTo(-2);
        assertThat(in.hasMore()).isFalse();
    }

    @Test
    void a_request_reads_back_as_written_whatever_its_ids_hold() {
        EntityRequest request = new EntityRequest(EntityRequest.EXECUTE, "order", "kunde-\u00fc\u00df", "cmd-\ud83d\ude00",
                Long.MAX_VALUE, 1_500, "order.place", new byte[] {1, 2, 3}, Long.MIN_VALUE);

        EntityRequest read = EntityRequest.decode(request.encode());

        assertThat(read).usingRecursiveComparison().isEqualTo(request);
    }

    @Test
    void a_string_longer_than_the_format_allows_is_refused_when_written() {
        String tooLong = "x".repeat(70_000);

        assertThatThrownBy(() -> new WireWriter(16).writeUtf(tooLong)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void a_truncated_frame_or_a_length_beyond_its_end_is_malformed_not_a_huge_allocation() {
        byte[] reply = new EntityReply.Accepted(4, false, "counter.state", new byte[100]).encode();

        for (int cut = 0; cut < reply.length; cut++) {
            byte[] truncated = Arrays.copyOf(reply, cut);
            assertThatThrownBy(() -> EntityReply.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] hostile = new WireWriter(16).writeByte(4).writeLong(1).writeUtf("t").toByteArray();
        byte[] withHugeLength = Arrays.copyOf(hostile, hostile.length + 4);
        withHugeLength[hostile.length] = 0x7F;
        assertThatThrownBy(() -> EntityReply.decode(withHugeLength)).isInstanceOf(IllegalArgumentException.class);
    }
}
