package org.creativelabs.core.spaces;

import org.creativelabs.core.tenancy.LabTemplatePart;
import org.creativelabs.core.tenancy.LabTemplates;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** The lab's spaces in a template: name, kind, capacity, description, opening hours and price. */
@Component
class SpacesTemplate implements LabTemplatePart {

    private final SpaceRepository spaces;
    private final JsonMapper json;

    SpacesTemplate(SpaceRepository spaces, JsonMapper json) {
        this.spaces = spaces;
        this.json = json;
    }

    @Override
    public String section() {
        return "spaces";
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public JsonNode capture() {
        ArrayNode items = json.createArrayNode();
        spaces.findAll(org.springframework.data.domain.Sort.by("name")).forEach(space -> {
            SpaceView v = space.view();
            items.add(json.valueToTree(new SpaceRequest(
                    v.name(),
                    v.kind(),
                    v.capacity(),
                    v.description(),
                    v.opensAt(),
                    v.closesAt(),
                    v.hourlyPriceKgs(),
                    null)));
        });
        return items;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(JsonNode section, LabTemplates templates) {
        templates.addMissing(
                section,
                SpaceRequest.class,
                section(),
                SpaceRequest::name,
                spaces.findAll().stream().map(s -> s.view().name()).toList(),
                request -> spaces.saveAndFlush(new Space(request)));
    }
}
