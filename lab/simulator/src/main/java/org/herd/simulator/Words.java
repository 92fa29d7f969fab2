package org.herd.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Word lists and name builders for generated Gazelle content. All text stays inside the Basic
 * Multilingual Plane: WhatCD's tables are utf8mb3 and cannot store 4-byte characters. Some names
 * carry accents, Cyrillic or Japanese on purpose, and some carry quotes and ampersands, because
 * the real catalogue did.
 */
final class Words {

    private Words() {
    }

    static final List<String> ADJECTIVES = List.of(
            "Silent", "Electric", "Golden", "Broken", "Hollow", "Crimson", "Distant", "Velvet", "Frozen", "Burning",
            "Endless", "Quiet", "Wild", "Lonely", "Neon", "Paper", "Glass", "Iron", "Secret", "Sacred",
            "Midnight", "Northern", "Southern", "Faded", "Bright", "Dark", "Tender", "Savage", "Lucid", "Hidden",
            "Restless", "Sleeping", "Drifting", "Falling", "Rising", "Wandering", "Crystal", "Amber",
            "Violet", "Scarlet", "Silver", "Black", "White", "Blue", "Green", "Pale", "Strange", "Cosmic",
            "Modern", "Ancient", "Infinite", "Little", "Big", "Sweet", "Bitter", "Cold", "Warm", "Empty",
            "Heavy", "Gentle", "Fragile", "Radiant", "Analog", "Digital", "Magnetic", "Tropical", "Urban",
            "Rural", "Wired", "Lost", "Last", "First", "Perfect", "Ordinary", "Invisible", "Phantom", "Sonic");

    static final List<String> NOUNS = List.of(
            "Heart", "River", "Mountain", "Shadow", "Mirror", "Garden", "Machine", "Ocean", "Forest", "City",
            "Dream", "Signal", "Storm", "Fire", "Light", "Ghost", "Engine", "Harbor", "Island", "Desert",
            "Satellite", "Window", "Station", "Horizon", "Echo", "Wave", "Season", "Summer", "Winter", "Autumn",
            "Spring", "Night", "Morning", "Evening", "Highway", "Tower", "Temple", "Kingdom", "Empire", "Colony",
            "Wolf", "Raven", "Tiger", "Sparrow", "Serpent", "Fox", "Horse", "Lion", "Owl", "Whale",
            "Circle", "Spiral", "Pulse", "Frequency", "Radio", "Television", "Telephone", "Letter", "Postcard",
            "Memory", "Silence", "Thunder", "Lightning", "Rain", "Snow", "Cloud", "Sky", "Moon", "Sun",
            "Star", "Planet", "Comet", "Galaxy", "Atlas", "Compass", "Anchor", "Lantern", "Candle", "Crown",
            "Diamond", "Pearl", "Rose", "Lily", "Orchid", "Ivy", "Willow", "Cedar", "Oak", "Stone");

    static final List<String> PLURALS = List.of(
            "Hearts", "Rivers", "Mountains", "Shadows", "Mirrors", "Gardens", "Machines", "Ghosts", "Engines",
            "Islands", "Satellites", "Windows", "Stations", "Echoes", "Waves", "Seasons", "Wolves", "Ravens",
            "Tigers", "Sparrows", "Serpents", "Foxes", "Horses", "Lions", "Owls", "Whales", "Circles", "Radios",
            "Letters", "Memories", "Clouds", "Stars", "Planets", "Comets", "Lanterns", "Candles", "Crowns",
            "Diamonds", "Pearls", "Roses", "Strangers", "Saints", "Sinners", "Kids", "Brothers", "Sisters",
            "Lovers", "Dreamers", "Drifters", "Wanderers", "Pilots", "Sailors", "Soldiers", "Kings", "Queens",
            "Monks", "Priests", "Prophets", "Thieves", "Hunters", "Astronauts", "Robots", "Vandals", "Heroes");

