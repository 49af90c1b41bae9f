package org.creativelabs.core.tenancy;

import tools.jackson.databind.JsonNode;

/**
 * One feature's part of a lab-in-a-box template: the lab's structure (spaces, plans, branding defaults; later program
 * and funding-call outlines), never people or personal data. Each feature that has structure worth copying to a new
 * lab implements it; the internal template API captures and applies all parts in one transaction.
 */
public interface LabTemplatePart {

    /** The section's name in a template, e.g. {@code "spaces"}. */
    String section();

    /** The current lab's structure in this section. */
    JsonNode capture();

    /**
     * Adds to the current lab what the section describes and the lab lacks (things are matched by name; what exists
     * is kept), so applying a template twice changes nothing the second time. Invalid content is a 400 naming the
     * path within the template, e.g. {@code spaces[1].capacity}.
     */
    void apply(JsonNode section, LabTemplates templates);
}
