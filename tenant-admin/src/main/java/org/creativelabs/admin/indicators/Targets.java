package org.creativelabs.admin.indicators;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.indicators.Indicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Targets per lab, indicator and year, set by coordinators; a lab without one has the seed's default. A region's
 * target is the sum of its labs'.
 */
@Component
public class Targets {

    /** Labs that count towards targets: those that exist and were not given up. */
    private static final String COUNTED = "status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'ARCHIVED')";

    private final JdbcTemplate jdbc;

    Targets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void set(UUID labId, Indicator indicator, int year, long target) {
        jdbc.update("""
                INSERT INTO indicator_target (lab_id, indicator, year, target) VALUES (?, ?, ?, ?)
                ON CONFLICT (lab_id, indicator, year) DO UPDATE SET target = excluded.target, updated_at = now()""", labId, indicator.id(), year, target);
    }

    /** The targets a coordinator set for the lab and year, by indicator id (a template carries them to new labs). */
    public Map<String, Long> explicit(UUID labId, int year) {
        Map<String, Long> targets = new java.util.TreeMap<>();
        jdbc.query(
                "SELECT indicator, target FROM indicator_target WHERE lab_id = ? AND year = ?",
                rs -> {
                    targets.put(rs.getString("indicator"), rs.getLong("target"));
                },
                labId,
                year);
        return targets;
    }

    /** Sets the lab's targets for the year from a template: indicators without targets are passed over. */
    public void setAll(UUID labId, int year, Map<String, Long> targets) {
        targets.forEach((id, target) -> Indicator.byId(id)
                .filter(indicator -> indicator.defaultTarget().isPresent() && target >= 0)
                .ifPresent(indicator -> set(labId, indicator, year, target)));
    }

    /** The lab's targets for the year, by indicator id (defaults filled in). */
    Map<String, Long> ofLab(UUID labId, int year) {
        Map<String, Long> targets = defaults(1);
        jdbc.query(
                "SELECT indicator, target FROM indicator_target WHERE lab_id = ? AND year = ?",
                rs -> {
                    targets.put(rs.getString("indicator"), rs.getLong("target"));
                },
                labId,
                year);
        return targets;
    }

    /** Every region's targets for the year, by region and indicator id. */
    Map<String, Map<String, Long>> byRegion(int year) {
        Map<String, Map<String, Long>> targets = new HashMap<>();
        jdbc.query("SELECT region, count(*) AS labs FROM lab WHERE " + COUNTED + " GROUP BY region", rs -> {
            targets.put(rs.getString("region"), defaults(rs.getLong("labs")));
        });
        jdbc.query(
                "SELECT l.region, t.indicator, sum(t.target) AS explicit, count(*) AS labs FROM indicator_target t"
                        + " JOIN lab l ON l.id = t.lab_id WHERE t.year = ? AND l." + COUNTED
                        + " GROUP BY l.region, t.indicator",
                rs -> {
                    String region = rs.getString("region");
                    String indicator = rs.getString("indicator");
                    long explicit = rs.getLong("explicit");
                    long labs = rs.getLong("labs");
                    Indicator.byId(indicator)
                            .flatMap(Indicator::defaultTarget)
                            .ifPresent(fallback -> targets.computeIfAbsent(region, r -> new HashMap<>())
                                    .merge(indicator, explicit - labs * fallback.value(), Long::sum));
                },
                year);
        return targets;
    }

    private static Map<String, Long> defaults(long labs) {
        Map<String, Long> targets = new HashMap<>();
        for (Indicator indicator : Indicator.values()) {
            indicator.defaultTarget().ifPresent(t -> targets.put(indicator.id(), t.value() * labs));
        }
        return targets;
    }
}
