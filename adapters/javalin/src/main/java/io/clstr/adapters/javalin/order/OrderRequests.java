package io.clstr.adapters.javalin.order;

import io.clstr.adapters.javalin.internal.FieldErrors;
import io.clstr.domain.order.Money;
import io.clstr.ports.in.order.NewOrderLine;
import io.clstr.ports.in.order.PlaceOrderUseCase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The order API's request documents. Jackson binds them strictly; {@code validated()} then checks the values and
 * converts them into what the ports take, or ends the request with every invalid field. Numbers are boxed so that a
 * missing field is told apart from zero.
 */
public final class OrderRequests {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final int MAX_DECIMAL_LENGTH = 24;
    private static final int MAX_PRICE_INTEGER_DIGITS = 15;

    private OrderRequests() {
    }

    /** {@code POST /orders}. */
    public record PlaceOrder(String customerId, String currency, List<OrderLine> lines) {

        Placement validated() {
            FieldErrors errors = new FieldErrors();
            String customer = errors.id("customerId", customerId);
            String code = OrderRequests.currency(errors, "currency", currency);
            List<NewOrderLine> newLines = new ArrayList<>();
            if (lines != null && lines.size() > PlaceOrderUseCase.MAX_LINES) {
                // Refused whole: checking each of thousands of lines would cost far more than sending them.
                errors.add("lines", "must have at most " + PlaceOrderUseCase.MAX_LINES + " lines");
            } else if (errors.required("lines", lines) != null) {
                for (int i = 0; i < lines.size(); i++) {
                    OrderLine line = lines.get(i);
                    String path = "lines[" + i + "]";
                    NewOrderLine valid = errors.required(path, line) == null ? null
                            : line.toNewOrderLine(errors, path + ".", code);
                    if (valid != null) {
                        newLines.add(valid);
                    }
                }
            }
            errors.throwIfAny();
            return new Placement(customer, code, List.copyOf(newLines));
        }
    }

    /** A valid {@link PlaceOrder}. */
    public record Placement(String customerId, String currency, List<NewOrderLine> lines) {
    }

    /** A line to put on an order ({@code POST /orders/{id}/lines}, and each of {@link PlaceOrder#lines()}). */
    public record OrderLine(String lineId, String sku, Integer quantity, String unitPrice) {

        /** A line to add: the order's currency is not known here, so the use case checks the price's places. */
        NewOrderLine validated() {
            FieldErrors errors = new FieldErrors();
            NewOrderLine line = toNewOrderLine(errors, "", null);
            errors.throwIfAny();
            return line;
        }

        /**
         * @param currency the order's, to check the price's decimal places against; {@code null} when unknown
         * @return the line, or {@code null} after recording its errors under {@code prefix}
         */
        NewOrderLine toNewOrderLine(FieldErrors errors, String prefix, String currency) {
            String id = errors.optionalId(prefix + "lineId", lineId);
            String validSku = errors.id(prefix + "sku", sku);
            Integer validQuantity = errors.positiveAtMost(prefix + "quantity", quantity, PlaceOrderUseCase.MAX_QUANTITY);
            BigDecimal price = OrderRequests.price(errors, prefix + "unitPrice", unitPrice, currency);
            boolean valid = (lineId == null || id != null) && validSku != null && validQuantity != null
                    && price != null;
            return valid ? new NewOrderLine(id, validSku, validQuantity, price) : null;
        }
    }

    /** {@code PATCH /orders/{id}/lines/{lineId}}. */
    public record QuantityChange(Integer quantity) {

        int validated() {
            return FieldErrors.validate(
                    errors -> errors.positiveAtMost("quantity", quantity, PlaceOrderUseCase.MAX_QUANTITY));
        }
    }

    /** {@code POST /orders/{id}/cancel}. */
    public record Cancellation(String reason) {

        String validated() {
            return FieldErrors.validate(errors -> errors.text("reason", reason, FieldErrors.MAX_TEXT_LENGTH));
        }
    }

    /** {@code POST /orders/{id}/ship}. */
    public record Shipment(String trackingNumber) {

        String validated() {
            return FieldErrors.validate(errors -> errors.id("trackingNumber", trackingNumber));
        }
    }

    /** A currency money can be held in ({@link Money#decimals}): an ISO 4217 code with a fixed number of decimals. */
    static String currency(FieldErrors errors, String field, String value) {
        if (value == null) {
            errors.add(field, "is required");
            return null;
        }
        try {
            Money.decimals(value);
            return value;
        } catch (IllegalArgumentException unusable) {
            errors.add(field, "must be an ISO 4217 currency code with a fixed number of decimals, such as EUR");
            return null;
        }
    }

    /**
     * A price: a decimal string ({@code "9.99"}), not negative, with at most as many decimal places as the
     * currency has ({@link Money#decimals}: 2 for EUR, 0 for JPY, 3 for BHD; trailing zeros do not count, as in
     * {@link Money}). With a {@code null} currency (unknown here, or invalid) the places are not checked.
     */
    static BigDecimal price(FieldErrors errors, String field, String value, String currency) {
        if (value == null) {
            errors.add(field, "is required");
            return null;
        }
        if (value.length() > MAX_DECIMAL_LENGTH || !PLAIN_DECIMAL.matcher(value).matches()) {
            errors.add(field, "must be a decimal string such as \"9.99\"");
            return null;
        }
        BigDecimal price = new BigDecimal(value);
        if (price.signum() < 0 || value.startsWith("-")) {
            errors.add(field, "must not be negative");
            return null;
        }
        if (price.precision() - price.scale() > MAX_PRICE_INTEGER_DIGITS) {
            errors.add(field, "must have at most " + MAX_PRICE_INTEGER_DIGITS + " digits before the decimal point");
            return null;
        }
        if (currency != null) {
            int decimals = Money.decimals(currency);
            if (price.stripTrailingZeros().scale() > decimals) {
                errors.add(field, "must have at most " + decimals + " decimal places in " + currency);
                return null;
            }
        }
        return price;
    }
}
