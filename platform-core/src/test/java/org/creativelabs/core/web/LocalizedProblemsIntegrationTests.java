package org.creativelabs.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Problems and validation errors come in the caller's language: English, Russian, Kyrgyz or Uzbek. */
class LocalizedProblemsIntegrationTests extends LabApiTest {

    Lab lab;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("i18n");
    }

    @Test
    void aMissingSpaceIsExplainedInEachLanguage() {
        String path = "/api/labs/" + lab.slug() + "/spaces/" + UUID.randomUUID();
        assertThat(in("en", "GET", path, null).json().get("title").asString()).isEqualTo("Space not found");
        assertThat(in("ru", "GET", path, null).json().get("title").asString()).isEqualTo("Пространство не найдено");
        assertThat(in("ky", "GET", path, null).json().get("title").asString()).isEqualTo("Жай табылган жок");
        assertThat(in("uz", "GET", path, null).json().get("title").asString()).isEqualTo("Joy topilmadi");
        Api.Reply unknown = in("de-DE", "GET", path, null);
        assertThat(unknown.json().get("title").asString())
                .as("an unknown language gets English")
                .isEqualTo("Space not found");
        assertThat(in("ru-RU,ru;q=0.9,en;q=0.8", "GET", path, null)
                        .json()
                        .get("detail")
                        .asString())
                .contains("нет пространства");
    }

    @Test
    void validationErrorsNameTheFieldInTheCallersLanguage() {
        String spaces = "/api/labs/" + lab.slug() + "/spaces";
        Api.Reply ru = in("ru", "POST", spaces, Map.of("kind", "ROOM", "capacity", 0));
        assertThat(ru.status()).isEqualTo(400);
        assertThat(ru.json().get("title").asString()).isEqualTo("Некорректный запрос");
        assertThat(ru.body())
                .contains(
                        "\"field\":\"name\"",
                        "не должно быть пустым",
                        "\"field\":\"capacity\"",
                        "должно быть не меньше 1");
        Api.Reply ky = in("ky", "POST", spaces, Map.of("kind", "ROOM", "capacity", 0));
        assertThat(ky.body()).contains("бош болбошу керек", "кеминде 1 болушу керек");
        Api.Reply uz = in("uz", "POST", spaces, Map.of("kind", "ROOM", "capacity", "many"));
        assertThat(uz.body()).contains("\"field\":\"capacity\"", "turi yoki formati notoʻgʻri");
    }

    private Api.Reply in(String language, String method, String path, Object body) {
        Api.Reply reply = api.send(method, path, body, Map.of("Accept-Language", language));
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        return reply;
    }
}
