package org.herd.sidecar.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.herd.gazelle.catalogue.GazelleCatalogue;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.gazelle.catalogue.TableDef;
import org.herd.gazelle.source.CatalogueCoverage;
import org.herd.gazelle.source.SourceSchema;
import org.herd.gazelle.source.UnknownVariantException;
import org.herd.gazelle.source.VariantDetection;
import org.herd.gazelle.source.VariantDetector;
import org.herd.sidecar.config.SecretMasker;
import org.herd.sidecar.config.SidecarProperties;
import org.herd.sidecar.config.VariantSetting;

/**
 * What the sidecar found in the Gazelle database at start-up: which variant it runs and why, and
 * how its tables compare with Herd's catalogue. With {@code herd.sidecar.variant=AUTO} the variant
 * comes from here and start-up fails, naming the reason, when it cannot be told; a named variant
 * is used as given, and a detection that disagrees is reported, not obeyed.
 *
 * @param variant    the variant the sidecar runs with
 * @param setting    what the operator configured
 * @param detection  what the database showed, when it could be read and recognised
 * @param problem    why detection gave no answer (masked of secrets), when it did not
 * @param schema     the database's tables as the sidecar's user sees them, when they could be read
 */
public record SourceInspection(GazelleVariant variant, VariantSetting setting, VariantDetection detection,
        String problem, SourceSchema schema) {

    public SourceInspection {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(setting, "setting");
    }

    /** Reads the source's information_schema and settles the variant. */
    public static SourceInspection inspect(SidecarProperties properties, SecretMasker masker) {
        SourceSchema schema = null;
        String problem = null;
        try (Connection c = SourceJdbc.connect(properties)) {
            schema = SourceSchema.read(c, properties.source().database());
        } catch (SQLException e) {
            problem = "reading information_schema of " + where(properties) + " failed: " + masker.mask(e.getMessage());
        }
        return settle(properties, schema, problem);
    }

    /** Decides the variant from what was read; separate from the reading so that it is testable alone. */
    static SourceInspection settle(SidecarProperties properties, SourceSchema schema, String readProblem) {
        VariantSetting setting = properties.variant();
        VariantDetection detection = null;
        String problem = readProblem;
        if (schema != null) {
            try {
                detection = VariantDetector.detect(schema);
            } catch (UnknownVariantException e) {
                problem = e.getMessage();
            }
        }
        if (setting.fixed().isPresent()) {
            return new SourceInspection(setting.fixed().get(), setting, detection, problem, schema);
        }
        if (detection == null) {
            throw new IllegalStateException("herd.sidecar.variant is AUTO but the Gazelle variant of "
                    + where(properties) + " could not be detected: " + problem
                    + ". Set herd.sidecar.variant to WHATCD or OPS to name it.");
        }
        return new SourceInspection(detection.variant(), setting, detection, null, schema);
    }

    private static String where(SidecarProperties p) {
        return "database '" + p.source().database() + "' at " + p.source().host() + ":" + p.source().port();
    }

    /** Whether the report has something an operator should act on. */
    public boolean hasWarnings(Map<String, List<String>> captured) {
        return disagreement() || schema == null || !coverage(captured).complete();
    }

    private boolean disagreement() {
        return setting.fixed().isPresent() && (detection == null || detection.variant() != variant);
    }

    private CatalogueCoverage coverage(Map<String, List<String>> captured) {
        return CatalogueCoverage.of(GazelleCatalogue.of(variant), captured, schema);
    }

    /**
     * The start-up report: the variant and why, the tables replicated, the tables the catalogue
     * knows but nothing maps yet, the tables the catalogue does not know (left out), and what the
     * captured tables lack.
     *
     * @param captured the tables and columns the sidecar captures, as the translator lists them
     */
    public String report(SidecarProperties properties, Map<String, List<String>> captured) {
        StringBuilder b = new StringBuilder();
        b.append("Gazelle source ").append(where(properties)).append(": ").append(variant);
        if (setting == VariantSetting.AUTO) {
            b.append(", detected: ").append(detection.evidence());
        } else if (detection != null && detection.variant() == variant) {
            b.append(", as herd.sidecar.variant says; detection agrees: ").append(detection.evidence());
        } else if (detection != null) {
            b.append(", as herd.sidecar.variant says, although detection found ").append(detection.variant())
                    .append(": ").append(detection.evidence())
                    .append(". Rows this variant's mappings cannot read will be quarantined");
        } else {
            b.append(", as herd.sidecar.variant says; detection gave no answer: ").append(problem);
        }
        b.append("\n  replicated (").append(captured.size()).append(" tables): ")
                .append(list(captured.keySet().stream().sorted().toList()));
        if (schema == null) {
            b.append("\n  the database's tables could not be compared with the catalogue");
            return b.toString();
        }
        GazelleCatalogue catalogue = GazelleCatalogue.of(variant);
        List<String> unmapped = catalogue.replicatedTables().stream().map(TableDef::name)
                .filter(t -> !captured.containsKey(t) && schema.hasTable(t)).sorted().toList();
        if (!unmapped.isEmpty()) {
            b.append("\n  catalogued with public columns but not mapped yet, so not replicated (")
                    .append(unmapped.size()).append("): ").append(list(unmapped));
        }
        CatalogueCoverage coverage = coverage(captured);
        b.append("\n  unknown to Herd's catalogue, left out (").append(coverage.unknownTables().size())
                .append(", as far as user '").append(properties.source().user()).append("' can see): ")
                .append(coverage.unknownTables().isEmpty() ? "none" : list(coverage.unknownTables()));
        if (!coverage.missingTables().isEmpty()) {
            b.append("\n  MISSING replicated tables (absent, or not readable by the user): ")
                    .append(list(coverage.missingTables()));
        }
        if (!coverage.missingColumns().isEmpty()) {
            b.append("\n  MISSING replicated columns (absent, or not readable by the user): ")
                    .append(coverage.missingColumns().entrySet().stream()
                            .flatMap(e -> e.getValue().stream().map(c -> e.getKey() + "." + c))
                            .collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    /** Every name: what is left out is named, not summarised. */
    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
