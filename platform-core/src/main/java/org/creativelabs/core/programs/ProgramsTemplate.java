package org.creativelabs.core.programs;

import org.creativelabs.core.tenancy.LabTemplatePart;
import org.creativelabs.core.tenancy.LabTemplates;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Program outlines in a template (kind, enrolment, completion rule, mentoring cap): never cohorts or people. */
@Component
class ProgramsTemplate implements LabTemplatePart {

    private final ProgramRepository programs;
    private final JsonMapper json;

    ProgramsTemplate(ProgramRepository programs, JsonMapper json) {
        this.programs = programs;
        this.json = json;
    }

    @Override
    public String section() {
        return "programs";
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public JsonNode capture() {
        return json.valueToTree(programs.findAll(Sort.by("title")).stream()
                .map(Program::request)
                .toList());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(JsonNode section, LabTemplates templates) {
        templates.addMissing(
                section,
                ProgramRequest.class,
                section(),
                ProgramRequest::title,
                programs.findAll().stream().map(Program::title).toList(),
                request -> programs.saveAndFlush(new Program(request)));
    }
}
