package org.herd.gazelle.catalogue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Gazelle table as Herd knows it: every column with its privacy class and the primary key.
 * A table is replicated when at least one of its columns is public.
 *
 * @param name       table name exactly as in Gazelle's DDL
 * @param primaryKey primary key columns; empty for the tables Gazelle left without one
 * @param columns    every column of the table, in DDL order
 * @param note       what the table holds
 */
public record TableDef(String name, List<String> primaryKey, List<ColumnDef> columns, String note) {

    public TableDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(note, "note");
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        Set<String> names = new LinkedHashSet<>();
        for (ColumnDef c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("table " + name + " lists column " + c.name() + " twice");
            }
        }
        for (String k : primaryKey) {
            ColumnDef c = columns.stream().filter(col -> col.name().equals(k)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "table " + name + ": primary key column " + k + " is not listed"));
            if (c.isFreeText()) {
                // Scrubbing rewrites free text; a key rewritten would name another row.
                throw new IllegalArgumentException("table " + name + ": key column " + k + " cannot be free text");
            }
            if (primaryKey.size() > 0 && !c.isPublic() && columns.stream().anyMatch(ColumnDef::isPublic)) {
                throw new IllegalArgumentException("table " + name + " is replicated but its key column " + k
                        + " is not public");
            }
        }
    }

    public boolean isReplicated() {
        return columns.stream().anyMatch(ColumnDef::isPublic);
    }

    public Optional<ColumnDef> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The columns that may leave the origin, in DDL order. */
    public List<String> publicColumns() {
        return columns.stream().filter(ColumnDef::isPublic).map(ColumnDef::name).toList();
    }

    /** The columns of the given classes, in DDL order. */
    public List<String> columnsOf(Set<Privacy> classes) {
        return columns.stream().filter(c -> classes.contains(c.privacy())).map(ColumnDef::name).toList();
    }

    /** The public columns of free text, which the translator scrubs, in DDL order. */
    public List<ColumnDef> freeTextColumns() {
        return columns.stream().filter(ColumnDef::isFreeText).toList();
    }

    public List<ColumnDef> privateColumns() {
        return columns.stream().filter(c -> c.privacy() == Privacy.PRIVATE).toList();
    }

    public boolean isPublic(String columnName) {
        return column(columnName).map(ColumnDef::isPublic).orElse(false);
    }
}
