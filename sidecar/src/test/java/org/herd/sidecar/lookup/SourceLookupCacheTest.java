package org.herd.sidecar.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.herd.translator.RowChange;
import org.herd.translator.SourcePosition;
import org.junit.jupiter.api.Test;

/**
 * The lookup cache keeps rows as value arrays against their table's columns: what it answers must
 * be what a map per row answered, and the database is asked only for rows the cache does not hold.
 */
class SourceLookupCacheTest {

    private static final SourcePosition POS = new SourcePosition("mysql-bin.000001", 4, 0, 0, false, 0);
    private static final List<String> TOPIC_COLUMNS = List.of("ID", "ForumID", "Title", "IsLocked");
    private static final List<String> ARTIST_TAG_COLUMNS = List.of("TagID", "ArtistID", "PositiveVotes");

    /** The Gazelle database as the fake connection answers it, and how many SELECTs it ran. */
    private final Map<String, List<Map<String, Object>>> tables = new HashMap<>();
    private int selects;

    private SourceLookup lookup(int cacheRows) {
        tables.put("forums_topics", new ArrayList<>(List.of(
                row(TOPIC_COLUMNS, 1, 7, "What are you listening to?", "0"),
                row(TOPIC_COLUMNS, 2, 8, "Staff only", "1"))));
        tables.put("artists_tags", new ArrayList<>(List.of(row(ARTIST_TAG_COLUMNS, 3, 4, 12))));
        return new SourceLookup(this::connection,
                Map.of("forums_topics", TOPIC_COLUMNS, "artists_tags", ARTIST_TAG_COLUMNS),
                Map.of("forums_topics", List.of("ID"), "artists_tags", List.of("TagID", "ArtistID")), cacheRows);
    }

