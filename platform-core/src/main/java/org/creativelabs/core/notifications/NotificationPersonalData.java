package org.creativelabs.core.notifications;

import org.creativelabs.core.members.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A person's notifications in their export; erasure deletes them (they count nothing). */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class NotificationPersonalData implements PersonalData {

    private final JdbcTemplate jdbc;

    NotificationPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "notifications";
    }

    @Override
    public Object export(String subject) {
        return jdbc.queryForList(
                "SELECT message, args::text AS args, created_at, read_at FROM notification WHERE subject = ?"
                        + " ORDER BY created_at",
                subject);
    }

    @Override
    public void erase(String subject, String pseudonym) {
        jdbc.update("DELETE FROM notification WHERE subject = ?", subject);
    }
}
