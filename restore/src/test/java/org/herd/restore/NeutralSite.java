package org.herd.restore;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.herd.gazelle.catalogue.GazelleVariant;
import org.herd.restore.mapping.EntityRestores;
import org.herd.translator.FileEntry;
import org.herd.translator.UserPolicy;
import org.herd.translator.mapping.CodeList;
import org.herd.translator.schema.EntityType;
import org.herd.translator.schema.Field;
import org.herd.translator.schema.FieldType;
import org.herd.translator.schema.NeutralSchema;

/**
 * A random mirror's worth of neutral rows of one origin, of every entity a variant publishes, with
 * the values such an origin can publish: parents exist, codes are the variant's, a field that the
 * variant's columns cannot leave null is never null, user references follow the policy. What is
 * left random is everything else, so that the restore meets every shape of value.
 */
final class NeutralSite {

    /** One row: key and payload, in the entity's order. */
    record Row(Map<String, Object> key, Map<String, Object> payload) {
    }

    final GazelleVariant variant;
    final UserPolicy policy;
    final boolean infoHash;
    final Map<String, List<Row>> rows = new LinkedHashMap<>();
    private final Random random;
    private final List<String> references = new ArrayList<>();
    private final Map<EntityType, Integer> nextIds = new LinkedHashMap<>();

    /** Fields that a NOT NULL column without a "none" reading keeps from being null, per variant. */
    private static final Set<String> NEVER_NULL_WHATCD = Set.of("forum_topic.title");
    private static final Set<String> NEVER_NULL_OPS = Set.of("artist_alias.name", "release_group.name",
            "release_group.category", "tag.name", "forum_topic.title", "comment.body", "request_artist.role");
    /** Fields the variant has no column for: always null. */
    private static final Set<String> ALWAYS_NULL_WHATCD = Set.of("artist.primary_alias_id");
    private static final Set<String> ALWAYS_NULL_OPS = Set.of("artist.name", "release_group.artist_id",
            "release.transcoded_from", "release_group_artist.artist_id", "request_artist.artist_id");

    NeutralSite(GazelleVariant variant, UserPolicy policy, boolean infoHash, long seed, int perEntity) {
        this.variant = variant;
        this.policy = policy;
        this.infoHash = infoHash;
        this.random = new Random(seed);
        if (policy == UserPolicy.PUBLIC) {
            for (int i = 0; i < 8; i++) {
                String id = Long.toString(1000 + i * 7L);
                references.add(id);
                add(NeutralSchema.USER, Map.of("user_ref", id), Map.of("username", "name_" + id));
            }
        } else if (policy == UserPolicy.PSEUDONYMOUS) {
            for (int i = 0; i < 8; i++) {
                StringBuilder p = new StringBuilder();
                for (int c = 0; c < 26; c++) {
                    p.append("abcdefghijklmnopqrstuvwxyz234567".charAt(random.nextInt(32)));
                }
                references.add(p.toString());
            }
        }
        for (var restore : EntityRestores.of(variant)) {
            for (int i = 0; i < perEntity; i++) {
                generate(restore.entity());
            }
        }
    }

    List<Row> rows(EntityType entity) {
        return rows.getOrDefault(entity.name(), List.of());
    }

    private void add(EntityType entity, Map<String, Object> key, Map<String, Object> payload) {
        rows.computeIfAbsent(entity.name(), e -> new ArrayList<>()).add(new Row(key, payload));
    }

    private long someId(EntityType parent) {
        List<Row> parents = rows(parent);
        if (parents.isEmpty()) {
            throw new IllegalStateException(parent.name() + " is generated after its children");
        }
        return (Long) parents.get(random.nextInt(parents.size())).key().values().iterator().next();
    }

    private void generate(EntityType entity) {
        Map<String, Object> key = new LinkedHashMap<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        int id = nextIds.merge(entity, 1, Integer::sum);
        for (Field f : entity.keyFields()) {
            key.put(f.name(), keyValue(entity, f, id));
        }
        for (Field f : entity.payloadFields()) {
            payload.put(f.name(), value(entity, f, key, payload));
        }
        // Keys that combine parents may repeat: one row per key, as at the origin.
        if (rows(entity).stream().noneMatch(r -> r.key().equals(key))) {
            add(entity, key, payload);
        }
    }

    private Object keyValue(EntityType entity, Field f, int id) {
        String name = entity.name() + "." + f.name();
        return switch (name) {
            case "release_group_artist.release_group_id", "release_group_tag.release_group_id",
                    "release_group_votes.release_group_id", "collage_release_group.release_group_id" ->
                    someId(NeutralSchema.RELEASE_GROUP);
            case "release_group_artist.alias_id", "request_artist.alias_id" -> someId(NeutralSchema.ARTIST_ALIAS);
            case "release_group_artist.role" -> role(false);
            case "release_group_tag.tag_id", "request_tag.tag_id" -> someId(NeutralSchema.TAG);
            case "collage_release_group.collage_id", "collage_artist.collage_id" -> someId(NeutralSchema.COLLAGE);
            case "collage_artist.artist_id", "artist_similarity_artist.artist_id" -> someId(NeutralSchema.ARTIST);
            case "request_artist.request_id", "request_tag.request_id" -> someId(NeutralSchema.REQUEST);
            case "artist_similarity_artist.similarity_id" -> someId(NeutralSchema.ARTIST_SIMILARITY);
            default -> (long) id * 3 + 1;
        };
    }

