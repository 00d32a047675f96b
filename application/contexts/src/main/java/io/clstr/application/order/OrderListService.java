package io.clstr.application.order;

import io.clstr.application.eventsourcing.ReadModelView;
import io.clstr.domain.order.OrderStatus;
import io.clstr.ports.in.order.ListOrdersQuery;
import io.clstr.ports.in.request.InvalidInputException;
import io.clstr.ports.in.request.Page;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Lists orders from the read model that {@link OrderProjection} keeps: newest first (by {@code placedAt}, then
 * by order id, both descending), filtered by status and customer, in pages behind an opaque cursor.
 *
 * <p>The cursor holds the sort key of the last order returned, so paging is stable: an order placed while a
 * client pages through sorts before the cursor and does not push the others along, and every order present
 * throughout is seen exactly once.
 *
 * <p>The documents are listed from a {@link ReadModelView}: a copy in memory, sorted newest first and kept
 * current by a watch on the read model, so a page reads no store and blocks no thread (an unfiltered page
 * costs a lookup plus the page; a filter skips the orders that do not match). Until the copy has loaded, a
 * listing is refused as unavailable rather than answered incompletely.
 *
 * <p><b>Limits.</b> Every node holds every order summary in memory: fine for the sample and for thousands of
 * orders, not for millions, and a rare filter walks many orders per page. A production read
 * model would keep the documents in a store with secondary indexes (a relational table indexed on
 * {@code (customer_id, placed_at, order_id)} and {@code (status, placed_at, order_id)}, or a search engine) and
 * page with a keyset query ({@code WHERE (placed_at, order_id) < (?, ?) ORDER BY placed_at DESC, order_id DESC
 * LIMIT n}), written by the same idempotent projection.
 */
public final class OrderListService implements ListOrdersQuery, AutoCloseable {

    private static final String CURSOR_VERSION = "v1";

    /** Listing order: newest first, ties by descending order id. */
    private static final Comparator<SortKey> NEWEST_FIRST = Comparator
            .comparing(SortKey::placedAt).thenComparing(SortKey::orderId).reversed();

    private final ReadModelView<SortKey, OrderSummaryDocument> summaries;

    /**
     * Starts following the read model; {@link #close} stops it.
     *
     * @param codec its catalog must hold {@link OrderReadModelTypes}
     */
    public OrderListService(KeyValueStore store, Codec codec) {
        this.summaries = OrderProjection.readModel(store, codec).view(SortKey::of, NEWEST_FIRST);
    }

    /**
     * @param filter a status ({@code PLACED}, {@code CONFIRMED}, {@code CANCELLED}, {@code SHIPPED}, any case)
     *     and/or a customer id
     * @param pageSize 1 to {@link #MAX_PAGE_SIZE}
     * @param cursor {@code null} for the first page, else the {@code nextCursor} of the previous page
     * @throws IllegalArgumentException for a page size out of range, an unknown status or a blank customer id
     * @throws InvalidInputException for a cursor this service did not issue
     * @throws ServiceUnavailableException while the orders are still loading
     */
    @Override
    public Page<OrderSummary> listOrders(OrderFilter filter, int pageSize, String cursor) {
        Objects.requireNonNull(filter, "filter");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        OrderStatus status = filter.status().map(OrderListService::parseStatus).orElse(null);
        String customerId = filter.customerId().orElse(null);
        if (customerId != null && customerId.isBlank()) {
            throw new IllegalArgumentException("customer id filter must not be blank");
        }
        SortKey after = cursor == null ? null : decodeCursor(cursor);
        if (!summaries.loaded()) {
            throw new ServiceUnavailableException("the order list is still loading; retry shortly");
        }

        // The first pageSize + 1 matches after the cursor; the extra one tells whether another page follows.
        List<OrderSummaryDocument> matches = new ArrayList<>(pageSize + 1);
        for (OrderSummaryDocument document : summaries.after(after)) {
            if ((status == null || document.status() == status)
                    && (customerId == null || document.customerId().equals(customerId))) {
                matches.add(document);
                if (matches.size() > pageSize) {
                    break;
                }
            }
        }
        boolean more = matches.size() > pageSize;
        List<OrderSummaryDocument> page = more ? matches.subList(0, pageSize) : matches;
        String nextCursor = more ? encodeCursor(SortKey.of(page.get(page.size() - 1))) : null;
        return new Page<>(page.stream().map(OrderSummaryDocument::toSummary).toList(), nextCursor);
    }

    /** Stops following the read model. */
    @Override
    public void close() {
        summaries.close();
    }

    private static OrderStatus parseStatus(String status) {
        String normalized = status.trim().toUpperCase(Locale.ROOT);
        for (OrderStatus candidate : OrderStatus.values()) {
            if (candidate != OrderStatus.NEW && candidate.name().equals(normalized)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown order status '" + status
                + "'; expected one of PLACED, CONFIRMED, CANCELLED, SHIPPED");
    }

    private static String encodeCursor(SortKey key) {
        String plain = CURSOR_VERSION + "\n" + key.placedAt().getEpochSecond() + "\n" + key.placedAt().getNano() + "\n"
                + key.orderId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static SortKey decodeCursor(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\n", 4);
            if (parts.length != 4 || !parts[0].equals(CURSOR_VERSION) || parts[3].isEmpty()) {
                throw new IllegalArgumentException("unexpected layout");
            }
            return new SortKey(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new InvalidInputException("cursor", "must be the nextCursor of the previous page (or absent for the"
                    + " first page)");
        }
    }

    /** Where an order sorts in the listing. */
    private record SortKey(Instant placedAt, String orderId) {
        static SortKey of(OrderSummaryDocument document) {
            return new SortKey(document.placedAt(), document.orderId());
        }
    }
}
