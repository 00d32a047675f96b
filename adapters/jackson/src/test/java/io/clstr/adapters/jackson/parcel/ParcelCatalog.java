package io.clstr.adapters.jackson.parcel;

import io.clstr.adapters.jackson.parcel.ParcelCommand.CancelParcel;
import io.clstr.adapters.jackson.parcel.ParcelCommand.RegisterParcel;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelCancelled;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelDelivered;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelDispatched;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelRegistered;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelWeighed;
import io.clstr.ports.out.codec.TypeCatalog;
import java.util.List;

/** The stored names of the parcel families, with the upcasters of their old versions. */
public final class ParcelCatalog {

    private ParcelCatalog() {
    }

    public static TypeCatalog events() {
        return TypeCatalog.empty()
                .with("parcel.registered.v3", ParcelRegistered.class)
                .with("parcel.weighed.v1", ParcelWeighed.class)
                .with("parcel.dispatched.v2", ParcelDispatched.class)
                .with("parcel.delivered.v1", ParcelDelivered.class)
                .with("parcel.cancelled.v1", ParcelCancelled.class)
                // v1 -> v2: "value" was renamed "declaredValue"; the currency was added, and all v1 values were euros.
                .withUpcaster(new FieldsUpcaster("parcel.registered.v1", "parcel.registered.v2", fields -> {
                    fields.put("declaredValue", fields.remove("value"));
                    fields.put("currency", "EUR");
                    return fields;
                }))
                // v2 -> v3: the contents were added; older parcels have none on record.
                .withUpcaster(new FieldsUpcaster("parcel.registered.v2", "parcel.registered.v3", fields -> {
                    fields.put("items", List.of());
                    return fields;
                }))
                // v1 -> v2: "courier" was renamed "carrier"; the service was added, and v1 only had standard.
                .withUpcaster(new FieldsUpcaster("parcel.dispatched.v1", "parcel.dispatched.v2", fields -> {
                    fields.put("carrier", fields.remove("courier"));
                    fields.put("service", Service.STANDARD.name());
                    return fields;
                }));
    }

    public static TypeCatalog commands() {
        return TypeCatalog.empty()
                .with("parcel.register.v1", RegisterParcel.class)
                .with("parcel.cancel.v1", CancelParcel.class);
    }

    public static TypeCatalog all() {
        return events().merge(commands());
    }
}
