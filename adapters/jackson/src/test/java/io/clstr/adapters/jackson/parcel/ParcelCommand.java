package io.clstr.adapters.jackson.parcel;

import java.math.BigDecimal;
import java.util.List;

/** A second test-local sealed family: commands travel between nodes through the same codec. */
public sealed interface ParcelCommand {

    record RegisterParcel(String parcelId, Address destination, List<Item> items, BigDecimal declaredValue,
                          String currency) implements ParcelCommand {

        public RegisterParcel {
            items = List.copyOf(items);
        }
    }

    record CancelParcel(String parcelId, String reason) implements ParcelCommand {
    }
}
