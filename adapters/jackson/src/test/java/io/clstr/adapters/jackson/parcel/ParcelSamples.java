package io.clstr.adapters.jackson.parcel;

import io.clstr.adapters.jackson.parcel.ParcelCommand.CancelParcel;
import io.clstr.adapters.jackson.parcel.ParcelCommand.RegisterParcel;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelCancelled;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelDelivered;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelDispatched;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelRegistered;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelWeighed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One value per stored name of {@link ParcelCatalog}, matching {@code src/test/resources/golden/parcel.json}. For
 * an old name it is the value its golden entry upcasts to.
 */
public final class ParcelSamples {

    public static final Address DESTINATION =
            new Address("Zoë Ångström-Łukasiewicz 山田", "Straße des 17. Juni 🚚 \"Hof\"", "Köln", "50667", "DE");

    public static final ParcelRegistered REGISTERED = new ParcelRegistered(
            "P-2024-000042",
            DESTINATION,
            List.of(new Item("Tea \"Sencha\" 緑茶 — loose\nleaf", 3, new BigDecimal("12.50")),
                    new Item("Cup 🍵", 1, new BigDecimal("0.10"))),
            new BigDecimal("37.60"),
            "EUR",
            Instant.parse("2024-03-01T09:15:30.123456789Z"));

    /** 2^53 + 1 is the first long a double cannot hold. */
    public static final ParcelWeighed WEIGHED =
            new ParcelWeighed(9_007_199_254_740_993L, Long.MAX_VALUE, Instant.parse("2024-03-01T10:00:00Z"));

    public static final ParcelDispatched DISPATCHED = new ParcelDispatched(
            "DHL Express", Service.EXPRESS, LocalDate.of(2024, 2, 29), Duration.ofMinutes(90).plusMillis(250));

    public static final ParcelDelivered DELIVERED = new ParcelDelivered(
            new Signature("山田 太郎", OffsetDateTime.parse("2024-03-05T18:45:00+09:00")), null);

    /** Decimals with a negative scale and a tiny one: both are written in exponent form, exactly. */
    public static final RegisterParcel REGISTER = new RegisterParcel(
            "P-2024-000043",
            DESTINATION,
            List.of(new Item("Sticker", 1000, new BigDecimal("0.0000001"))),
            new BigDecimal("1E+3"),
            "JPY");

    public static final CancelParcel CANCEL = new CancelParcel("P-2024-000042", "customer changed their mind ✋");

    private ParcelSamples() {
    }

    public static Map<String, Object> byStoredName() {
        return Map.ofEntries(
                Map.entry("parcel.registered.v3", REGISTERED),
                Map.entry("parcel.registered.v2", new ParcelRegistered(
                        "P-2019-000007", DESTINATION, List.of(), new BigDecimal("99.90"), "CHF",
                        Instant.parse("2019-06-01T12:00:00Z"))),
                Map.entry("parcel.registered.v1", new ParcelRegistered(
                        "P-2017-000001", DESTINATION, List.of(), new BigDecimal("250.00"), "EUR",
                        Instant.parse("2017-01-02T08:30:00.5Z"))),
                Map.entry("parcel.weighed.v1", WEIGHED),
                Map.entry("parcel.dispatched.v2", DISPATCHED),
                Map.entry("parcel.dispatched.v1", new ParcelDispatched(
                        "La Poste", Service.STANDARD, LocalDate.of(2018, 12, 31), Duration.ofMinutes(20))),
                Map.entry("parcel.delivered.v1", DELIVERED),
                Map.entry("parcel.cancelled.v1", new ParcelCancelled()),
                Map.entry("parcel.register.v1", REGISTER),
                Map.entry("parcel.cancel.v1", CANCEL));
    }
}
