package org.creativelabs.admin.indicators;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.creativelabs.indicators.Indicator;
import org.creativelabs.indicators.IndicatorReport;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * UNDP's dashboard: every region side by side against its targets, the monthly series as charts (each with its table),
 * and the residents' breakdown by gender and age band, suppressed exactly as the API and the CSV are (it is the same
 * {@link IndicatorViews} answer). Read only: the page has no form that changes anything.
 */
@Controller
class DashboardPages {

    /** One region's report of one indicator, for the side-by-side tables. */
    record RegionReport(String region, int labs, IndicatorReport report) {}

    /** One indicator across the regions. */
    record IndicatorRows(Indicator indicator, List<RegionReport> regions) {

        /** A target is shown when some region has one. */
        public boolean hasTargets() {
            return regions.stream().anyMatch(r -> r.report().target() != null);
        }
    }

    private final IndicatorViews views;

    DashboardPages(IndicatorViews views) {
        this.views = views;
    }

    @GetMapping({"/undp", "/undp/"})
    String dashboard(
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
            Model model,
            HttpServletResponse response,
            org.springframework.security.core.Authentication caller) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        int shown = IndicatorViews.yearOr(year);
        IndicatorViews.Regions regions = views.regions(shown);
        List<IndicatorRows> indicators = java.util.Arrays.stream(Indicator.values())
                .map(indicator -> new IndicatorRows(
                        indicator,
                        regions.regions().stream()
                                .map(r -> new RegionReport(
                                        r.region(),
                                        r.labs(),
                                        r.indicators().stream()
                                                .filter(report ->
                                                        report.indicator().equals(indicator.id()))
                                                .findFirst()
                                                .orElseThrow()))
                                .toList()))
                .toList();
        model.addAttribute("year", shown);
        model.addAttribute(
                "coordinator",
                caller.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority()
                                .equals("ROLE_" + org.creativelabs.realm.CreativeLabsRealm.COORDINATOR)));
        model.addAttribute("thisYear", IndicatorViews.yearOr(null));
        model.addAttribute("indicators", indicators);
        model.addAttribute("regionCount", regions.regions().size());
        model.addAttribute(
                "months",
                java.util.stream.IntStream.rangeClosed(1, 12)
                        .mapToObj(m -> java.time.LocalDate.of(shown, m, 1))
                        .toList());
        return "dashboard";
    }
}
