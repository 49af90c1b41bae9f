package org.creativelabs.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every message exists in English, Russian, Kyrgyz and Uzbek, with the same placeholders, and every problem the code raises has one. */
class MessageBundleTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern RAISED = Pattern.compile(
            "Problems\\.(?:of|withMessage)\\(HttpStatus\\.\\w+, \"([a-z-]+)\"(?:, \"([a-z.-]+)\"( \\+)?)?");

    @ParameterizedTest
    @ValueSource(strings = {"messages_ru", "messages_ky", "messages_uz", "portal_ru", "portal_ky", "portal_uz"})
    void everyMessageIsTranslatedWithTheSamePlaceholders(String translation) {
        // the problems (messages) and the portal's pages (portal)
        String language = translation;
        Properties english = bundle(translation.substring(0, translation.indexOf('_')) + ".properties");
        Properties translated = bundle(translation + ".properties");
        assertThat(translated.stringPropertyNames())
                .as("keys in messages_" + language)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(translated.getProperty(key)))
                    .as(language + " " + key)
                    .isEqualTo(placeholders(english.getProperty(key)));
            assertThat(translated.getProperty(key))
                    .as(language + " " + key + " is translated, not left empty")
                    .isNotBlank();
        }
    }

    @Test
    void everyMessageParsesAndWritesApostrophesAsTwo() {
        // Messages always go through MessageFormat (spring.messages.always-use-message-format): a lone ' would vanish.
        Pattern loneQuote = Pattern.compile("(?<!')'(?!')");
        for (String file : new String[] {
            "messages.properties", "messages_ru.properties", "messages_ky.properties", "messages_uz.properties",
            "portal.properties", "portal_ru.properties", "portal_ky.properties", "portal_uz.properties"
        }) {
            Properties messages = bundle(file);
            for (String key : messages.stringPropertyNames()) {
                String message = messages.getProperty(key);
                assertThat(loneQuote.matcher(message).find())
                        .as(file + " " + key + " has a lone apostrophe")
                        .isFalse();
                String formatted = new MessageFormat(message).format(new Object[] {"A", "B", "C", "D"});
                assertThat(formatted).as(file + " " + key).doesNotContain("{", "''");
            }
        }
    }

    @Test
    void everyProblemTheCodeRaisesHasATitleAndAMessage() throws IOException {
        Properties english = bundle("messages.properties");
        Set<String> missing = new TreeSet<>();
        int raised = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = RAISED.matcher(Files.readString(source).replaceAll("\\s+", " "));
                while (m.find()) {
                    raised++;
                    String type = m.group(1);
                    String message = m.group(2) == null ? type : m.group(2);
                    // "invalid-logo." + reason: a family of messages, each checked by the bundle parity test instead.
                    boolean family = m.group(3) != null;
                    for (String key : family
                            ? new String[] {"problem." + type + ".title"}
                            : new String[] {"problem." + type + ".title", "problem." + message}) {
                        if (!english.containsKey(key)) {
                            missing.add(key + " (" + source.getFileName() + ")");
                        }
                    }
                }
            }
        }
        assertThat(raised).isGreaterThan(20);
        assertThat(missing).isEmpty();
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Properties bundle(String name) {
        try (InputStream in = MessageBundleTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
