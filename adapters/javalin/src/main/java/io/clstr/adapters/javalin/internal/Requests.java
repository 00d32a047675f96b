package io.clstr.adapters.javalin.internal;

import io.clstr.ports.in.order.NewOrderLine;
import io.clstr.ports.in.order.PlaceOrderUseCase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The request documents. Jackson binds them strictly (see {@link HttpJson}); {@code validated()} then checks
 * the values and converts them into what the ports take, or ends the request with every invalid field.
 * Numbers are boxed so that a missing field is told apart from zero.
 */
public final class Requests {

    private Requests() {
    }

    // region sample: tools/MakeItYours.java --without-samples deletes the order and counter requests.
    /** {@code POST /orders}. */
    public record PlaceOrder(String customerId, String currency, List<OrderLine> lines) {

        public Placement validated() {
            FieldErrors errors = new FieldErrors();
            String customer = errors.id("customerId", customerId);
            String code = errors.currency("currency", currency);
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
        public NewOrderLine validated() {
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
            BigDecimal price = errors.price(prefix + "unitPrice", unitPrice, currency);
            boolean valid = (lineId == null || id != null) && validSku != null && validQuantity != null
                    && price != null;
            return valid ? new NewOrderLine(id, validSku, validQuantity, price) : null;
        }
    }

    /** {@code PATCH /orders/{id}/lines/{lineId}}. */
    public record QuantityChange(Integer quantity) {

        public int validated() {
            FieldErrors errors = new FieldErrors();
            Integer valid = errors.positiveAtMost("quantity", quantity, PlaceOrderUseCase.MAX_QUANTITY);
            errors.throwIfAny();
            return valid;
        }
    }

    /** {@code POST /orders/{id}/cancel}. */
    public record Cancellation(String reason) {

        public String validated() {
            FieldErrors errors = new FieldErrors();
            String valid = errors.text("reason", reason, FieldErrors.MAX_TEXT_LENGTH);
            errors.throwIfAny();
            return valid;
        }
    }

    /** {@code POST /orders/{id}/ship}. */
    public record Shipment(String trackingNumber) {

        public String validated() {
            FieldErrors errors = new FieldErrors();
            String valid = errors.id("trackingNumber", trackingNumber);
            errors.throwIfAny();
            return valid;
        }
    }

    /** {@code POST /counters/{id}/increment}; the amount defaults to 1. */
    public record Increment(Long amount) {

        static final long DEFAULT_AMOUNT = 1;

        public long validated() {
            if (amount == null) {
                return DEFAULT_AMOUNT;
            }
            FieldErrors errors = new FieldErrors();
            Long valid = errors.positive("amount", amount);
            errors.throwIfAny();
            return valid;
        }
    }
    // endregion sample
}
