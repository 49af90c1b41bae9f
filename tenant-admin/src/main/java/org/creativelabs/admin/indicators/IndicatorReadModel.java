package org.creativelabs.admin.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.creativelabs.indicators.Fact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * UNDP's read model: each lab's totals as applied from its outbox, and the same rolled up by region in the same
 * transaction, so what the dashboards read grows with regions and months, never with labs. Each lab's entries are
 * applied once, in order, under a lock on the lab's delivery row.
 */
@Component
public class IndicatorReadModel {

    /** One outbox entry as platform-core delivers it. */
    public record Entry(long seq, String indicator, LocalDate period, String gender, String ageBand, long delta) {}

    record Key(String indicator, LocalDate period, String gender, String ageBand) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return java.util.Comparator.comparing(Key::indicator)
                    .thenComparing(Key::period)
                    .thenComparing(Key::gender)
                    .thenComparing(Key::ageBand)
                    .compare(this, other);
        }
    }

    /** What a rebuild found: whether the lab's incremental totals equalled its totals rebuilt from its own data. */
    public record Rebuilt(long appliedSeqBefore, long throughSeq, boolean matched, int cells) {}

    private final JdbcTemplate jdbc;

    IndicatorReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Applies the entries that follow the lab's applied number without a gap; those already applied are skipped. Returns
     * the number applied through, which the relay resumes after.
     */
    @Transactional
    public long apply(UUID labId, String region, List<Entry> entries) {
        long applied = lockDelivery(labId);
        Map<Key, Long> changes = new TreeMap<>();
        long next = applied;
        for (Entry entry : entries.stream()
                .sorted(java.util.Comparator.comparingLong(Entry::seq))
                .toList()) {
            if (entry.seq() <= next) {
                continue;
            }
            if (entry.seq() != next + 1) {
                break;
            }
            changes.merge(
                    new Key(entry.indicator(), entry.period(), entry.gender(), entry.ageBand()),
                    entry.delta(),
                    Long::sum);
            next = entry.seq();
        }
        if (next == applied) {
            return applied;
        }
        add(labId, region, changes);
        jdbc.update("UPDATE indicator_delivery SET applied_seq = ?, applied_at = now() WHERE lab_id = ?", next, labId);
        return next;
    }

    /**
     * Replaces the lab's totals with those rebuilt from its own outbox through {@code throughSeq}, adjusting its
     * region by the difference; says whether they equalled what had been applied incrementally.
     */
    @Transactional
    public Rebuilt rebuild(UUID labId, String region, long throughSeq, List<Fact> totals) {
        long appliedBefore = lockDelivery(labId);
        Map<Key, Long> current = new HashMap<>();
        jdbc.query(
                "SELECT indicator, period, gender, age_band, value FROM indicator_value WHERE lab_id = ?",
                rs -> {
                    current.put(
                            new Key(
                                    rs.getString("indicator"),
                                    rs.getObject("period", LocalDate.class),
                                    rs.getString("gender"),
                                    rs.getString("age_band")),
                            rs.getLong("value"));
                },
                labId);
        Map<Key, Long> rebuilt = new HashMap<>();
        totals.forEach(
                t -> rebuilt.merge(new Key(t.indicator(), t.period(), t.gender(), t.ageBand()), t.value(), Long::sum));
        rebuilt.values().removeIf(v -> v == 0);
        current.values().removeIf(v -> v == 0);
        boolean matched = appliedBefore == throughSeq && current.equals(rebuilt);
        Map<Key, Long> difference = new TreeMap<>();
        rebuilt.forEach((key, value) -> difference.merge(key, value, Long::sum));
        current.forEach((key, value) -> difference.merge(key, -value, Long::sum));
        difference.values().removeIf(v -> v == 0);
        add(labId, region, difference);
        jdbc.update(
                "UPDATE indicator_delivery SET applied_seq = ?, applied_at = now() WHERE lab_id = ?",
                throughSeq,
                labId);
        return new Rebuilt(appliedBefore, throughSeq, matched, rebuilt.size());
    }

    /** The totals of every lab of a region, by lab: a lab's figures are protected against its siblings'. */
    public Map<UUID, List<Fact>> factsOfLabsIn(String region) {
        Map<UUID, List<Fact>> byLab = new java.util.LinkedHashMap<>();
        jdbc.query(
                "SELECT v.lab_id, v.indicator, v.period, v.gender, v.age_band, v.value FROM indicator_value v"
                        + " JOIN lab l ON l.id = v.lab_id WHERE l.region = ? ORDER BY v.lab_id",
                rs -> {
                    byLab.computeIfAbsent(rs.getObject("lab_id", UUID.class), id -> new ArrayList<>())
                            .add(new Fact(
                                    rs.getString("indicator"),
                                    rs.getObject("period", LocalDate.class),
                                    rs.getString("gender"),
                                    rs.getString("age_band"),
                                    rs.getLong("value")));
                },
                region);
        return byLab;
    }

    /** A region's totals, every month: as many rows however many labs the region has. */
    public List<Fact> regionFacts(String region) {
        return facts(
                "SELECT indicator, period, gender, age_band, value FROM indicator_region_value WHERE region = ?",
                region);
    }

    /** Regions with their number of labs (deleted ones left out), by name. */
    public Map<String, Integer> regions() {
        Map<String, Integer> regions = new TreeMap<>();
        jdbc.query("SELECT region, count(*) AS labs FROM lab WHERE status <> 'DELETED' GROUP BY region", rs -> {
            regions.put(rs.getString("region"), rs.getInt("labs"));
        });
        return regions;
    }

    private List<Fact> facts(String sql, Object argument) {
        return jdbc.query(
                sql,
                (rs, row) -> new Fact(
                        rs.getString("indicator"),
                        rs.getObject("period", LocalDate.class),
                        rs.getString("gender"),
                        rs.getString("age_band"),
                        rs.getLong("value")),
                argument);
    }

    private long lockDelivery(UUID labId) {
        jdbc.update("INSERT INTO indicator_delivery (lab_id) VALUES (?) ON CONFLICT DO NOTHING", labId);
        return jdbc.queryForObject(
                "SELECT applied_seq FROM indicator_delivery WHERE lab_id = ? FOR UPDATE", Long.class, labId);
    }

    /** Adds the changes to the lab and its region, in key order (labs of one region never deadlock on its rows). */
    private void add(UUID labId, String region, Map<Key, Long> changes) {
        List<Object[]> lab = new ArrayList<>();
        List<Object[]> regional = new ArrayList<>();
        new TreeMap<>(changes).forEach((key, delta) -> {
            lab.add(new Object[] {labId, key.indicator(), key.period(), key.gender(), key.ageBand(), delta});
            regional.add(new Object[] {region, key.indicator(), key.period(), key.gender(), key.ageBand(), delta});
        });
        jdbc.batchUpdate("""
                INSERT INTO indicator_value (lab_id, indicator, period, gender, age_band, value) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (lab_id, indicator, period, gender, age_band)
                DO UPDATE SET value = indicator_value.value + excluded.value""", lab);
        jdbc.batchUpdate("""
                INSERT INTO indicator_region_value (region, indicator, period, gender, age_band, value)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (region, indicator, period, gender, age_band)
                DO UPDATE SET value = indicator_region_value.value + excluded.value""", regional);
    }
}
