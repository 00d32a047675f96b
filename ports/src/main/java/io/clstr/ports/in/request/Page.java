package io.clstr.ports.in.request;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the entries of this page
 * @param nextCursor pass it back to get the next page; {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