    @Test
    void aRowIsReadOnceAndAnsweredFromTheCacheWithEveryReadableColumn() {
        SourceLookup lookup = lookup(10);
        Map<String, Object> first = lookup.row("forums_topics", Map.of("ID", 1L)).orElseThrow();
        // JDBC hands out an Integer where the stream hands out a Long: the same row for the cache.
        Map<String, Object> again = lookup.row("forums_topics", Map.of("ID", 1)).orElseThrow();

        assertThat(selects).isEqualTo(1);
        assertThat(first).isEqualTo(again).isEqualTo(row(TOPIC_COLUMNS, 1, 7, "What are you listening to?", "0"));
        assertThat(again.keySet()).containsExactlyElementsOf(TOPIC_COLUMNS);
        assertThat(again.get("Title")).isEqualTo("What are you listening to?");
        assertThat(again.get("NotAColumn")).isNull();
        assertThat(again.containsKey("IsLocked")).isTrue();
        assertThat(again.containsKey("NotAColumn")).isFalse();
        assertThatThrownBy(() -> again.put("Title", "changed")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRowTheOriginLacksIsRememberedAsAbsent() {
        SourceLookup lookup = lookup(10);
        assertThat(lookup.row("forums_topics", Map.of("ID", 99L))).isEmpty();
        assertThat(lookup.row("forums_topics", Map.of("ID", 99L))).isEmpty();
        assertThat(selects).isEqualTo(1);
    }

    @Test
    void theCacheFollowsTheStreamForCompositeKeysTooAndKeepsNullValues() {
        SourceLookup lookup = lookup(10);
        lookup.row("artists_tags", Map.of("TagID", 3L, "ArtistID", 4L)).orElseThrow();
        Map<String, Object> changed = new LinkedHashMap<>(row(ARTIST_TAG_COLUMNS, 3, 4, 13));
        lookup.observe(RowChange.update("artists_tags", row(ARTIST_TAG_COLUMNS, 3, 4, 12), changed, POS));
        Map<String, Object> withNull = new LinkedHashMap<>(row(ARTIST_TAG_COLUMNS, 5, 4, 0));
        withNull.put("PositiveVotes", null);
        lookup.observe(RowChange.insert("artists_tags", withNull, POS));

        assertThat(lookup.row("artists_tags", Map.of("TagID", 3, "ArtistID", 4)).orElseThrow())
                .containsEntry("PositiveVotes", 13L);
        Map<String, Object> inserted = lookup.row("artists_tags", Map.of("TagID", 5L, "ArtistID", 4L)).orElseThrow();
        assertThat(inserted).containsEntry("PositiveVotes", null).hasSize(3);
        assertThat(selects).isEqualTo(1);
    }

    @Test
    void aDeletedRowKeepsItsLastValuesAndAnEvictedOneIsReadAgain() {
        SourceLookup lookup = lookup(1);
        lookup.row("forums_topics", Map.of("ID", 2L)).orElseThrow();
        tables.get("forums_topics").removeIf(r -> r.get("ID").equals(2L));
        lookup.observe(RowChange.delete("forums_topics", row(TOPIC_COLUMNS, 2, 8, "Staff only", "1"), POS));
        assertThat(lookup.row("forums_topics", Map.of("ID", 2L)).orElseThrow()).containsEntry("ForumID", 8L);
        assertThat(selects).isEqualTo(1);

        lookup.row("forums_topics", Map.of("ID", 1L)).orElseThrow(); // a bound of one row: 2 leaves
        assertThat(lookup.row("forums_topics", Map.of("ID", 2L))).isEmpty();
        assertThat(selects).isEqualTo(3);
    }

    @Test
    void aStreamedRowWithoutAColumnTheTranslatorReadsIsNotCached() {
        SourceLookup lookup = lookup(10);
        lookup.row("forums_topics", Map.of("ID", 1L)).orElseThrow();
        Map<String, Object> renamed = new LinkedHashMap<>(row(TOPIC_COLUMNS, 1, 9, "Moved", "0"));
        renamed.remove("IsLocked");
        lookup.observe(RowChange.update("forums_topics", row(TOPIC_COLUMNS, 1, 7, "x", "0"), renamed, POS));
        lookup.row("forums_topics", Map.of("ID", 1L)).orElseThrow();
        assertThat(selects).isEqualTo(2);
    }

    private static Map<String, Object> row(List<String> columns, Object... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Object v = values[i];
            row.put(columns.get(i), v instanceof Integer n ? (Object) n.longValue() : v);
        }
        return row;
    }

    /** A connection that answers SourceRows' SELECT by primary key from {@link #tables}. */
    private Connection connection() {
        return proxy(Connection.class, (method, args) -> switch (method) {
            case "prepareStatement" -> statement((String) args[0]);
            case "isClosed" -> false;
            default -> null;
        });
    }

    private PreparedStatement statement(String sql) {
        String table = sql.replaceAll("(?s).* FROM `([^`]+)`.*", "$1");
        List<String> where = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]+)` = \\?").matcher(sql);
        while (m.find()) {
            where.add(m.group(1));
        }
        Map<Integer, Object> parameters = new HashMap<>();
        return proxy(PreparedStatement.class, (method, args) -> switch (method) {
            case "setObject" -> {
                parameters.put((Integer) args[0], args[1]);
                yield null;
            }
            case "executeQuery" -> {
                selects++;
                List<Map<String, Object>> found = tables.get(table).stream().filter(r -> {
                    for (int i = 0; i < where.size(); i++) {
                        if (!r.get(where.get(i)).equals(((Number) parameters.get(i + 1)).longValue())) {
                            return false;
                        }
                    }
                    return true;
                }).toList();
                yield results(found, table.equals("forums_topics") ? TOPIC_COLUMNS : ARTIST_TAG_COLUMNS);
            }
            default -> null;
        });
    }

    private static ResultSet results(List<Map<String, Object>> rows, List<String> columns) {
        int[] at = {-1};
        ResultSetMetaData md = proxy(ResultSetMetaData.class, (method, args) -> switch (method) {
            case "getColumnCount" -> columns.size();
            // A new String per call, as a driver's labels are.
            case "getColumnLabel" -> new String(columns.get((Integer) args[0] - 1));
            case "getColumnType" -> Types.OTHER;
            default -> null;
        });
        return proxy(ResultSet.class, (method, args) -> switch (method) {
            case "getMetaData" -> md;
            case "next" -> ++at[0] < rows.size();
            case "getObject" -> rows.get(at[0]).get(columns.get((Integer) args[0] - 1));
            default -> null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args));
    }
}
