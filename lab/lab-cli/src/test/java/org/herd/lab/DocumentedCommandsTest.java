package org.herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.herd.cli.TakesProperties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code herd ...} command line that README.md and docs/ show parses: its options exist and
 * take the values shown, its properties are properties of the application.
 */
class DocumentedCommandsTest {

    private static final Pattern COMMAND = Pattern.compile(
            "(?:^|\\s)(?:\\./)?herd ((?:sidecar|mirror|verify|quarantine|grants|demo|bench|crash)\\b[^\\n#]*)");
    private static final Pattern CODE_BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CODE_SPAN = Pattern.compile("`((?:\\./)?herd [^`]+)`");

    /** Prose that names a herd command without being one: a marker value the bench writes. */
    private static final List<String> NOT_COMMANDS = List.of("herd bench marker N");

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<String> lines = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(Path.of("..", "..", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("..", "..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher block = CODE_BLOCK.matcher(text);
            while (block.find()) {
                Matcher m = COMMAND.matcher(block.group(1).replace("\\\n", " "));
                while (m.find()) {
                    lines.add(file.getFileName() + ": herd " + m.group(1).trim());
                }
            }
            Matcher span = CODE_SPAN.matcher(CODE_BLOCK.matcher(text).replaceAll(""));
            while (span.find()) {
                String command = span.group(1).replace('\n', ' ').replaceFirst("^\\./", "");
                if (COMMAND.matcher(command).find() && !NOT_COMMANDS.contains(command)) {
                    lines.add(file.getFileName() + ": " + command);
                }
            }
        }
        assertThat(lines).as("documented command lines").hasSizeGreaterThan(30);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        CommandLine herd = HerdLab.commandLine(quiet, quiet);
        for (String line : lines) {
            List<String> args = arguments(line.substring(line.indexOf(": herd ") + ": herd ".length()));
            try {
                ParseResult leaf = herd.parseArgs(args.toArray(String[]::new));
                while (leaf.hasSubcommand()) {
                    leaf = leaf.subcommand();
                }
                if (leaf.commandSpec().userObject() instanceof TakesProperties t) {
                    List<String> properties = new ArrayList<>();
                    for (PositionalParamSpec p : leaf.matchedPositionals()) {
                        properties.addAll(p.stringValues());
                    }
                    t.propertyArguments().parse(leaf.commandSpec().commandLine(), properties);
                }
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(line + " does not parse: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The arguments as a shell passes them: quotes removed, [optional] parts included, an
     * option whose value the page leaves out ({@code --variant ...}) left out with it.
     */
    static List<String> arguments(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    token.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c) || c == '[' || c == ']' || c == '|') {
                if (inToken) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    inToken = false;
                }
            } else {
                token.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(token.toString());
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (i + 1 < tokens.size() && tokens.get(i).startsWith("--") && tokens.get(i + 1).equals("...")) {
                i++;
                continue;
            }
            args.add(tokens.get(i));
        }
        return args;
    }
}