    static final List<String> FIRST_NAMES = List.of(
            "John", "Paul", "Mary", "Anna", "David", "Sarah", "Michael", "Laura", "James", "Emma",
            "Robert", "Julia", "Daniel", "Sofia", "Thomas", "Clara", "Peter", "Nina", "Mark", "Alice",
            "Lucas", "Marie", "Oliver", "Ella", "Henry", "Grace", "Samuel", "Chloe", "Leo", "Ruby",
            "Zoë", "José", "Renée", "Søren", "Łukasz", "Ángel", "Jürgen", "François", "Björn", "Ingrid",
            "Hiroshi", "Yuki", "Kenji", "Aiko", "Dmitri", "Olga", "Ivan", "Tatiana", "Omar", "Fatima",
            "Kwame", "Amara", "Luis", "Carmen", "Pedro", "Lucía", "Mateo", "Isabel", "Erik", "Astrid",
            "Otis", "Etta", "Curtis", "Nina", "Miles", "Billie", "Chet", "Ella", "Marvin", "Aretha");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Moore", "Taylor",
            "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Young", "King", "Wright",
            "Walker", "Hall", "Allen", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell",
            "Müller", "Schröder", "Dvořák", "Nørgaard", "Kowalski", "García", "Peña", "Gonçalves", "O'Brien",
            "O'Connor", "McAllister", "Van der Berg", "De la Cruz", "Tanaka", "Suzuki", "Watanabe", "Ivanov",
            "Petrov", "Novak", "Horváth", "Lindqvist", "Johansson", "Okafor", "Mensah", "Haddad", "Rossi",
            "Bianchi", "Moreau", "Dubois", "Lefèvre", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann");

    /** Names from outside the Latin script, all within the Basic Multilingual Plane. */
    static final List<String> NON_LATIN = List.of(
            "ミドリ", "サカナ", "ひかり", "東京少年", "夜の街", "Звезда", "Кристалл", "Северный Ветер",
            "Ночные Птицы", "Μέλισσα", "Ωκεανός", "בית", "مدينة", "서울", "바다", "青い鳥", "花火");

    static final List<String> PLACES = List.of(
            "Budokan", "the Fillmore", "Red Rocks", "the Roundhouse", "Montreux", "the Apollo", "Wembley",
            "the Paradiso", "the Troubadour", "Glastonbury", "the Royal Albert Hall", "CBGB", "the Olympia",
            "Carnegie Hall", "the Hollywood Bowl", "Reading", "Roskilde", "the Metro", "the 9:30 Club");

    static final List<String> LABELS = List.of(
            "Sub Pop", "Matador", "Warp", "4AD", "Merge", "Domino", "XL Recordings", "Rough Trade", "Def Jam",
            "Blue Note", "Columbia", "Atlantic", "Island", "Virgin", "Elektra", "Capitol", "Epic", "Geffen",
            "Interscope", "Ninja Tune", "Kranky", "Constellation", "Thrill Jockey", "Drag City", "Jagjaguwar",
            "Secretly Canadian", "Stones Throw", "Rhymesayers", "Hyperdub", "Ghostly International",
            "Hydra Head", "Relapse", "Nuclear Blast", "Century Media", "Epitaph", "Fat Wreck Chords",
            "Dischord", "Touch and Go", "Smalltown Supersound", "Kompakt", "R&S Records", "ECM", "Impulse!",
            "Motown", "Stax", "Chess", "Sun Records", "Factory", "Mute", "Beggars Banquet", "Self-Released");

    static final List<String> REMASTER_TITLES = List.of(
            "Remastered", "Deluxe Edition", "Expanded Edition", "Anniversary Edition", "Japanese Edition",
            "Limited Edition", "Reissue", "180g", "Collector's Edition", "Special Edition", "Bonus Tracks",
            "Mono", "Stereo", "Promo", "Original Master Recording", "MFSL", "Club Edition", "Tour Edition",
            "2xCD", "Box Set", "Digipak", "Clean", "Explicit", "US Release", "UK Release", "EU Release");

    static final List<String> SOFTWARE = List.of(
            "Studio", "Suite", "Designer", "Composer", "Editor", "Converter", "Toolkit", "Player", "Recorder",
            "Mixer", "Sequencer", "Sampler", "Synth", "Mastering", "Office", "Utilities");

