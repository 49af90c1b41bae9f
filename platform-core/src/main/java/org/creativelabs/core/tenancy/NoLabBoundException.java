package org.creativelabs.core.tenancy;

/** Lab data was touched with no lab bound: a programming error that must never fall back to some lab. */
public class NoLabBoundException extends IllegalStateException {

    NoLabBoundException(String message) {
        super(message);
    }
}
