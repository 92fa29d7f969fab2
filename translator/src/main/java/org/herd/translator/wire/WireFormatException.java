package org.herd.translator.wire;

/** A record that is not valid Herd wire format; the message says which part and why. */
public class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
