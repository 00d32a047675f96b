package io.clstr.archfixtures.application.parcel.violation;

/** A class of a context other than the samples, used by the violation above. */
public final class ParcelService {
}