    /** Genre tags, most used first. Gazelle tags are lower case, words joined by '.'. */
    static final List<String> GENRE_TAGS = List.of(
            "rock", "electronic", "pop", "indie", "alternative", "experimental", "jazz", "hip.hop", "folk",
            "ambient", "metal", "punk", "soul", "funk", "classical", "techno", "house", "blues", "country",
            "rhythm.and.blues", "reggae", "dubstep", "drum.and.bass", "post.rock", "shoegaze", "noise",
            "psychedelic", "garage.rock", "hardcore", "black.metal", "death.metal", "doom.metal", "idm",
            "trip.hop", "downtempo", "disco", "new.wave", "post.punk", "synth.pop", "dream.pop", "lo.fi",
            "singer.songwriter", "soundtrack", "world.music", "latin", "afrobeat", "dub", "krautrock",
            "progressive.rock", "math.rock", "emo", "grunge", "britpop", "j.pop", "k.pop", "minimal",
            "trance", "breakbeat", "grime", "trap", "gospel", "bluegrass", "big.band", "bebop", "free.jazz");

    static final List<String> TAG_QUALIFIERS = List.of(
            "female.vocalist", "male.vocalist", "instrumental", "acoustic", "live", "covers", "remix",
            "christmas", "vocal", "dance", "chillout", "dark", "atmospheric", "political", "french", "german",
            "japanese", "british", "american", "swedish", "canadian", "australian", "brazilian", "italian",
            "underground", "avant.garde", "lounge", "cinematic", "melodic", "progressive", "minimalism");

    static final List<String> TAG_PREFIXES = List.of(
            "post", "neo", "proto", "dark", "deep", "acid", "tech", "math", "noise", "space", "stoner",
            "sludge", "art", "chamber", "free", "nu", "folk", "electro", "ethno", "avant", "psych", "synth",
            "glitch", "dream", "death", "black", "power", "speed", "thrash", "goth");

    static final List<String> EXTENSIONS_ART = List.of("jpg", "jpg", "jpg", "png");

    static String pick(SplittableRandom r, List<String> list) {
        return list.get(r.nextInt(list.size()));
    }

    static String artistName(SplittableRandom r) {
        int pattern = r.nextInt(100);
        if (pattern < 28) {
            return pick(r, FIRST_NAMES) + " " + pick(r, LAST_NAMES);
        } else if (pattern < 48) {
            return "The " + pick(r, ADJECTIVES) + " " + pick(r, PLURALS);
        } else if (pattern < 62) {
            return pick(r, ADJECTIVES) + " " + pick(r, NOUNS);
        } else if (pattern < 70) {
            return pick(r, NOUNS) + " " + pick(r, NOUNS);
        } else if (pattern < 76) {
            return pick(r, FIRST_NAMES) + " " + pick(r, LAST_NAMES) + " & The " + pick(r, PLURALS);
        } else if (pattern < 81) {
            return "DJ " + pick(r, NOUNS);
        } else if (pattern < 86) {
            return pick(r, NOUNS) + pick(r, NOUNS).toLowerCase();
        } else if (pattern < 90) {
            return pick(r, NON_LATIN);
        } else if (pattern < 94) {
            return pick(r, ADJECTIVES).toUpperCase() + " " + pick(r, PLURALS).toUpperCase();
        } else if (pattern < 97) {
            return pick(r, LAST_NAMES) + " Quartet";
        } else {
            return pick(r, FIRST_NAMES) + " " + pick(r, LAST_NAMES) + " Orchestra";
        }
    }

