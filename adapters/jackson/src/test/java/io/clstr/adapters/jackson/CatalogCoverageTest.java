package io.clstr.adapters.jackson;

import static io.clstr.domain.kernel.testing.SealedFamilies.leavesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.jackson.parcel.ParcelCatalog;
import io.clstr.adapters.jackson.parcel.ParcelCommand;
import io.clstr.adapters.jackson.parcel.ParcelEvent;
import org.junit.jupiter.api.Test;

/** A new member of a sealed family that nobody registered would fail at its first write in production. */
class CatalogCoverageTest {

    @Test
    void every_permitted_event_and_command_type_is_registered() {
        assertThat(ParcelCatalog.all().names().keySet())
                .containsAll(leavesOf(ParcelEvent.class))
                .containsAll(leavesOf(ParcelCommand.class));
    }

    @Test
    void the_event_catalog_registers_events_only() {
        assertThat(ParcelCatalog.events().names().keySet())
                .containsExactlyInAnyOrderElementsOf(leavesOf(ParcelEvent.class));
    }
}