    private Object value(EntityType entity, Field f, Map<String, Object> key, Map<String, Object> payload) {
        String name = entity.name() + "." + f.name();
        boolean whatcd = variant == GazelleVariant.WHATCD;
        if ((whatcd ? ALWAYS_NULL_WHATCD : ALWAYS_NULL_OPS).contains(name)) {
            return null;
        }
        boolean mayBeNull = f.nullable() && !(whatcd ? NEVER_NULL_WHATCD : NEVER_NULL_OPS).contains(name);
        switch (name) {
            case "release_group.category", "request.category" -> {
                return mayBeNull && random.nextInt(8) == 0 ? null : pick(CodeList.CATEGORIES);
            }
            case "release_group.release_type", "request.release_type" -> {
                if (!"music".equals(payload.get("category"))) {
                    return null;
                }
                boolean required = !whatcd && name.startsWith("request.");
                return !required && random.nextInt(5) == 0 ? null : pick(CodeList.RELEASE_TYPES);
            }
            case "collage.category" -> {
                String c = pick(CodeList.COLLAGE_CATEGORIES);
                // Personal collages leave only under the public user policy.
                return policy != UserPolicy.PUBLIC && c.equals("personal") ? "theme" : c;
            }
            case "request_artist.role" -> {
                return mayBeNull && random.nextInt(5) == 0 ? null : role(false);
            }
            case "release.freeleech" -> {
                return pick(CodeList.FREELEECH);
            }
            case "tag.tag_type" -> {
                return pick(CodeList.TAG_TYPES);
            }
            case "comment.page" -> {
                return pick(CodeList.COMMENT_PAGES);
            }
            case "comment.page_id" -> {
                return switch ((String) payload.get("page")) {
                    case "collage" -> someId(NeutralSchema.COLLAGE);
                    case "request" -> someId(NeutralSchema.REQUEST);
                    default -> 1L + random.nextInt(100_000);
                };
            }
            case "release.release_group_id", "release_group_wiki.release_group_id" -> {
                return someId(NeutralSchema.RELEASE_GROUP);
            }
            case "artist_alias.artist_id", "artist_wiki.artist_id" -> {
                return someId(NeutralSchema.ARTIST);
            }
            case "release_group_artist.artist_id", "request_artist.artist_id" -> {
                // WhatCD: the credited alias's artist.
                long alias = (Long) key.get("alias_id");
                return rows(NeutralSchema.ARTIST_ALIAS).stream().filter(r -> r.key().get("alias_id").equals(alias))
                        .findFirst().orElseThrow().payload().get("artist_id");
            }
            case "forum.forum_category_id" -> {
                return someId(NeutralSchema.FORUM_CATEGORY);
            }
            case "forum_topic.forum_id" -> {
                return someId(NeutralSchema.FORUM);
            }
            case "forum_post.forum_topic_id" -> {
                return someId(NeutralSchema.FORUM_TOPIC);
            }
            case "release_log.release_id" -> {
                return someId(NeutralSchema.RELEASE);
            }
            case "release_log.scrubbed" -> {
                // A log without a secret in it is published as uploaded.
                return false;
            }
            case "release.info_hash" -> {
                if (!infoHash) {
                    return null;
                }
                byte[] hash = new byte[20];
                random.nextBytes(hash);
                return HexFormat.of().formatHex(hash);
            }
            case "request.vote_count" -> {
                return (long) random.nextInt(5);
            }
            case "request.bounty_total" -> {
                long votes = (Long) payload.get("vote_count");
                return votes == 0 ? 0L : votes + (long) random.nextInt(1_000_000) * 1_048_576;
            }
            default -> {
                // falls through to the field's type
            }
        }
        if (f.type() == FieldType.TEXT && (f.source().endsWith("UserID") || f.source().endsWith("AuthorID")
                || f.source().endsWith("FillerID"))) {
            return references.isEmpty() || random.nextInt(6) == 0 ? null : references.get(
                    random.nextInt(references.size()));
        }
        if (mayBeNull && random.nextInt(4) == 0) {
            return null;
        }
        return switch (f.type()) {
            case INTEGER -> 1L + random.nextInt(2_000_000);
            case TEXT -> text();
            case BOOLEAN -> random.nextBoolean();
            case TIMESTAMP -> LocalDateTime.of(2005, 1, 1, 0, 0).plusSeconds(random.nextInt(400_000_000));
            case FILE_LIST -> files();
        };
    }

    private String role(boolean unused) {
        // WhatCD's Importance enum ends at 7: arrangers are OPS's.
        String r = pick(CodeList.ARTIST_ROLES);
        return variant == GazelleVariant.WHATCD && r.equals("arranger") ? "producer" : r;
    }

    private String pick(CodeList list) {
        List<String> names = new ArrayList<>(list.names().values());
        names.sort(null);
        return names.get(random.nextInt(names.size()));
    }

    private String text() {
        String[] words = {"Sigur Rós", "坂本龍一", "a & b", "it's", "[b]bold[/b]", "line\nbreak", "tab\there",
                "100%", "\"quoted\"", "back\\slash", "x"};
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return b.toString();
    }

    private List<FileEntry> files() {
        List<FileEntry> files = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            files.add(new FileEntry("CD" + (i % 2 + 1) + "/" + (i + 1) + " - " + text().replace('\n', ' ') + ".flac",
                    random.nextInt(1 << 30)));
        }
        return files;
    }
}
