package io.clstr.ports.out.keyvalue;

/** A running watch. */
public interface KeyValueWatch extends AutoCloseable {

    @Override
    void close();
}
