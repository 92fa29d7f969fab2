package org.herd.cli;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as Herd's properties take one: {@code 5s}, {@code 500ms}, {@code 2m}, ISO-8601
 * {@code PT5S}; a bare number is milliseconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration d = DurationStyle.detectAndParse(value.trim());
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (5s, 500ms, 2m, PT5S)");
        }
    }
}
