package io.clstr.adapters.jackson.parcel;

/** How fast a parcel travels. */
public enum Service {
    STANDARD,
    EXPRESS
}
