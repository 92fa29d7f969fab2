package org.herd.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What docker/README.md states about the image: its two tables, read as the reader sees them. */
record Readme(Map<String, String> image, List<String> layers) {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static Readme read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, String> image = new LinkedHashMap<>();
        for (List<String> row : table(lines, "## The image")) {
            image.put(row.get(0), firstCode(row.get(1), row.get(0)));
        }
        List<String> layers = new ArrayList<>();
        for (List<String> row : table(lines, "## Layers")) {
            layers.add(firstCode(row.get(0), "layer"));
        }
        return new Readme(image, layers);
    }

    /** The value the README gives for a row of "The image", e.g. "user" is "10001:10001". */
    String fact(String name) {
        String value = image.get(name);
        if (value == null) {
            throw new IllegalStateException("docker/README.md's table 'The image' has no row '" + name + "'; it has "
                    + image.keySet());
        }
        return value;
    }

    /** The cells of each body row (after the header and the separator) of the first table under a heading. */
    private static List<List<String>> table(List<String> lines, String heading) {
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("docker/README.md has no heading '" + heading + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("|")) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                    cells.add(cell.trim());
                }
                rows.add(cells);
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        if (rows.size() < 3) {
            throw new IllegalStateException("docker/README.md has no table with rows under '" + heading + "'");
        }
        return rows.subList(2, rows.size());
    }

    private static String firstCode(String cell, String row) {
        Matcher code = CODE.matcher(cell);
        if (code.find()) {
            return code.group(1);
        }
        return cell.split("[:,]")[0].trim();
    }
}
