package io.clstr.ports.in.request;

import java.util.Objects;

/**
 * A use case refused one of its inputs, one that only it could judge: a cursor it did not issue, a price with
 * more decimals than the currency of the order it belongs to. Nothing happened. Callers check everything they
 * can before they call; this covers the rest.
 *
 * @see #input()
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final String problem;

    /**
     * @param input the input, named as the use case's parameters name it ({@code cursor},
     *     {@code lines[0].unitPrice}); the HTTP bodies and parameters mirror these names
     * @param problem what is wrong, written for the caller and following the name: "must be ..."
     */
    public InvalidInputException(String input, String problem) {
        super(Objects.requireNonNull(input, "input") + " " + Objects.requireNonNull(problem, "problem"));
        this.input = input;
        this.problem = problem;
    }

    public String input() {
        return input;
    }

    public String problem() {
        return problem;
    }
}
