package org.creativelabs.core.indicators;

import java.time.LocalDate;
import java.util.List;
import org.creativelabs.indicators.Fact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current lab's outbox of counted facts (written by triggers in its schema, never by code): what is still to be
 * delivered to tenant-admin, and the lab's totals aggregated from it.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class IndicatorOutbox {

    /** One counted fact: an aggregate, never a person. */
    record Entry(long seq, String indicator, LocalDate period, String gender, String ageBand, long delta) {}

    private final JdbcTemplate jdbc;

    IndicatorOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long lastSeq() {
        return jdbc.queryForObject("SELECT last_seq FROM indicator_sequence", Long.class);
    }

    long deliveredSeq() {
        return jdbc.queryForObject("SELECT delivered_seq FROM indicator_delivery", Long.class);
    }

    List<Entry> after(long seq, int limit) {
        return jdbc.query(
                "SELECT seq, indicator, period, gender, age_band, delta FROM indicator_outbox WHERE seq > ? ORDER BY seq"
                        + " LIMIT ?",
                (rs, row) -> new Entry(
                        rs.getLong("seq"),
                        rs.getString("indicator"),
                        rs.getObject("period", LocalDate.class),
                        rs.getString("gender"),
                        rs.getString("age_band"),
                        rs.getLong("delta")),
                seq,
                limit);
    }

    /** tenant-admin has applied everything up to {@code seq}: delivery resumes after it (backwards too, after a gap). */
    void delivered(long seq) {
        jdbc.update("UPDATE indicator_delivery SET delivered_seq = ?, delivered_at = now()", seq);
    }

    /**
     * Totals of every fact numbered up to {@code throughSeq}: facts are numbered in commit order without gaps, so these
     * are exactly what an incremental reader has applied once it reached that number.
     */
    List<Fact> totals(long throughSeq) {
        return jdbc.query(
                """
                SELECT indicator, period, gender, age_band, sum(delta) AS value FROM indicator_outbox WHERE seq <= ?
                GROUP BY indicator, period, gender, age_band ORDER BY indicator, period, gender, age_band""",
                (rs, row) -> new Fact(
                        rs.getString("indicator"),
                        rs.getObject("period", LocalDate.class),
                        rs.getString("gender"),
                        rs.getString("age_band"),
                        rs.getLong("value")),
                throughSeq);
    }
}
