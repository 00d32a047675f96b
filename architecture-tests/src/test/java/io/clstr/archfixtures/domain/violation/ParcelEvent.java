package io.clstr.archfixtures.domain.violation;

/** Deliberate violation: an event family whose member is a mutable class with a redundant suffix. */
public sealed interface ParcelEvent permits ParcelEvent.ParcelShippedEvent {

    final class ParcelShippedEvent implements ParcelEvent {
        public String carrier;
    }
}