    static String title(SplittableRandom r) {
        int pattern = r.nextInt(100);
        if (pattern < 25) {
            return pick(r, ADJECTIVES) + " " + pick(r, NOUNS);
        } else if (pattern < 40) {
            return "The " + pick(r, NOUNS) + " of " + pick(r, PLURALS);
        } else if (pattern < 52) {
            return pick(r, NOUNS);
        } else if (pattern < 60) {
            return pick(r, PLURALS);
        } else if (pattern < 68) {
            return pick(r, NOUNS) + " & " + pick(r, NOUNS);
        } else if (pattern < 74) {
            return "Songs for " + pick(r, PLURALS);
        } else if (pattern < 80) {
            return "Don't Wake the " + pick(r, NOUNS);
        } else if (pattern < 85) {
            return pick(r, ADJECTIVES) + " " + pick(r, PLURALS) + ", Vol. " + (1 + r.nextInt(4));
        } else if (pattern < 89) {
            return pick(r, NON_LATIN);
        } else if (pattern < 93) {
            return "\"" + pick(r, ADJECTIVES) + "\" " + pick(r, NOUNS);
        } else if (pattern < 97) {
            return pick(r, NOUNS) + " (" + pick(r, ADJECTIVES) + " Mix)";
        } else {
            return "I Saw the " + pick(r, NOUNS) + " in the " + pick(r, NOUNS) + " at " + pick(r, PLACES);
        }
    }

    static String trackTitle(SplittableRandom r) {
        int pattern = r.nextInt(10);
        return switch (pattern) {
            case 0, 1, 2 -> pick(r, ADJECTIVES) + " " + pick(r, NOUNS);
            case 3, 4 -> pick(r, NOUNS);
            case 5 -> "The " + pick(r, NOUNS);
            case 6 -> pick(r, NOUNS) + " Song";
            case 7 -> "Interlude";
            case 8 -> pick(r, NOUNS) + " (Reprise)";
            default -> "Into the " + pick(r, NOUNS);
        };
    }

    /** Lower-case letters and digits: what Gazelle's passkeys, secrets and IRC keys look like. */
    static String alnum(SplittableRandom r, int length) {
        final String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }

    /** Upper-case letters, as catalogue number prefixes have them. */
    static String letters(SplittableRandom r, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('A' + r.nextInt(26)));
        }
        return b.toString();
    }

    /** Mixed-case letters and digits, for image host ids and the like. */
    static String token(SplittableRandom r, int length) {
        final String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }

    /** A bcrypt hash as PHP's password_hash writes it: "$2y$", cost, 22-char salt, 31-char hash. */
    static String bcrypt(SplittableRandom r) {
        final String chars = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(60).append("$2y$10$");
        for (int i = 0; i < 53; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }

    static String imageUrl(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> "https://ptpimg.me/" + token(r, 6).toLowerCase() + ".jpg";
            case 1 -> "https://i.imgur.com/" + token(r, 7) + ".jpg";
            default -> "https://whatimg.com/i/" + token(r, 6) + ".png";
        };
    }

    static String sentence(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> "The " + pick(r, ADJECTIVES).toLowerCase() + " " + pick(r, NOUNS).toLowerCase()
                    + " carries the whole record.";
            case 1 -> "Recorded over one " + pick(r, NOUNS).toLowerCase() + " in a converted "
                    + pick(r, NOUNS).toLowerCase() + ".";
            case 2 -> "Fans of " + pick(r, GENRE_TAGS).replace('.', ' ') + " will find a lot to love here.";
            case 3 -> "It's the sound of " + pick(r, PLURALS).toLowerCase() + " and "
                    + pick(r, PLURALS).toLowerCase() + " colliding.";
            case 4 -> "Mixed by " + pick(r, FIRST_NAMES) + " " + pick(r, LAST_NAMES) + ".";
            case 5 -> "Originally released on " + pick(r, LABELS) + ".";
            case 6 -> "Less " + pick(r, ADJECTIVES).toLowerCase() + " than its predecessor, but twice as "
                    + pick(r, ADJECTIVES).toLowerCase() + ".";
            default -> "\"" + pick(r, ADJECTIVES) + "\" in the best sense — "
                    + "and a little bit <strange> & unpredictable.";
        };
    }

    static String paragraph(SplittableRandom r, int sentences) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(sentence(r));
        }
        return b.toString();
    }

    /** Cuts {@code s} to at most {@code max} characters without splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end).stripTrailing();
    }
}
