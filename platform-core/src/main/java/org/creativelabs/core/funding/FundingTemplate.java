package org.creativelabs.core.funding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.creativelabs.core.funding.FundingCallController.CriterionRequest;
import org.creativelabs.core.tenancy.LabTemplatePart;
import org.creativelabs.core.tenancy.LabTemplates;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Funding-call outlines in a template: criteria, ceiling, review settings and the rubric, never a deadline, an
 * application or a score. Applied to a new lab they are calls without a deadline, which open when staff set one.
 */
@Component
class FundingTemplate implements LabTemplatePart {

    record Outline(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String description,
            @Size(max = 4000) String criteria,

            @NotNull @DecimalMin("1") @Digits(integer = 10, fraction = 2) BigDecimal budgetCeilingKgs,

            Boolean blindReview,
            @Min(1) @Max(3) Integer reviewRounds,
            @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull CriterionRequest> rubric) {}

    private final FundingCalls calls;
    private final JsonMapper json;

    FundingTemplate(FundingCalls calls, JsonMapper json) {
        this.calls = calls;
        this.json = json;
    }

    @Override
    public String section() {
        return "fundingCalls";
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public JsonNode capture() {
        return json.valueToTree(calls.all().stream()
                .sorted(java.util.Comparator.comparing(FundingCalls.Call::title))
                .map(call -> new Outline(
                        call.title(),
                        call.description(),
                        call.criteria(),
                        call.budgetCeilingKgs(),
                        call.blindReview(),
                        call.reviewRounds(),
                        call.rubric().stream()
                                .map(c -> new CriterionRequest(c.name(), c.weight()))
                                .toList()))
                .toList());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(JsonNode section, LabTemplates templates) {
        templates.addMissing(
                section,
                Outline.class,
                section(),
                Outline::title,
                calls.all().stream().map(FundingCalls.Call::title).toList(),
                calls::addOutline);
    }
}
