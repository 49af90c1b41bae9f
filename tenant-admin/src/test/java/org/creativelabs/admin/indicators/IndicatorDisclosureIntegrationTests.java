package org.creativelabs.admin.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.admin.provisioning.TenantAdminStack;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.indicators.Disclosure;
import org.creativelabs.indicators.DisclosureAttack;
import org.creativelabs.indicators.Indicator;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Must-show 2, on what the server sends: a breakdown with a 3 in it and its row total shown, read back from the JSON
 * and from the CSV, gives an attacker who knows every relation between the shown numbers no way to the 3; a village
 * lab of four shows no breakdown anywhere.
 */
class IndicatorDisclosureIntegrationTests extends TenantAdminStack {

    static final List<String> GENDERS = Indicator.Dimension.GENDER.categories();
    static final List<String> BANDS = Indicator.Dimension.AGE_BAND.categories();

    @Autowired
    LabRegistry registry;

    String viewer;

    @BeforeEach
    void viewer() {
        viewer = TestKeycloak.userToken(TestKeycloak.createUser("undp", CreativeLabsRealm.UNDP_VIEWER));
    }

    @Test
    void aThreeBesideItsShownRowTotalCannotBeWorkedOutFromTheJsonOrTheCsv() throws Exception {
        long[][] counts = new long[GENDERS.size()][BANDS.size()];
        counts[0] = new long[] {7, 12, 3, 20, 9, 6}; // women: 25-28 is 3
        counts[1] = new long[] {10, 8, 6, 11, 5, 7}; // men
        String slug = labWith("Chuy", counts);

        JsonNode residents = residents(
                get("/api/indicators/labs/" + slug + "?year=2026", viewer).json());
        Disclosure.Table fromJson = table(residents.get("breakdown"));
        assertThat(fromJson.cells()[0][2]).as("the 3").isNull();
        assertThat(fromJson.rowTotals()[0]).as("women, shown").isEqualTo(57L);
        assertThat(DisclosureAttack.derivable(counts, fromJson)).isEmpty();

        String csv = get("/api/indicators/csv?year=2026&lab=" + slug, viewer).body();
        Disclosure.Table fromCsv = tableFromCsv(csv);
        assertThat(fromCsv.rowTotals()[0]).isEqualTo(57L);
        assertThat(DisclosureAttack.derivable(counts, fromCsv)).isEmpty();
        assertThat(csv).contains(",breakdown,woman,25-28,suppressed");
        // And the same numbers in the region's view, where this is the only lab.
        assertThat(get("/api/indicators?year=2026", viewer).body()).contains("\"region\":\"Chuy-" + slug + "\"");
    }

    @Test
    void aVillageLabOfFourShowsNoBreakdownAnywhere() throws Exception {
        long[][] counts = new long[GENDERS.size()][BANDS.size()];
        counts[0][1] = 3;
        counts[0][2] = 1;
        String slug = labWith("Naryn-village", counts);

        JsonNode residents = residents(
                get("/api/indicators/labs/" + slug + "?year=2026", viewer).json());
        assertThat(residents.get("breakdown").get("withheld").asBoolean()).isTrue();
        assertThat(residents.get("yearTotal").isNull()).isTrue();
        Disclosure.Table shown = table(residents.get("breakdown"));
        assertThat(shown.rowTotals()).containsOnlyNulls();
        assertThat(shown.columnTotals()).containsOnlyNulls();
        assertThat(shown.total()).isNull();
        for (Long[] row : shown.cells()) {
            assertThat(row).containsOnlyNulls();
        }
        String csv = get("/api/indicators/csv?year=2026&lab=" + slug, viewer).body();
        assertThat(csv).doesNotContain(",breakdown,");
        assertThat(csv).contains("residents.new,\"SDG 5.5 SDG 8.3\",2026,year,,,suppressed");
    }

    private String labWith(String regionPrefix, long[][] counts) throws Exception {
        String slug = uniqueSlug("sdc");
        UUID id = UUID.randomUUID();
        registry.register(id, slug, "Lab " + slug, regionPrefix + "-" + slug, List.of("ky"));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int g = 0; g < counts.length; g++) {
            for (int b = 0; b < counts[g].length; b++) {
                if (counts[g][b] > 0) {
                    entries.add(Map.of(
                            "seq",
                            entries.size() + 1,
                            "indicator",
                            "residents.new",
                            "period",
                            "2026-03-01",
                            "gender",
                            GENDERS.get(g),
                            "ageBand",
                            BANDS.get(b),
                            "delta",
                            counts[g][b]));
                }
            }
        }
        String service = TestKeycloak.clientToken(CreativeLabsRealm.PLATFORM_CORE_CLIENT);
        Reply delivered = post("/internal/indicators/labs/" + id, Map.of("entries", entries), service, Map.of());
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        assertThat(delivered.json().get("appliedSeq").asLong()).isEqualTo(entries.size());
        return slug;
    }

    private static JsonNode residents(JsonNode lab) {
        return lab.get("indicators")
                .valueStream()
                .filter(i -> i.get("indicator").asString().equals("residents.new"))
                .findFirst()
                .orElseThrow();
    }

    private static Disclosure.Table table(JsonNode breakdown) {
        Long[][] cells = new Long[GENDERS.size()][BANDS.size()];
        Long[] rows = new Long[GENDERS.size()];
        Long[] columns = new Long[BANDS.size()];
        for (int g = 0; g < GENDERS.size(); g++) {
            rows[g] = number(breakdown.get("rowTotals").get(g));
            for (int b = 0; b < BANDS.size(); b++) {
                cells[g][b] = number(breakdown.get("cells").get(g).get(b));
            }
        }
        for (int b = 0; b < BANDS.size(); b++) {
            columns[b] = number(breakdown.get("columnTotals").get(b));
        }
        return new Disclosure.Table(cells, rows, columns, number(breakdown.get("total")), false);
    }

    /** The breakdown as a spreadsheet reader would rebuild it from the CSV's lines (the year line is its total). */
    private static Disclosure.Table tableFromCsv(String csv) {
        Long[][] cells = new Long[GENDERS.size()][BANDS.size()];
        Long[] rows = new Long[GENDERS.size()];
        Long[] columns = new Long[BANDS.size()];
        Long total = null;
        for (String line : csv.split("\n")) {
            String[] f = line.replace("\"", "").split(",");
            if (f.length < 9 || !f[2].equals("residents.new")) {
                continue;
            }
            Long value = f[8].equals("suppressed") ? null : Long.valueOf(f[8].trim());
            if (f[5].equals("year")) {
                total = value;
            } else if (f[5].equals("breakdown")) {
                int g = GENDERS.indexOf(f[6]);
                int b = BANDS.indexOf(f[7]);
                if (g >= 0 && b >= 0) {
                    cells[g][b] = value;
                } else if (g >= 0) {
                    rows[g] = value;
                } else {
                    columns[b] = value;
                }
            }
        }
        return new Disclosure.Table(cells, rows, columns, total, false);
    }

    private static Long number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}
