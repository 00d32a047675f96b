final class Widget {

    private int turns;

    // tag::turn[]
    void turn() {
        turns++;
    }
    // end::turn[]

    record Knob(int size) {
    }
}
