package org.creativelabs.core.finance;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Staff's money page: the share of the lab's costs its residents' payments cover this year, every member's balance,
 * and recording a charge, a payment or a cost; the month's charges run from here.
 */
@Controller
@RequestMapping("/api/labs/{slug}/portal/staff")
class FinancePages {

    private final FinanceController finance;

    FinancePages(FinanceController finance) {
        this.finance = finance;
    }

    @GetMapping("/finance")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    String finance(Model model) {
        FinanceController.SelfFinancing year = finance.selfFinancing(null, null);
        model.addAttribute("year", year);
        model.addAttribute("balances", finance.balances());
        model.addAttribute("month", year.to());
        return "portal/staff-finance";
    }
}
