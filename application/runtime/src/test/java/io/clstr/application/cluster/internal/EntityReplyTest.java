package io.clstr.application.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EntityReplyTest {

    @Test
    void a_rejection_crosses_the_wire_with_its_kind() {
        EntityReply.Rejected reply = new EntityReply.Rejected(3, true, Rejection.notFound("GONE", "no such thing"));

        assertThat(EntityReply.decode(reply.encode())).isEqualTo(reply);
    }

    @Test
    void a_rejection_from_a_node_of_the_previous_release_is_a_conflict() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeLong(3);
            out.writeBoolean(false);
            out.writeUTF("REFUSED");
            out.writeUTF("not now");
        }

        assertThat(EntityReply.decode(bytes.toByteArray()))
                .isEqualTo(new EntityReply.Rejected(3, false, new Rejection("REFUSED", "not now")));
    }
}
