package io.telerisk.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layered key/value configuration. A key such as {@code telerisk.api.port} is looked up, first match wins, in:
 * <ol>
 *   <li>JVM system properties ({@code -Dtelerisk.api.port=9090}),</li>
 *   <li>environment variables, the key upper-cased with dots and dashes as underscores ({@code TELERISK_API_PORT}),</li>
 *   <li>the properties file given with {@code --config FILE}, if any,</li>
 *   <li>the default the caller passes.</li>
 * </ol>
 * Typed getters fail with a {@link ConfigException} naming the key, its origin and the expected form.
 */
public final class ConfigSource {
    /** Where a value came from. */
    public enum Origin { SYSTEM_PROPERTY, ENVIRONMENT, FILE, DEFAULT }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Map<String, String> file;
    private final String fileName;
    private final Set<String> read = new HashSet<>();

    public ConfigSource(Map<String, String> systemProperties, Map<String, String> environment,
                        Map<String, String> file, String fileName) {
        this.systemProperties = Map.copyOf(systemProperties);
        this.environment = Map.copyOf(environment);
        this.file = Map.copyOf(file);
        this.fileName = fileName;
    }

    /** From this JVM's system properties and environment, plus an optional properties file. */
    public static ConfigSource fromProcess(Path configFile) {
        return new ConfigSource(toMap(System.getProperties()), System.getenv(),
                configFile == null ? Map.of() : readFile(configFile), configFile == null ? null : configFile.toString());
    }

    /** Reads a properties file (UTF-8). */
    public static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("configuration file " + file + " is not a valid properties file: " + e.getMessage());
        }
        return toMap(p);
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return m;
    }

    /** The environment variable for a key: {@code telerisk.api.token-ttl} → {@code TELERISK_API_TOKEN_TTL}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value and where it came from; empty when only a default applies. Blank values count as unset. */
    public Optional<Map.Entry<Origin, String>> lookup(String key) {
        read.add(key);
        String v = systemProperties.get(key);
        if (v != null && !v.isBlank()) return Optional.of(Map.entry(Origin.SYSTEM_PROPERTY, v.trim()));
        v = environment.get(envName(key));
        if (v != null && !v.isBlank()) return Optional.of(Map.entry(Origin.ENVIRONMENT, v.trim()));
        v = file.get(key);
        if (v != null && !v.isBlank()) return Optional.of(Map.entry(Origin.FILE, v.trim()));
        return Optional.empty();
    }

    /** Where the value of a key comes from. */
    public Origin origin(String key) {
        return lookup(key).map(Map.Entry::getKey).orElse(Origin.DEFAULT);
    }

    public String string(String key, String def) {
        return lookup(key).map(Map.Entry::getValue).orElse(def);
    }

    public int integer(String key, int def, int min, int max) {
        long v = longValue(key, def, min, max);
        return (int) v;
    }

    public long longValue(String key, long def, long min, long max) {
        Optional<Map.Entry<Origin, String>> e = lookup(key);
        if (e.isEmpty()) return def;
        long v;
        try {
            v = Long.parseLong(e.get().getValue());
        } catch (NumberFormatException x) {
            throw bad(key, e.get(), "not an integer");
        }
        if (v < min || v > max) throw bad(key, e.get(), "must be in " + min + ".." + max);
        return v;
    }

    public boolean bool(String key, boolean def) {
        Optional<Map.Entry<Origin, String>> e = lookup(key);
        if (e.isEmpty()) return def;
        return switch (e.get().getValue().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, e.get(), "expected true or false");
        };
    }

    /** A duration as ISO-8601 ({@code PT30S}) or a number with unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
    public Duration duration(String key, Duration def) {
        Optional<Map.Entry<Origin, String>> e = lookup(key);
        if (e.isEmpty()) return def;
        Duration d = parseDuration(e.get().getValue());
        if (d == null) throw bad(key, e.get(), "expected a duration like 500ms, 30s, 5m, 1h, 7d or PT30S");
        if (d.isNegative()) throw bad(key, e.get(), "must not be negative");
        return d;
    }

    public Path path(String key, Path def) {
        return lookup(key).map(e -> Path.of(e.getValue())).orElse(def);
    }

    /** Parses a duration, or {@code null} if it is none. */
    public static Duration parseDuration(String s) {
        String t = s.trim();
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException x) {
                return null;
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException x) {
            return null;
        }
    }

    /**
     * {@code telerisk.*} keys set in system properties or the file that no getter asked for: most likely typos.
     * (Environment variables are not checked: the environment holds too much that is not ours.)
     */
    public Set<String> unusedKeys() {
        Set<String> out = new TreeSet<>();
        for (String k : systemProperties.keySet()) if (k.startsWith("telerisk.") && !read.contains(k)) out.add(k);
        for (String k : file.keySet()) if (!read.contains(k)) out.add(k);
        return out;
    }

    private ConfigException bad(String key, Map.Entry<Origin, String> e, String why) {
        String from = switch (e.getKey()) {
            case SYSTEM_PROPERTY -> "system property " + key;
            case ENVIRONMENT -> "environment variable " + envName(key);
            case FILE -> "file " + Objects.requireNonNullElse(fileName, "?") + ", key " + key;
            case DEFAULT -> "default";
        };
        return new ConfigException(key + " = '" + e.getValue() + "' (from " + from + "): " + why);
    }
}
