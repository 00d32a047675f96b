package io.clstr.adapters.jackson.parcel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A test-local sealed family of events shaped like a real aggregate's: what the codec must store. */
public sealed interface ParcelEvent {

    /** Current version {@code parcel.registered.v3}; see {@link ParcelCatalog} for v1 and v2. */
    record ParcelRegistered(
            String parcelId, Address destination, List<Item> items, BigDecimal declaredValue, String currency,
            Instant registeredAt) implements ParcelEvent {

        public ParcelRegistered {
            Objects.requireNonNull(parcelId, "parcelId");
            items = List.copyOf(items);
        }

        /** Derived, so never stored. */
        public boolean isEmpty() {
            return items.isEmpty();
        }
    }

    /** Sequence numbers and weights that break doubles: they must stay exact longs. */
    record ParcelWeighed(long milligrams, long scaleSequence, Instant weighedAt) implements ParcelEvent {
    }

    /** Current version {@code parcel.dispatched.v2}; v1 called the carrier "courier" and had no service. */
    record ParcelDispatched(String carrier, Service service, LocalDate promisedFor, Duration handlingTime)
            implements ParcelEvent {
    }

    /** {@code note} is optional and stored as an explicit null when absent. */
    record ParcelDelivered(Signature signature, String note) implements ParcelEvent {
    }

    /** The stream says which parcel; there is nothing else to say. */
    record ParcelCancelled() implements ParcelEvent {
    }
}
