package org.herd.cli;

import java.util.List;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of options that stand for a property ({@code --rechecks} for
 * {@code herd.verify.rechecks}, named by the option's {@code descriptionKey}): the property's own
 * default, from its {@code @DefaultValue}, so that help shows it and no second copy exists. Such
 * an option reaches the application only when given: left out, the property's value comes from
 * the environment or the properties file, as for the application itself.
 */
public final class PropertyDefaults implements IDefaultValueProvider {

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option && !option.descriptionKey().isEmpty()
                && option.descriptionKey().startsWith("herd.")) {
            String property = option.descriptionKey();
            String prefix = property.substring(0, property.indexOf('.', "herd.".length()));
            return ConfigurationMetadata.load(List.of(prefix)).get(property)
                    .map(ConfigurationMetadata.Property::defaultValue).orElse(null);
        }
        return null;
    }
}
