package io.clstr.ports.out.keyvalue;

/** Receives the changes of a watch, one call at a time. */
public interface KeyValueListener {

    void onChange(KeyValueChange change);

    /** The watch has delivered every entry that existed when it started. Called once. */
    default void onInitialValuesDone() {
    }
}
