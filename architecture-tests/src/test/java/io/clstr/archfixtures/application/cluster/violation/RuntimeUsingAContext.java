package io.clstr.archfixtures.application.cluster.violation;

import io.clstr.archfixtures.application.parcel.violation.ParcelService;

/** Deliberate violation: the generic runtime importing a context that is not a sample. */
public final class RuntimeUsingAContext {
    public ParcelService parcels;
}
