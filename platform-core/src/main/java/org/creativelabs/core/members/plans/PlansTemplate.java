package org.creativelabs.core.members.plans;

import org.creativelabs.core.tenancy.LabTemplatePart;
import org.creativelabs.core.tenancy.LabTemplates;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** The lab's membership plans in a template (never who is on them). */
@Component
class PlansTemplate implements LabTemplatePart {

    private final PlanRepository plans;
    private final JsonMapper json;

    PlansTemplate(PlanRepository plans, JsonMapper json) {
        this.plans = plans;
        this.json = json;
    }

    @Override
    public String section() {
        return "plans";
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public JsonNode capture() {
        ArrayNode items = json.createArrayNode();
        plans.findAll(Sort.by("name")).stream().filter(MembershipPlan::active).forEach(plan -> {
            PlanView v = plan.view();
            items.add(json.valueToTree(new PlanRequest(
                    v.name(), v.description(), v.monthlyBookingHours(), v.monthlyFeeKgs(), null, null)));
        });
        return items;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(JsonNode section, LabTemplates templates) {
        templates.addMissing(
                section,
                PlanRequest.class,
                section(),
                PlanRequest::name,
                plans.findAll().stream().map(p -> p.view().name()).toList(),
                request -> plans.saveAndFlush(new MembershipPlan(request)));
    }
}
