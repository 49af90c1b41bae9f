package org.creativelabs.core.tenancy;

import jakarta.validation.Validator;
import java.util.Comparator;
import org.creativelabs.core.web.Problems;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a template section's items into a feature's own request records, validated like the lab API's input. */
@Component
public class LabTemplates {

    private final JsonMapper json;
    private final Validator validator;

    LabTemplates(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** {@code node} as {@code type}, or a 400 naming {@code path} and the field that is wrong. */
    public <T> T read(JsonNode node, Class<T> type, String path) {
        T value;
        try {
            value = json.treeToValue(node, type);
        } catch (JacksonException e) {
            throw Problems.invalidField(path, "wrong-type");
        }
        validator.validate(value).stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(violation -> {
                    throw Problems.invalidField(
                            path + "." + violation.getPropertyPath(), "template", violation.getMessage());
                });
        return value;
    }

    /**
     * Each item of a list section read as {@code type} (a 400 naming {@code section[i].field} when one is invalid) and
     * added unless the lab, or an earlier item, has one of that name already: how list sections apply.
     */
    public <T> void addMissing(
            JsonNode items,
            Class<T> type,
            String section,
            java.util.function.Function<T, String> name,
            java.util.Collection<String> existingNames,
            java.util.function.Consumer<T> add) {
        if (!items.isArray()) {
            throw Problems.invalidField(section, "wrong-type");
        }
        java.util.Set<String> names = new java.util.HashSet<>(existingNames);
        for (int i = 0; i < items.size(); i++) {
            T item = read(items.get(i), type, section + "[" + i + "]");
            if (names.add(name.apply(item).strip())) {
                add.accept(item);
            }
        }
    }

    public JsonMapper json() {
        return json;
    }
}
