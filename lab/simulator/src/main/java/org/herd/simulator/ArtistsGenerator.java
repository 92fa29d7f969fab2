package org.herd.simulator;

import static org.herd.simulator.GazelleDataGenerator.SITE_END;
import static org.herd.simulator.GazelleDataGenerator.ZERO_DATE;
import static org.herd.simulator.GazelleDataGenerator.datetime;

import java.text.Normalizer;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * artists_group, artists_alias, wiki_artists: artists with unique names, a tenth of them with a
 * second name (a spelling that redirects to the main one, or another name they perform under), and
 * their biographies. An artist is created by the first group that credits it.
 */
final class ArtistsGenerator {

    private final SitePlan plan;

    ArtistsGenerator(SitePlan plan) {
        this.plan = plan;
    }

    /**
     * Emits the artists with their aliases and biographies; returns their names by ArtistID - 1 and
     * marks in {@code performingAliases} the artists whose second alias is a name of its own (not a
     * redirect), which releases may credit.
     */
    String[] emit(RowSink sink, BitSet performingAliases) {
        String[] names = new String[plan.artists];
        Set<String> taken = new HashSet<>();
        int revision = 0;
        for (int a = 0; a < plan.artists; a++) {
            int artistId = a + 1;
            SplittableRandom r = plan.rng(SitePlan.S_ARTIST, artistId);
            r.nextInt(100); // the extra-alias decision, drawn when planning
            String name = uniqueName(r, taken, artistId);
            names[a] = name;
            long created = plan.groupFirstUpload(plan.firstGroupOf(artistId));

            SplittableRandom wr = plan.rng(SitePlan.S_ARTIST_WIKI, artistId);
            SitePlan.revisionCount(wr, 50);
            Integer latest = null;
            long t = created;
            for (int v = 0; v < plan.artistRevisions(a); v++) {
                revision++;
                t = Math.min(SITE_END, t + 60 + wr.nextLong(86_400L * 200));
                String image = wr.nextInt(100) < 75 ? Words.imageUrl(wr) : "";
                sink.row("wiki_artists", new Object[] {
                    revision, artistId, artistBio(wr, name), plan.userId(wr),
                    v == 0 ? Words.pick(wr, List.of("", "Created biography", "Added bio from the label's site"))
                            : Words.pick(wr, List.of("", "Fixed typos", "Updated biography", "Added image",
                                    "Discography links")),
                    wr.nextInt(100) < 2 ? ZERO_DATE : datetime(t),
                    image,
                });
                latest = revision;
            }

            sink.row("artists_group", new Object[] {
                artistId, name, latest, r.nextInt(1000) < 8 ? 1 : 0, r.nextInt(100) < 85 ? 0 : 1 + r.nextInt(1_000_000),
            });

            int mainAlias = plan.mainAliasOf(artistId);
            sink.row("artists_alias", new Object[] {mainAlias, artistId, name, 0, plan.userId(r)});
            if (plan.hasSecondAlias(a)) {
                // A second name: either a spelling that redirects to the main one, or another name
                // the artist performs under, which releases may credit directly.
                String variant = r.nextInt(100) < 60 ? spellingVariant(name, r) : null;
                int redirect = mainAlias;
                if (variant == null || !taken.add(variant.toLowerCase(Locale.ROOT))) {
                    variant = uniqueName(r, taken, artistId);
                    redirect = 0;
                }
                if (redirect == 0) {
                    performingAliases.set(a);
                }
                sink.row("artists_alias", new Object[] {mainAlias + 1, artistId, variant, redirect, plan.userId(r)});
            }
        }
        return names;
    }

    private static String uniqueName(SplittableRandom r, Set<String> taken, int id) {
        for (int attempt = 0; ; attempt++) {
            String name = Words.artistName(r);
            if (attempt >= 4) {
                name = name + " " + (attempt < 8 ? Words.pick(r, List.of("II", "III", "Band", "Trio", "Collective"))
                        : String.valueOf(id));
            }
            name = Words.cut(name, 200);
            if (taken.add(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
    }

    static String spellingVariant(String name, SplittableRandom r) {
        if (name.startsWith("The ")) {
            return name.substring(4);
        }
        if (name.contains(" & ")) {
            return name.replace(" & ", " and ");
        }
        String plain = asciiOnly(name);
        if (!plain.equals(name) && !plain.isBlank()) {
            return plain;
        }
        return r.nextBoolean() ? name.toLowerCase(Locale.ROOT) + "." : name.toUpperCase(Locale.ROOT) + "!";
    }

    static String asciiOnly(String s) {
        String decomposed = Normalizer.normalize(s.replace("Ł", "L").replace("ł", "l").replace("ø", "o"), Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c >= 0x20 && c <= 0x7E) {
                b.append(c);
            }
        }
        return b.toString().strip();
    }

    private static String artistBio(SplittableRandom r, String name) {
        return "[b]" + name + "[/b] is a " + Words.pick(r, Words.GENRE_TAGS).replace('.', ' ') + " act formed in "
                + (1950 + r.nextInt(60)) + ".\n\n" + Words.paragraph(r, 2 + r.nextInt(4))
                + (r.nextInt(100) < 40 ? "\n\n[url=https://www.discogs.com/artist/" + (1000 + r.nextInt(5_000_000))
                        + "]Discogs[/url]" : "");
    }

}
