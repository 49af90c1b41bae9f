package org.creativelabs.core.finance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lab's money, in som as exact decimals: what residents are charged, what they pay, what they are given, and what
 * the lab spends. Plain SQL: charges are drawn from plans and bookings in one statement each, once per person and
 * month (plan fees) or per booking (space use), so running a month again charges nothing twice.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Ledger {

    record Entry(UUID id, String kind, LocalDate on, BigDecimal amountKgs, String text) {}

    record Balance(
            UUID membershipId,
            BigDecimal chargedKgs,
            BigDecimal paidKgs,
            BigDecimal subsidisedKgs,
            BigDecimal balanceKgs) {}

    record Month(YearMonth month, BigDecimal incomeKgs, BigDecimal costsKgs) {}

    private final JdbcTemplate jdbc;

    Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Charges the month's plan fees and the use of priced spaces booked in it; returns how many of each are new. */
    int[] chargeMonth(YearMonth month, ZoneId zone) {
        Date period = Date.valueOf(month.atDay(1));
        int fees = jdbc.update("""
                INSERT INTO charge (id, subject, kind, period, amount_kgs, description)
                SELECT gen_random_uuid(), m.subject, 'PLAN_FEE', ?, p.monthly_fee_kgs, p.name
                FROM membership m JOIN membership_plan p ON p.id = m.plan_id
                WHERE m.active AND m.erased_at IS NULL AND p.monthly_fee_kgs > 0
                ON CONFLICT (subject, period) WHERE kind = 'PLAN_FEE' DO NOTHING""", period);
        int use = jdbc.update(
                """
                INSERT INTO charge (id, subject, kind, period, amount_kgs, description, booking_id)
                SELECT gen_random_uuid(), b.booked_by, 'SPACE_USE', ?,
                       round(s.hourly_price_kgs * extract(epoch FROM b.ends_at - b.starts_at) / 3600, 2), s.name, b.id
                FROM booking b JOIN space s ON s.id = b.space_id
                WHERE b.status = 'CONFIRMED' AND s.hourly_price_kgs > 0 AND b.starts_at >= ? AND b.starts_at < ?
                  AND b.booked_by NOT LIKE 'erased:%'
                  AND round(s.hourly_price_kgs * extract(epoch FROM b.ends_at - b.starts_at) / 3600, 2) > 0
                ON CONFLICT (booking_id) DO NOTHING""",
                period,
                java.sql.Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant()),
                java.sql.Timestamp.from(
                        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
        return new int[] {fees, use};
    }

    UUID charge(String subject, YearMonth month, BigDecimal amount, String description) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO charge (id, subject, kind, period, amount_kgs, description) VALUES (?, ?, 'OTHER', ?, ?, ?)",
                id,
                subject,
                Date.valueOf(month.atDay(1)),
                amount,
                description);
        return id;
    }

    /** Records a payment; false when its receipt number is recorded already. */
    boolean pay(
            UUID id, String subject, BigDecimal amount, String method, String receipt, LocalDate paidOn, String by) {
        return jdbc.update("""
                        INSERT INTO payment (id, subject, amount_kgs, method, receipt_no, paid_on, recorded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (receipt_no) DO NOTHING""", id, subject, amount, method, receipt, paidOn, by) == 1;
    }

    UUID subsidise(String subject, BigDecimal amount, String reason, LocalDate grantedOn, String by) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO subsidy (id, subject, amount_kgs, reason, granted_on, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                subject,
                amount,
                reason,
                grantedOn,
                by);
        return id;
    }

    UUID cost(YearMonth month, String category, BigDecimal amount, String note, String by) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO lab_cost (id, period, category, amount_kgs, note, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                Date.valueOf(month.atDay(1)),
                category,
                amount,
                note,
                by);
        return id;
    }

    /** Everything charged, paid and given to one person, oldest first. */
    List<Entry> entries(String subject) {
        return jdbc.query(
                """
                SELECT id, 'charge:' || kind AS kind, period AS on_day, -amount_kgs AS amount, description AS text
                  FROM charge WHERE subject = ?
                UNION ALL SELECT id, 'payment:' || method, paid_on, amount_kgs, receipt_no FROM payment WHERE subject = ?
                UNION ALL SELECT id, 'subsidy', granted_on, amount_kgs, reason FROM subsidy WHERE subject = ?
                ORDER BY on_day, kind""",
                (rs, row) -> new Entry(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getObject("on_day", LocalDate.class),
                        rs.getBigDecimal("amount"),
                        rs.getString("text")),
                subject,
                subject,
                subject);
    }

    /** Every member's balance with the ledger (most owed first). */
    List<Balance> balances() {
        return jdbc.query(
                """
                SELECT m.id, coalesce(c.total, 0) AS charged, coalesce(p.total, 0) AS paid, coalesce(s.total, 0) AS given
                FROM membership m
                LEFT JOIN (SELECT subject, sum(amount_kgs) AS total FROM charge GROUP BY subject) c ON c.subject = m.subject
                LEFT JOIN (SELECT subject, sum(amount_kgs) AS total FROM payment GROUP BY subject) p ON p.subject = m.subject
                LEFT JOIN (SELECT subject, sum(amount_kgs) AS total FROM subsidy GROUP BY subject) s ON s.subject = m.subject
                WHERE c.total IS NOT NULL OR p.total IS NOT NULL OR s.total IS NOT NULL
                ORDER BY coalesce(p.total, 0) + coalesce(s.total, 0) - coalesce(c.total, 0), m.id""",
                (rs, row) -> balance(
                        rs.getObject("id", UUID.class),
                        rs.getBigDecimal("charged"),
                        rs.getBigDecimal("paid"),
                        rs.getBigDecimal("given")));
    }

    Balance balance(UUID membershipId, String subject) {
        return jdbc.queryForObject(
                """
                SELECT (SELECT coalesce(sum(amount_kgs), 0) FROM charge WHERE subject = ?),
                       (SELECT coalesce(sum(amount_kgs), 0) FROM payment WHERE subject = ?),
                       (SELECT coalesce(sum(amount_kgs), 0) FROM subsidy WHERE subject = ?)""",
                (rs, row) -> balance(membershipId, rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3)),
                subject,
                subject,
                subject);
    }

    /** Residents' payments and the lab's costs per month of [from, to]. */
    List<Month> months(YearMonth from, YearMonth to) {
        return jdbc.query(
                """
                SELECT m::date AS month,
                       (SELECT coalesce(sum(amount_kgs), 0) FROM payment
                         WHERE paid_on >= m::date AND paid_on < (m + interval '1 month')::date) AS income,
                       (SELECT coalesce(sum(amount_kgs), 0) FROM lab_cost WHERE period = m::date) AS costs
                FROM generate_series(?::date, ?::date, interval '1 month') AS m ORDER BY m""",
                (rs, row) -> new Month(
                        YearMonth.from(rs.getObject("month", LocalDate.class)),
                        rs.getBigDecimal("income"),
                        rs.getBigDecimal("costs")),
                Date.valueOf(from.atDay(1)),
                Date.valueOf(to.atDay(1)));
    }

    /** Part of erasure: amounts stay (the lab's ratio) under the pseudonym; free text about the person goes. */
    void erase(String subject, String pseudonym) {
        jdbc.update("UPDATE charge SET subject = ?, description = NULL WHERE subject = ?", pseudonym, subject);
        jdbc.update("UPDATE payment SET subject = ? WHERE subject = ?", pseudonym, subject);
        jdbc.update("UPDATE subsidy SET subject = ?, reason = NULL WHERE subject = ?", pseudonym, subject);
        jdbc.update("UPDATE payment SET recorded_by = ? WHERE recorded_by = ?", pseudonym, subject);
        jdbc.update("UPDATE subsidy SET recorded_by = ? WHERE recorded_by = ?", pseudonym, subject);
        jdbc.update("UPDATE lab_cost SET recorded_by = ? WHERE recorded_by = ?", pseudonym, subject);
    }

    private static Balance balance(UUID membershipId, BigDecimal charged, BigDecimal paid, BigDecimal given) {
        return new Balance(membershipId, charged, paid, given, paid.add(given).subtract(charged));
    }

    static BigDecimal ratio(BigDecimal income, BigDecimal costs) {
        return costs.signum() == 0 ? null : income.divide(costs, 4, RoundingMode.HALF_EVEN);
    }
}
