package org.creativelabs.indicators;

import java.util.List;
import java.util.Optional;

/**
 * What each lab reports to UNDP, as monthly counts of facts. A fact is counted once, when it happens (a person joins
 * the network, becomes a resident, books a space), classified by what was known and consented at that moment; nothing
 * that happens to a person's record later (consent withdrawn, erasure) changes a published count. The names are the
 * ones each lab's schema writes to its outbox (PostgreSQL checks them there too).
 */
public enum Indicator {
    NETWORK_NEW(
            "network.new",
            Kind.PEOPLE,
            List.of(Dimension.GENDER),
            List.of("SDG 5.5"),
            new Target(Target.Basis.CUMULATIVE, 1000)),
    RESIDENTS_NEW(
            "residents.new",
            Kind.PEOPLE,
            List.of(Dimension.GENDER, Dimension.AGE_BAND),
            List.of("SDG 5.5", "SDG 8.3"),
            new Target(Target.Basis.YEAR, 100)),
    BOOKINGS("bookings", Kind.QUANTITY, List.of(), List.of(), null),
    BOOKED_MINUTES("booked-minutes", Kind.QUANTITY, List.of(), List.of("SDG 8.3"), null),
    /** People who came to the lab's events (companions included), in the month of the event. */
    EVENTS_ATTENDED("events.attended", Kind.PEOPLE, List.of(), List.of("SDG 5.5"), null),
    /** People who completed a training program or mentoring track: UNDP's "women trained". */
    PROGRAMS_COMPLETED(
            "programs.completed",
            Kind.PEOPLE,
            List.of(Dimension.GENDER, Dimension.AGE_BAND),
            List.of("SDG 5.5", "SDG 8.3"),
            null),
    /** Seed grants awarded, counted by awardee. */
    GRANTS_AWARDED(
            "grants.awarded",
            Kind.PEOPLE,
            List.of(Dimension.GENDER, Dimension.AGE_BAND),
            List.of("SDG 5.5", "SDG 8.3"),
            null),
    /** Seed-grant money paid out (tranches), in whole som. */
    GRANTS_DISBURSED_KGS("grants.disbursed-kgs", Kind.QUANTITY, List.of(), List.of("SDG 8.3"), null),
    /** Businesses started, from accepted outcome reports, counted once per award. */
    BUSINESSES_STARTED(
            "businesses.started",
            Kind.PEOPLE,
            List.of(Dimension.GENDER, Dimension.AGE_BAND),
            List.of("SDG 5.5", "SDG 8.3"),
            null);

    /** People are counted (and their small counts suppressed); quantities (bookings, minutes) identify no one. */
    public enum Kind {
        PEOPLE,
        QUANTITY
    }

    /** Where a person's answer was not given, or not consented to. */
    public static final String NOT_STATED = "not-stated";

    /** The breakdowns a fact may carry; {@code ""} in a fact means not broken down that way. */
    public enum Dimension {
        GENDER(List.of("woman", "man", "another", "prefer-not-to-say", "not-stated")),
        AGE_BAND(List.of("14-17", "18-24", "25-28", "29-35", "36+", "not-stated"));

        private final List<String> categories;

        Dimension(List<String> categories) {
            this.categories = categories;
        }

        /** Every category a count may fall in, {@link #NOT_STATED} last. */
        public List<String> categories() {
            return categories;
        }

        /** The answers a person may give (the categories but {@link #NOT_STATED}). */
        public List<String> answers() {
            return categories.subList(0, categories.size() - 1);
        }
    }

    /**
     * The seed's default target for a lab (100+ residents a year, a 1000-person network), in the shape of IATI results:
     * over a year, or for the cumulative total at the year's end.
     */
    public record Target(Basis basis, long value) {
        public enum Basis {
            YEAR,
            CUMULATIVE
        }
    }

    private final String id;
    private final Kind kind;
    private final List<Dimension> dimensions;
    private final List<String> tags;
    private final Target defaultTarget;

    Indicator(String id, Kind kind, List<Dimension> dimensions, List<String> tags, Target defaultTarget) {
        this.id = id;
        this.kind = kind;
        this.dimensions = dimensions;
        this.tags = tags;
        this.defaultTarget = defaultTarget;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean countsPeople() {
        return kind == Kind.PEOPLE;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** SDG targets the indicator reports against. */
    public List<String> tags() {
        return tags;
    }

    public Optional<Target> defaultTarget() {
        return Optional.ofNullable(defaultTarget);
    }

    public static Optional<Indicator> byId(String id) {
        for (Indicator indicator : values()) {
            if (indicator.id.equals(id)) {
                return Optional.of(indicator);
            }
        }
        return Optional.empty();
    }
}
