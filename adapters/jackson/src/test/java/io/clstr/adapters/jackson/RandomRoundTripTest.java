package io.clstr.adapters.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.jackson.parcel.Address;
import io.clstr.adapters.jackson.parcel.Item;
import io.clstr.adapters.jackson.parcel.ParcelCatalog;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelDelivered;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelRegistered;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelWeighed;
import io.clstr.adapters.jackson.parcel.Signature;
import io.clstr.ports.out.codec.Encoded;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every value of the parcel types comes back equal and encodes to the same bytes again: any text (all
 * planes, control characters, quotes, unpaired surrogates), any decimal scale, any instant, any long.
 * The values come from a fixed seed, so a failure names a value that fails on every run.
 */
class RandomRoundTripTest {

    private static final int VALUES = 1_000;

    private final JacksonCodec codec = new JacksonCodec(ParcelCatalog.all());
    private final Random random = new Random(20_240_301L);

    @Test
    void registered_parcels_round_trip() {
        for (int i = 0; i < VALUES; i++) {
            List<Item> items = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                items.add(new Item(text(), 1 + random.nextInt(Integer.MAX_VALUE), decimal()));
            }
            Address destination = new Address(text(), random.nextBoolean() ? null : text(), text(), text(), text());
            assertRoundTrip(new ParcelRegistered(text(), destination, items, decimal(), text(), instant()));
        }
    }

    @Test
    void weighings_round_trip_for_any_long() {
        long[] edges = {
            Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, (1L << 53) + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE
        };
        for (long edge : edges) {
            assertRoundTrip(new ParcelWeighed(edge, edge, instant()));
        }
        for (int i = 0; i < VALUES; i++) {
            assertRoundTrip(new ParcelWeighed(random.nextLong(), random.nextLong(), instant()));
        }
    }

    @Test
    void deliveries_round_trip_with_any_offset() {
        long first = LocalDateTime.MIN.plusDays(1).toEpochSecond(ZoneOffset.UTC);
        long last = LocalDateTime.MAX.minusDays(1).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < VALUES; i++) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(
                    random.nextInt(ZoneOffset.MIN.getTotalSeconds(), ZoneOffset.MAX.getTotalSeconds() + 1));
            Instant at = Instant.ofEpochSecond(random.nextLong(first, last), random.nextInt(1_000_000_000));
            assertRoundTrip(new ParcelDelivered(new Signature(text(), OffsetDateTime.ofInstant(at, offset)), null));
        }
    }

    private void assertRoundTrip(Object value) {
        Encoded encoded = codec.encode(value);

        Object decoded = codec.decode(encoded.type(), encoded.data());

        assertThat(decoded).as("decoded %s", value).isEqualTo(value);
        assertThat(codec.encode(decoded).data()).as("encoded again %s", value).isEqualTo(encoded.data());
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        int kind = random.nextInt(3);
        for (int n = random.nextInt(13); n > 0; n--) {
            if (kind == 0) {
                text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1)); // may be a lone surrogate
            } else if (kind == 1) {
                text.append((char) random.nextInt(0x80)); // ASCII, control characters and quotes included
            } else {
                text.append((char) random.nextInt(Character.MAX_VALUE + 1));
            }
        }
        return text.toString();
    }

    /** Up to about 40 digits, beyond a double's precision, with any scale from -30 to 60. */
    private BigDecimal decimal() {
        BigInteger unscaled = new BigInteger(random.nextInt(134), random);
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(-30, 61));
    }

    private Instant instant() {
        return Instant.ofEpochSecond(
                random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1),
                random.nextInt(1_000_000_000));
    }
}
