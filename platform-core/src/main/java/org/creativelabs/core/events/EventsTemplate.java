package org.creativelabs.core.events;

import org.creativelabs.core.tenancy.LabTemplatePart;
import org.creativelabs.core.tenancy.LabTemplates;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lab's event formats in a template: never events, registrations or the network. */
@Component
class EventsTemplate implements LabTemplatePart {

    private final EventFormatRepository formats;
    private final JsonMapper json;

    EventsTemplate(EventFormatRepository formats, JsonMapper json) {
        this.formats = formats;
        this.json = json;
    }

    @Override
    public String section() {
        return "eventFormats";
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public JsonNode capture() {
        return json.valueToTree(formats.findAll(Sort.by("name")).stream()
                .map(EventFormat::request)
                .toList());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(JsonNode section, LabTemplates templates) {
        templates.addMissing(
                section,
                EventFormatRequest.class,
                section(),
                EventFormatRequest::name,
                formats.findAll().stream().map(EventFormat::name).toList(),
                request -> formats.saveAndFlush(new EventFormat(request)));
    }
}
