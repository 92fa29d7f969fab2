package org.herd.translator.wire;

/**
 * A record in a wire format this reader does not know: written by a newer sidecar, not garbage.
 * A reader that is upgraded later can read it.
 */
public class UnsupportedFormatException extends WireFormatException {

    public UnsupportedFormatException(String message) {
        super(message);
    }
}
