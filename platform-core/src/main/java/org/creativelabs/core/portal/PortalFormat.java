package org.creativelabs.core.portal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** Dates, times, numbers and som as the reader's language writes them, on the lab's clock ({@code ${f}} in pages). */
public final class PortalFormat {

    private final Locale locale;
    private final ZoneId zone;
    private final MessageSource messages;

    PortalFormat(Locale locale, ZoneId zone, MessageSource messages) {
        this.locale = locale;
        this.zone = zone;
        this.messages = messages;
    }

    public ZoneId zone() {
        return zone;
    }

    /** "Tue 8 Dec 2026, 14:00" in the reader's language. */
    public String dateTime(Instant at) {
        return at == null
                ? ""
                : DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", locale).format(at.atZone(zone));
    }

    public String date(Instant at) {
        return at == null ? "" : date(at.atZone(zone).toLocalDate());
    }

    public String date(LocalDate day) {
        return day == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(locale)
                        .format(day);
    }

    /** "Tue 8" : a day of a week's calendar. */
    public String weekday(LocalDate day) {
        return DateTimeFormatter.ofPattern("EEE d MMM", locale).format(day);
    }

    public String time(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("HH:mm", locale).format(at.atZone(zone));
    }

    public String number(Number value) {
        return value == null ? "" : NumberFormat.getNumberInstance(locale).format(value);
    }

    /** An amount in Kyrgyz som: "12 500 сом". */
    public String som(BigDecimal amount) {
        return amount == null ? "" : messages.getMessage("money.som", new Object[] {number(amount)}, locale);
    }

    public String som(long amount) {
        return som(BigDecimal.valueOf(amount));
    }
}
