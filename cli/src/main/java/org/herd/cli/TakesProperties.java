package org.herd.cli;

/**
 * A command that takes Spring-style property arguments ({@link PropertyArguments}) besides its
 * own options: the command line hands it every argument it does not know as an option, and its
 * help lists the main properties.
 */
public interface TakesProperties {

    PropertyArguments propertyArguments();
}
