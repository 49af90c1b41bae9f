package org.creativelabs.admin.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.creativelabs.indicators.Fact;
import org.creativelabs.indicators.Indicator;
import org.creativelabs.indicators.IndicatorReport;
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
        Map<Key, Long> current = labTotals(labId);
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

    /**
     * Takes a lab's totals out of the read model and its region (idempotent): an archived lab restored into a new lab
     * brings its outbox along, and the new lab's relay delivers all of it again, under the new lab.
     */
    @Transactional
    public void forget(UUID labId, String region) {
        lockDelivery(labId);
        Map<Key, Long> negated = new TreeMap<>();
        labTotals(labId).forEach((key, value) -> negated.put(key, -value));
        add(labId, region, negated);
        jdbc.update("DELETE FROM indicator_value WHERE lab_id = ?", labId);
        jdbc.update("DELETE FROM indicator_delivery WHERE lab_id = ?", labId);
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

    /**
     * Every region's counts of every indicator for the year, from the region rollups only: the rows read depend on
     * regions, indicators, months and categories, never on how many labs there are.
     */
    public Map<String, Map<Indicator, IndicatorReport.Counts>> regionCounts(int year) {
        LocalDate from = LocalDate.of(year, 1, 1);
        Map<String, Map<Indicator, long[]>> months = new TreeMap<>();
        Map<String, Map<Indicator, Long>> before = new HashMap<>();
        Map<String, Map<Indicator, List<Fact>>> cells = new HashMap<>();
        jdbc.query(
                "SELECT region, indicator, period, value FROM indicator_region_month WHERE period >= ? AND period < ?",
                rs -> {
                    String region = rs.getString("region");
                    int month = rs.getObject("period", LocalDate.class).getMonthValue();
                    long value = rs.getLong("value");
                    Indicator.byId(rs.getString("indicator"))
                            .ifPresent(indicator -> months.computeIfAbsent(region, r -> new HashMap<>())
                                    .computeIfAbsent(indicator, i -> new long[12])[month - 1] += value);
                },
                from,
                from.plusYears(1));
        jdbc.query(
                "SELECT region, indicator, sum(value) AS value FROM indicator_region_month WHERE period < ?"
                        + " GROUP BY region, indicator",
                rs -> {
                    String region = rs.getString("region");
                    long value = rs.getLong("value");
                    Indicator.byId(rs.getString("indicator"))
                            .ifPresent(indicator -> before.computeIfAbsent(region, r -> new HashMap<>())
                                    .put(indicator, value));
                },
                from);
        jdbc.query(
                "SELECT region, indicator, gender, age_band, value FROM indicator_region_year WHERE year = ?",
                rs -> {
                    String region = rs.getString("region");
                    Fact cell = new Fact(
                            rs.getString("indicator"),
                            from,
                            rs.getString("gender"),
                            rs.getString("age_band"),
                            rs.getLong("value"));
                    Indicator.byId(cell.indicator())
                            .ifPresent(indicator -> cells.computeIfAbsent(region, r -> new HashMap<>())
                                    .computeIfAbsent(indicator, i -> new ArrayList<>())
                                    .add(cell));
                },
                year);
        Map<String, Map<Indicator, IndicatorReport.Counts>> counts = new TreeMap<>();
        java.util.Set<String> regions = new java.util.TreeSet<>(months.keySet());
        regions.addAll(before.keySet());
        for (String region : regions) {
            Map<Indicator, IndicatorReport.Counts> byIndicator = new java.util.EnumMap<>(Indicator.class);
            for (Indicator indicator : Indicator.values()) {
                byIndicator.put(
                        indicator,
                        IndicatorReport.Counts.ofRollups(
                                indicator,
                                year,
                                months.getOrDefault(region, Map.of()).getOrDefault(indicator, new long[12]),
                                before.getOrDefault(region, Map.of()).getOrDefault(indicator, 0L),
                                cells.getOrDefault(region, Map.of()).getOrDefault(indicator, List.of())));
            }
            counts.put(region, byIndicator);
        }
        return counts;
    }

    /** Regions with their number of labs (deleted ones left out), by name. */
    public Map<String, Integer> regions() {
        Map<String, Integer> regions = new TreeMap<>();
        jdbc.query("SELECT region, count(*) AS labs FROM lab WHERE status <> 'DELETED' GROUP BY region", rs -> {
            regions.put(rs.getString("region"), rs.getInt("labs"));
        });
        return regions;
    }

    /** The lab's totals as the read model holds them, by indicator, month and category. */
    private Map<Key, Long> labTotals(UUID labId) {
        Map<Key, Long> totals = new HashMap<>();
        jdbc.query(
                "SELECT indicator, period, gender, age_band, value FROM indicator_value WHERE lab_id = ?",
                rs -> {
                    totals.put(
                            new Key(
                                    rs.getString("indicator"),
                                    rs.getObject("period", LocalDate.class),
                                    rs.getString("gender"),
                                    rs.getString("age_band")),
                            rs.getLong("value"));
                },
                labId);
        return totals;
    }

    private long lockDelivery(UUID labId) {
        jdbc.update("INSERT INTO indicator_delivery (lab_id) VALUES (?) ON CONFLICT DO NOTHING", labId);
        return jdbc.queryForObject(
                "SELECT applied_seq FROM indicator_delivery WHERE lab_id = ? FOR UPDATE", Long.class, labId);
    }

    /**
     * Adds the changes to the lab and to its region's rollups (by month; by year and category), each in key order, so
     * labs of one region applying at once never deadlock on its rows.
     */
    private void add(UUID labId, String region, Map<Key, Long> changes) {
        List<Object[]> lab = new ArrayList<>();
        Map<List<Object>, Long> byMonth = new TreeMap<>(ROLLUP_ORDER);
        Map<List<Object>, Long> byYear = new TreeMap<>(ROLLUP_ORDER);
        new TreeMap<>(changes).forEach((key, delta) -> {
            lab.add(new Object[] {labId, key.indicator(), key.period(), key.gender(), key.ageBand(), delta});
            byMonth.merge(List.of(region, key.indicator(), key.period()), delta, Long::sum);
            byYear.merge(
                    List.of(region, key.indicator(), key.period().getYear(), key.gender(), key.ageBand()),
                    delta,
                    Long::sum);
        });
        jdbc.batchUpdate("""
                INSERT INTO indicator_value (lab_id, indicator, period, gender, age_band, value) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (lab_id, indicator, period, gender, age_band)
                DO UPDATE SET value = indicator_value.value + excluded.value""", lab);
        jdbc.batchUpdate("""
                INSERT INTO indicator_region_month (region, indicator, period, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (region, indicator, period) DO UPDATE SET value = indicator_region_month.value + excluded.value""", rows(byMonth));
        jdbc.batchUpdate("""
                INSERT INTO indicator_region_year (region, indicator, year, gender, age_band, value) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (region, indicator, year, gender, age_band)
                DO UPDATE SET value = indicator_region_year.value + excluded.value""", rows(byYear));
    }

    private static final java.util.Comparator<List<Object>> ROLLUP_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            int order = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    };

    private static List<Object[]> rows(Map<List<Object>, Long> rollup) {
        List<Object[]> rows = new ArrayList<>();
        rollup.forEach((key, delta) -> {
            List<Object> row = new ArrayList<>(key);
            row.add(delta);
            rows.add(row.toArray());
        });
        return rows;
    }
}
