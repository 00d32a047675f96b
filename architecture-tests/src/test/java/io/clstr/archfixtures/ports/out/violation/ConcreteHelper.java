package io.clstr.archfixtures.ports.out.violation;

/** Deliberate violation: behaviour living in the ports module. */
public class ConcreteHelper {
    public int twice(int value) {
        return value * 2;
    }
}
