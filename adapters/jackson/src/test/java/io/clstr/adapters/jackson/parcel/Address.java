package io.clstr.adapters.jackson.parcel;

import java.util.Objects;

/** Where a parcel goes. */
public record Address(String recipient, String street, String city, String postcode, String country) {

    public Address {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(country, "country");
    }
}
