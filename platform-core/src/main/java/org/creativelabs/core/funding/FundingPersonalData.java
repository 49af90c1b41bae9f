package org.creativelabs.core.funding;

import java.util.Map;
import org.creativelabs.core.members.privacy.PersonalData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's applications (with their awards and reports) and their reviews in their export. On erasure what they
 * wrote goes (business idea, budget, attachments, report notes, review comments) and they become the pseudonym; states,
 * amounts, scores and reports' figures stay, so awarded, disbursed and started counts hold.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class FundingPersonalData implements PersonalData {

    private final Applications applications;
    private final Reviews reviews;
    private final Awards awards;

    FundingPersonalData(Applications applications, Reviews reviews, Awards awards) {
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
    }

    @Override
    public String section() {
        return "funding";
    }

    @Override
    public Object export(String subject) {
        return Map.of(
                "applications",
                applications.of(subject).stream()
                        .map(a -> Map.of(
                                "application",
                                a,
                                "award",
                                awards.of(a.id()).map(Object.class::cast).orElse("none")))
                        .toList(),
                "reviews",
                reviews.of(subject));
    }

    @Override
    public void erase(String subject, String pseudonym) {
        applications.erase(subject, pseudonym);
    }
}
