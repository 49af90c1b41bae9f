package org.creativelabs.core.branding;

import org.creativelabs.core.tenancy.LabTemplatePart;
import org.creativelabs.core.tenancy.LabTemplates;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Branding in a template: the look and language (colours, default language, time zone). Applying may also name the
 * lab ({@code displayName}), as provisioning does; the lab's contacts and logo stay its own.
 */
@Component
class BrandingTemplate implements LabTemplatePart {

    private final BrandingRepository branding;
    private final JsonMapper json;

    BrandingTemplate(BrandingRepository branding, JsonMapper json) {
        this.branding = branding;
        this.json = json;
    }

    @Override
    public String section() {
        return "branding";
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public JsonNode capture() {
        BrandingView current = branding.current().view("");
        ObjectNode section = json.createObjectNode();
        section.put("primaryColor", current.primaryColor());
        section.put("accentColor", current.accentColor());
        section.put("defaultLanguage", current.defaultLanguage());
        section.put("timeZone", current.timeZone());
        return section;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(JsonNode section, LabTemplates templates) {
        Branding current = branding.current();
        ObjectNode merged = json.valueToTree(current.view(""));
        section.properties().forEach(e -> {
            if (e.getKey().matches("displayName|primaryColor|accentColor|defaultLanguage|timeZone")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        current.apply(templates.read(merged, BrandingRequest.class, "branding"));
        branding.saveAndFlush(current);
    }
}
