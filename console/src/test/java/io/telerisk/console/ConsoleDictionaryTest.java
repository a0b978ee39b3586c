package io.telerisk.console;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every string the console shows is in both dictionaries; no key is used that English lacks. */
class ConsoleDictionaryTest {
    private static final Pattern KEY_LITERAL = Pattern.compile("'([a-z][A-Za-z]*\\.[A-Za-z0-9.\\-]*[A-Za-z0-9])'");

    static JsonObject dictionary(String locale) throws IOException {
        try (InputStream in = ConsoleDictionaryTest.class.getResourceAsStream("/telerisk-console/js/i18n/" + locale + ".js")) {
            String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new JsonObject(js.substring(js.indexOf("export default") + "export default".length(), js.lastIndexOf(';')));
        }
    }

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        assertEquals(new TreeSet<>(dictionary("en").fieldNames()), new TreeSet<>(dictionary("zh-CN").fieldNames()));
    }

    @Test
    void everyKeyTheScreensUseIsInTheEnglishDictionary() throws IOException, URISyntaxException {
        Set<String> known = dictionary("en").fieldNames();
        Set<String> prefixes = new TreeSet<>();
        known.forEach(k -> prefixes.add(k.substring(0, k.indexOf('.'))));
        Set<String> missing = new TreeSet<>();
        Path js = Path.of(ConsoleDictionaryTest.class.getResource("/telerisk-console/js").toURI());
        try (Stream<Path> files = Files.walk(js)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js") && !p.getParent().endsWith("i18n")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    if (prefixes.contains(key.substring(0, key.indexOf('.'))) && !key.endsWith(".js") && !known.contains(key)) {
                        missing.add(f.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }
}
