package org.creativelabs.core.lifecycle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.creativelabs.core.tenancy.LabDirectory;
import org.creativelabs.core.tenancy.LabTemplatePart;
import org.creativelabs.core.tenancy.LabTemplates;
import org.creativelabs.core.web.Problems;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lab-in-a-box, service to service: capture a lab's structure as a template, and apply a template to a lab (before it
 * serves, during provisioning, or later). Sections come from the features ({@link LabTemplatePart}).
 */
@RestController
@RequestMapping("/internal/tenants/{labId}/template")
@Tag(name = "internal-tenants")
class InternalTemplateController {

    private final LabDirectory labs;
    private final Map<String, LabTemplatePart> parts;
    private final LabTemplates templates;
    private final TransactionTemplate transactions;

    InternalTemplateController(
            LabDirectory labs,
            List<LabTemplatePart> parts,
            LabTemplates templates,
            PlatformTransactionManager transactions) {
        this.labs = labs;
        this.parts = parts.stream().collect(Collectors.toMap(LabTemplatePart::section, p -> p));
        this.templates = templates;
        this.transactions = new TransactionTemplate(transactions);
    }

    @GetMapping
    @Operation(summary = "The lab's structure as a template (spaces, plans, branding defaults; never people)")
    JsonNode capture(@PathVariable UUID labId) {
        return labs.inLab(
                labId,
                () -> transactions.execute(status -> {
                    ObjectNode template = templates.json().createObjectNode();
                    parts.values().forEach(part -> template.set(part.section(), part.capture()));
                    return template;
                }));
    }

    @PostMapping
    @Operation(summary = "Add what a template describes and the lab lacks (applying it again changes nothing)")
    JsonNode apply(@PathVariable UUID labId, @RequestBody ObjectNode template) {
        template.propertyNames().forEach(section -> {
            if (!parts.containsKey(section)) {
                throw Problems.invalidField(section, "template", "is not a template section; known: " + parts.keySet());
            }
        });
        return labs.inLab(
                labId,
                () -> transactions.execute(status -> {
                    template.properties().forEach(e -> parts.get(e.getKey()).apply(e.getValue(), templates));
                    ObjectNode applied = templates.json().createObjectNode();
                    parts.values().forEach(part -> applied.set(part.section(), part.capture()));
                    return applied;
                }));
    }
}
