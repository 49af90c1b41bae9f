package org.creativelabs.admin.indicators;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabRegistry.RegisteredLab;
import org.creativelabs.admin.web.Problems;
import org.creativelabs.indicators.Fact;
import org.creativelabs.indicators.Indicator;
import org.creativelabs.indicators.IndicatorReport;
import org.creativelabs.realm.LabSlugs;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the indicators API, its CSV and UNDP's pages show, from the read model only (never from a lab's schema): regions
 * side by side against their targets, and one lab's indicators protected against its region's other labs. Every count
 * of people is suppressed by the same rules before it leaves here.
 */
@Component
class IndicatorViews {

    private static final ZoneId KYRGYZSTAN = ZoneId.of("Asia/Bishkek");

    record RegionIndicators(String region, int labs, List<IndicatorReport> indicators) {}

    record Regions(int year, List<RegionIndicators> regions) {}

    record LabIndicators(int year, String lab, String displayName, String region, List<IndicatorReport> indicators) {}

    private final IndicatorReadModel readModel;
    private final Targets targets;
    private final LabRegistry registry;

    IndicatorViews(IndicatorReadModel readModel, Targets targets, LabRegistry registry) {
        this.readModel = readModel;
        this.targets = targets;
        this.registry = registry;
    }

    /** Every region side by side for the year, against its targets. */
    Regions regions(int shown) {
        Map<String, Map<String, Long>> regionTargets = targets.byRegion(shown);
        Map<String, Map<Indicator, IndicatorReport.Counts>> counts = readModel.regionCounts(shown);
        List<RegionIndicators> regions = new ArrayList<>();
        readModel.regions().forEach((region, labs) -> {
            Map<String, Long> regionTarget = regionTargets.getOrDefault(region, Map.of());
            regions.add(new RegionIndicators(
                    region,
                    labs,
                    Arrays.stream(Indicator.values())
                            .map(indicator -> IndicatorReport.of(
                                    counts.getOrDefault(region, Map.of())
                                            .getOrDefault(
                                                    indicator,
                                                    IndicatorReport.Counts.ofRollups(
                                                            indicator, shown, new long[12], 0, List.of())),
                                    regionTarget.get(indicator.id())))
                            .toList()));
        });
        return new Regions(shown, regions);
    }

    /** One lab's indicators for the year, each protected against its region's other labs, against its targets. */
    LabIndicators lab(RegisteredLab lab, int shown) {
        // The lab's region shows the sum of its labs: each figure is protected against its siblings' too.
        Map<UUID, List<Fact>> siblings = new java.util.LinkedHashMap<>(readModel.factsOfLabsIn(lab.region()));
        siblings.putIfAbsent(lab.id(), List.of());
        List<UUID> order = new ArrayList<>(siblings.keySet());
        int which = order.indexOf(lab.id());
        Map<String, Long> labTargets = targets.ofLab(lab.id(), shown);
        List<IndicatorReport> reports = Arrays.stream(Indicator.values())
                .map(indicator -> IndicatorReport.amongSiblings(
                        order.stream()
                                .map(id -> IndicatorReport.Counts.of(indicator, shown, siblings.get(id)))
                                .toList(),
                        which,
                        labTargets.get(indicator.id())))
                .toList();
        return new LabIndicators(shown, lab.slug(), lab.displayName(), lab.region(), reports);
    }

    RegisteredLab labOf(String slug) {
        if (LabSlugs.reasonAgainst(slug) != null) {
            throw Problems.exception(
                    HttpStatus.NOT_FOUND, "lab-not-found", "There is no lab with that name; lab names are like osh.");
        }
        return registry.bySlug(slug)
                .orElseThrow(() ->
                        Problems.exception(HttpStatus.NOT_FOUND, "lab-not-found", "There is no lab " + slug + "."));
    }

    /** The year asked for, or this year in Kyrgyzstan. */
    static int yearOr(Integer year) {
        return year == null ? LocalDate.now(KYRGYZSTAN).getYear() : year;
    }
}
